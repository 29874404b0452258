import { ActionIcon, Button, Checkbox, Chip, Divider, Group, Modal, NumberInput, Paper, Select, SimpleGrid, Stack, Switch, TagsInput, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useEffect } from 'react';
import type { ProcedureInput } from '../../../shared/contract/index.js';
import type { ProgramEntry } from '../../../shared/contract/ncd.js';
import { NCD_FIELD_KEYS, type NcdControl, type NcdField } from '../../../shared/ncd/program-schema.js';
import { foldVietnamese } from '../../../shared/text/fold.js';
import { useApiMutation } from '../../api/hooks.js';
import { reportApiError, reportSuccess } from '../../app/feedback.js';
import { useI18n } from '../../i18n/I18nProvider.js';

type ProgramInput = ProcedureInput<'ncd.saveProgram'>['program'];
type ExtraType = 'number' | 'text' | 'boolean' | 'choice';
type Option = { value: string; labelVi: string; labelEn: string };

interface FieldForm {
  key: string;
  labelVi: string;
  labelEn: string;
  type: ExtraType;
  unit: string;
  min: number | string;
  max: number | string;
  integer: boolean;
  required: boolean;
  maxLength: number | string;
  /** Choice labels as typed; their stored values are kept from `known` when a label is unchanged. */
  options: string[];
  known: Option[];
}

interface ProgramForm {
  code: string;
  nameVi: string;
  nameEn: string;
  shortName: string;
  icd10: string[];
  followUpDays: number | string;
  control: NcdControl;
  fields: NcdField[];
  extraFields: FieldForm[];
  source: string;
}

const EMPTY: ProgramForm = { code: '', nameVi: '', nameEn: '', shortName: '', icd10: [], followUpDays: 30, control: 'none', fields: ['symptoms', 'adherence', 'medicines'], extraFields: [], source: '' };

const newField = (): FieldForm => ({ key: '', labelVi: '', labelEn: '', type: 'number', unit: '', min: '', max: '', integer: false, required: false, maxLength: 200, options: [], known: [] });

function toForm(p: ProgramEntry): ProgramForm {
  return {
    code: p.code,
    nameVi: p.nameVi,
    nameEn: p.nameEn,
    shortName: p.shortName ?? '',
    icd10: p.icd10,
    followUpDays: p.followUpDays,
    control: p.control,
    fields: p.fields,
    source: p.source,
    extraFields: p.extraFields.map((f) => ({
      ...newField(),
      key: f.key,
      labelVi: f.labelVi,
      labelEn: f.labelEn,
      type: f.type,
      required: f.required,
      ...(f.type === 'number' ? { unit: f.unit ?? '', min: f.min ?? '', max: f.max ?? '', integer: f.integer } : {}),
      ...(f.type === 'text' ? { maxLength: f.maxLength } : {}),
      ...(f.type === 'choice' ? { options: f.options.map((o) => o.labelVi), known: f.options } : {}),
    })),
  };
}

const num = (v: number | string): number | undefined => (v === '' || v === undefined ? undefined : Number(v));

/** A choice's stored value: kept when its label is unchanged, else made from the label ("Nhẹ" → "nhe"). */
function options(f: FieldForm): Option[] {
  const used = new Set<string>();
  return f.options.map((label, i) => {
    const known = f.known.find((o) => o.labelVi === label);
    let value = known?.value ?? (foldVietnamese(label).replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '').slice(0, 28) || `lua_chon_${i + 1}`);
    while (used.has(value)) value = `${value}_${i + 1}`;
    used.add(value);
    return { value, labelVi: label, labelEn: known?.labelEn ?? label };
  });
}

function toProgram(v: ProgramForm, original: ProgramEntry | null): ProgramInput {
  return {
    code: v.code.trim(),
    nameVi: v.nameVi,
    nameEn: v.nameEn || v.nameVi,
    ...(v.shortName.trim() ? { shortName: v.shortName.trim() } : {}),
    icd10: v.icd10.map((c) => c.trim().toUpperCase()),
    followUpDays: Number(v.followUpDays),
    control: v.control,
    fields: v.fields,
    targets: original?.targets ?? {},
    source: v.source,
    extraFields: v.extraFields.map((f) => {
      const common = { key: f.key.trim(), labelVi: f.labelVi, labelEn: f.labelEn || f.labelVi, required: f.required };
      if (f.type === 'number') return { ...common, type: 'number' as const, integer: f.integer, ...(f.unit.trim() ? { unit: f.unit.trim() } : {}), ...(num(f.min) !== undefined ? { min: num(f.min) } : {}), ...(num(f.max) !== undefined ? { max: num(f.max) } : {}) };
      if (f.type === 'text') return { ...common, type: 'text' as const, maxLength: num(f.maxLength) ?? 200 };
      if (f.type === 'boolean') return { ...common, type: 'boolean' as const };
      return { ...common, type: 'choice' as const, options: options(f) };
    }),
  };
}

/** Server field paths (`program.extraFields.0.key`, `program.icd10.1`) → this form's paths. */
function formPath(path: string): string {
  const p = path.replace(/^program\./, '');
  if (p.startsWith('icd10')) return 'icd10';
  const opt = /^(extraFields\.\d+\.options)/.exec(p);
  return opt ? opt[1]! : p;
}

export function ProgramFormModal({ opened, program, onClose }: { opened: boolean; program: ProgramEntry | null; onClose: () => void }) {
  const { t } = useI18n();
  const save = useApiMutation('ncd.saveProgram');
  const form = useForm<ProgramForm>({ initialValues: EMPTY });
  useEffect(() => {
    if (opened) {
      form.setValues(program ? toForm(program) : EMPTY);
      form.resetDirty();
      form.clearErrors();
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [opened, program]);

  const submit = (v: ProgramForm) =>
    save.mutate(
      { program: toProgram(v, program) },
      {
        onSuccess: (r) => (reportSuccess(t('ncdAdmin.saved', { name: r.program.nameVi })), onClose()),
        onError: (e) => {
          let first: string | null = null;
          const setFieldError = (path: string, message: string) => {
            first ??= formPath(path);
            form.setFieldError(formPath(path), message);
          };
          reportApiError(e, { setFieldError } as never);
          // The modal scrolls: bring the first field the backend refused into view.
          if (first) setTimeout(() => form.getInputNode(first!)?.focus(), 0);
        },
      },
    );
  const typeOptions = (['number', 'text', 'boolean', 'choice'] as const).map((value) => ({ value, label: t(`ncdAdmin.type.${value}`) }));

  return (
    <Modal opened={opened} onClose={onClose} size="xl" title={program ? t('ncdAdmin.edit') : t('ncdAdmin.add')}>
      <form onSubmit={form.onSubmit(submit)} data-testid="ncd-program-form">
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput label={t('ncdAdmin.code')} description={t('ncdAdmin.codeHint')} withAsterisk disabled={!!program} data-autofocus {...form.getInputProps('code')} />
            <TextInput label={t('ncdAdmin.nameVi')} withAsterisk {...form.getInputProps('nameVi')} />
            <TextInput label={t('ncdAdmin.nameEn')} {...form.getInputProps('nameEn')} />
            <TextInput label={t('ncdAdmin.shortName')} {...form.getInputProps('shortName')} />
            <TagsInput label={t('ncdAdmin.icd10')} description={t('ncdAdmin.icd10Hint')} withAsterisk {...form.getInputProps('icd10')} onChange={(v) => form.setFieldValue('icd10', v.map((c) => c.toUpperCase()))} />
            <NumberInput label={t('ncdAdmin.followUpDays')} min={1} max={365} allowDecimal={false} withAsterisk {...form.getInputProps('followUpDays')} />
          </SimpleGrid>
          <Select
            label={t('ncdAdmin.control')}
            allowDeselect={false}
            data={(['bp', 'diabetes', 'none'] as const).map((value) => ({ value, label: t(`ncdAdmin.control.${value}`) }))}
            {...form.getInputProps('control')}
          />
          <div>
            <Text size="sm" fw={500} mb={4}>
              {t('ncdAdmin.fields')}
            </Text>
            <Chip.Group multiple value={form.values.fields} onChange={(v) => form.setFieldValue('fields', NCD_FIELD_KEYS.filter((k) => v.includes(k)))}>
              <Group gap={6}>
                {NCD_FIELD_KEYS.map((k) => (
                  <Chip key={k} value={k} size="sm">
                    {t(`ncdAdmin.field.${k}`)}
                  </Chip>
                ))}
              </Group>
            </Chip.Group>
            {form.errors.fields && (
              <Text c="red" size="xs">
                {form.errors.fields}
              </Text>
            )}
          </div>
          <Divider label={t('ncdAdmin.extraFields')} labelPosition="left" />
          {form.values.extraFields.map((f, i) => (
            <Paper key={i} withBorder p="xs" data-testid={`extra-field-${i}`}>
              <Group align="flex-end" gap="xs" wrap="nowrap">
                <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs" style={{ flex: 1 }}>
                  <TextInput size="xs" label={t('ncdAdmin.fieldKey')} withAsterisk {...form.getInputProps(`extraFields.${i}.key`)} />
                  <TextInput size="xs" label={t('ncdAdmin.fieldLabelVi')} withAsterisk {...form.getInputProps(`extraFields.${i}.labelVi`)} />
                  <TextInput size="xs" label={t('ncdAdmin.fieldLabelEn')} {...form.getInputProps(`extraFields.${i}.labelEn`)} />
                  <Select size="xs" label={t('ncdAdmin.fieldType')} allowDeselect={false} data={typeOptions} {...form.getInputProps(`extraFields.${i}.type`)} />
                  {f.type === 'number' && (
                    <>
                      <TextInput size="xs" label={t('ncdAdmin.unit')} {...form.getInputProps(`extraFields.${i}.unit`)} />
                      <NumberInput size="xs" label={t('ncdAdmin.min')} {...form.getInputProps(`extraFields.${i}.min`)} />
                      <NumberInput size="xs" label={t('ncdAdmin.max')} {...form.getInputProps(`extraFields.${i}.max`)} />
                      <Switch size="xs" mt="lg" label={t('ncdAdmin.integer')} {...form.getInputProps(`extraFields.${i}.integer`, { type: 'checkbox' })} />
                    </>
                  )}
                  {f.type === 'text' && <NumberInput size="xs" label={t('ncdAdmin.maxLength')} min={1} max={1000} allowDecimal={false} {...form.getInputProps(`extraFields.${i}.maxLength`)} />}
                  {f.type === 'choice' && (
                    <TagsInput size="xs" style={{ gridColumn: 'span 3' }} label={t('ncdAdmin.options')} description={t('ncdAdmin.optionsHint')} {...form.getInputProps(`extraFields.${i}.options`)} />
                  )}
                  <Checkbox size="xs" mt="lg" label={t('ncdAdmin.required')} {...form.getInputProps(`extraFields.${i}.required`, { type: 'checkbox' })} />
                </SimpleGrid>
                <ActionIcon variant="subtle" color="red" aria-label={t('ncdAdmin.removeField')} onClick={() => form.removeListItem('extraFields', i)}>
                  <IconTrash size={16} />
                </ActionIcon>
              </Group>
            </Paper>
          ))}
          <Group>
            <Button variant="light" size="xs" leftSection={<IconPlus size={14} />} onClick={() => form.insertListItem('extraFields', newField())}>
              {t('ncdAdmin.addField')}
            </Button>
          </Group>
          <TextInput label={t('ncdAdmin.source')} {...form.getInputProps('source')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
