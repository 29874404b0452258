import { ActionIcon, Button, Checkbox, Group, NumberInput, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import type { ProcedureInput } from '../../../../shared/contract/index.js';
import { healthRecordSections, type HealthRecordSection } from '../../../../shared/contract/health-record.js';
import type { MessageKey } from '../../../../shared/i18n/index.js';
import { useApiMutation } from '../../../api/hooks.js';
import { reportApiError, reportSuccess } from '../../../app/feedback.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import { SECTION_FIELDS, labelKey, optionKey, type FieldDesc } from './sections.js';

type Value = Record<string, unknown>;

/** Drops blanks so an untouched field stays absent (and the history shows only real changes). */
function clean(value: Value, fields: readonly FieldDesc[]): Value {
  const out: Value = {};
  for (const f of fields) {
    let v = value[f.key];
    if (typeof v === 'string') v = v.trim();
    if (f.kind === 'list' && Array.isArray(v)) {
      v = (v as Value[]).map((row) => clean(row, f.columns)).filter((row) => !isBlank(row[f.columns[0]!.key]));
    }
    if (isBlank(v) && f.kind === 'text' && f.required) v = '';
    else if (isBlank(v) && f.kind !== 'multi' && f.kind !== 'list') continue;
    out[f.key] = v ?? [];
  }
  return out;
}
const isBlank = (v: unknown) => v === undefined || v === null || v === '';

/** Edits one section of the health record; saving replaces it (the previous value stays in the history). */
export function SectionEditor({ personId, section, value, onDone }: { personId: string; section: HealthRecordSection; value: unknown; onDone: () => void }) {
  const { t } = useI18n();
  const tk = (k: string) => t(k as MessageKey);
  const save = useApiMutation('healthRecord.updateSection');
  const [draft, setDraft] = useState<Value>(() => ({ ...((value as Value | null) ?? {}) }));
  const [error, setError] = useState<string | null>(null);
  const fields = SECTION_FIELDS[section];
  const set = (key: string, v: unknown) => setDraft((d) => ({ ...d, [key]: v }));

  const submit = () => {
    const cleaned = clean(draft, fields);
    const parsed = healthRecordSections[section].safeParse(cleaned);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return setError(`${issue ? tk(labelKey(section, String(issue.path[0] ?? ''))) : ''}: ${t('hr.invalid')}`);
    }
    setError(null);
    save.mutate({ personId, section, value: parsed.data } as ProcedureInput<'healthRecord.updateSection'>, {
      onSuccess: () => (reportSuccess(t('hr.saved', { section: tk(`hr.section.${section}`) })), onDone()),
      onError: (e) => reportApiError(e),
    });
  };

  return (
    <form onSubmit={(e) => (e.preventDefault(), submit())} data-testid={`hr-editor-${section}`}>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          {fields.map((f, i) => (
            <FieldInput key={f.key} section={section} f={f} value={draft[f.key]} onChange={(v) => set(f.key, v)} autoFocus={i === 0} />
          ))}
        </SimpleGrid>
        {error && (
          <Text c="red" size="sm">
            {error}
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="hr-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function FieldInput({ section, f, value, onChange, autoFocus, prefix = '' }: {
  section: string;
  f: FieldDesc;
  value: unknown;
  onChange: (v: unknown) => void;
  autoFocus?: boolean;
  prefix?: string;
}) {
  const { t } = useI18n();
  const name = prefix ? `${prefix}.${f.key}` : f.key;
  const label = t(labelKey(section, name) as MessageKey);
  const focus = autoFocus ? { 'data-autofocus': true } : {};
  switch (f.kind) {
    case 'enum':
      return (
        <Select
          label={label}
          data={f.options.map((o) => ({ value: o, label: t(optionKey(section, name, o) as MessageKey) }))}
          value={(value as string | undefined) ?? null}
          onChange={(v) => onChange(v ?? undefined)}
          clearable
          {...focus}
        />
      );
    case 'bool':
      return <Checkbox mt="lg" label={label} checked={value === true} onChange={(e) => onChange(e.currentTarget.checked)} {...focus} />;
    case 'int':
    case 'number':
      return (
        <NumberInput
          label={label}
          value={(value as number | undefined) ?? ''}
          onChange={(v) => onChange(typeof v === 'number' ? v : undefined)}
          min={f.min}
          max={f.max}
          allowDecimal={f.kind === 'number'}
          {...focus}
        />
      );
    case 'text':
      return f.long ? (
        <Textarea label={label} value={(value as string | undefined) ?? ''} onChange={(e) => onChange(e.currentTarget.value)} autosize minRows={3} {...focus} style={{ gridColumn: '1 / -1' }} />
      ) : (
        <TextInput label={label} value={(value as string | undefined) ?? ''} onChange={(e) => onChange(e.currentTarget.value)} {...focus} />
      );
    case 'multi':
      return (
        <Checkbox.Group label={label} value={(value as string[] | undefined) ?? []} onChange={onChange} style={{ gridColumn: '1 / -1' }}>
          <SimpleGrid cols={{ base: 2, sm: 4 }} mt={6} spacing={6}>
            {f.options.map((o, i) => (
              <Checkbox key={o} value={o} label={t(optionKey(section, name, o) as MessageKey)} {...(i === 0 ? focus : {})} />
            ))}
          </SimpleGrid>
        </Checkbox.Group>
      );
    case 'list':
      return <ListInput section={section} f={f} name={name} label={label} value={(value as Value[] | undefined) ?? []} onChange={onChange} autoFocus={autoFocus} />;
  }
}

function ListInput({ section, f, name, label, value, onChange, autoFocus }: {
  section: string;
  f: Extract<FieldDesc, { kind: 'list' }>;
  name: string;
  label: string;
  value: Value[];
  onChange: (v: unknown) => void;
  autoFocus?: boolean;
}) {
  const { t } = useI18n();
  const rows = value.length ? value : [{}];
  const setRow = (i: number, key: string, v: unknown) => onChange(rows.map((r, j) => (j === i ? { ...r, [key]: v } : r)));
  return (
    <Stack gap={4} style={{ gridColumn: '1 / -1' }}>
      <Text size="sm" fw={500}>
        {label}
      </Text>
      {rows.map((row, i) => (
        <Group key={i} align="flex-end" gap="xs" wrap="nowrap" data-testid="hr-list-row">
          {f.columns.map((c, ci) => (
            <div key={c.key} style={{ flex: c.kind === 'text' ? 2 : 1 }}>
              <FieldInput section={section} f={c} prefix={name} value={row[c.key]} onChange={(v) => setRow(i, c.key, v)} autoFocus={autoFocus && i === 0 && ci === 0} />
            </div>
          ))}
          <ActionIcon variant="subtle" color="red" aria-label={t('hr.removeRow')} onClick={() => onChange(rows.filter((_, j) => j !== i))} mb={4}>
            <IconTrash size={16} />
          </ActionIcon>
        </Group>
      ))}
      <Group>
        <Button size="compact-sm" variant="light" leftSection={<IconPlus size={14} />} onClick={() => onChange([...rows, {}])} data-testid="hr-add-row">
          {t('hr.addRow')}
        </Button>
      </Group>
    </Stack>
  );
}
