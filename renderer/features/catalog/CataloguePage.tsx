import {
  Alert, Autocomplete, Badge, Button, FileInput, Group, List, Modal, Pagination, Paper, Stack, Switch, Table, Tabs, Text, TextInput, Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { IconFileImport, IconPencil, IconPlaylistAdd, IconPlus } from '@tabler/icons-react';
import { useState, type KeyboardEvent } from 'react';
import type { Medicine } from '../../../shared/contract/catalog.js';
import { formatDateTimeVi } from '../../../shared/dates.js';
import type { Role } from '../../../shared/roles.js';
import { ApiCallError } from '../../api/client.js';
import { useApiMutation, useApiQuery } from '../../api/hooks.js';
import { reportApiError, reportSuccess } from '../../app/feedback.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { IcdFlags } from './IcdPicker.js';

const PAGE_SIZE = 50;
const UNITS = ['viên', 'ống', 'gói', 'lọ', 'chai', 'tuýp', 'bình', 'túi', 'hộp', 'ml'];
const ROUTES = ['uống', 'tiêm', 'tiêm truyền', 'nhỏ mắt', 'nhỏ mũi', 'nhỏ tai', 'bôi', 'dùng ngoài', 'đặt', 'hít', 'khí dung', 'ngậm'];
const EDITORS: readonly Role[] = ['admin', 'physician', 'nurse'];
const IMPORTERS: readonly Role[] = ['admin', 'physician'];

/** Settings › Catalogues: the station's medicine list and the ICD-10 list (version, look-up, official import). */
export function CataloguePage() {
  const { t } = useI18n();
  const role = useApiQuery('auth.session', {}).data?.session?.user.role ?? null;
  return (
    <Stack>
      <Title order={2}>{t('catalog.title')}</Title>
      <Tabs defaultValue="medicines" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="medicines">{t('catalog.tab.medicines')}</Tabs.Tab>
          <Tabs.Tab value="icd10">{t('catalog.tab.icd10')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="medicines" pt="md">
          <MedicinesTab role={role} />
        </Tabs.Panel>
        <Tabs.Panel value="icd10" pt="md">
          <IcdTab role={role} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function MedicinesTab({ role }: { role: Role | null }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [q] = useDebouncedValue(text.trim(), 250);
  const [includeInactive, setIncludeInactive] = useState(false);
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<Medicine | 'new' | null>(null);
  const list = useApiQuery('catalog.medicineList', { q: q || undefined, includeInactive, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  const counts = useApiQuery('catalog.status', {}).data?.medicines;
  const starter = useApiMutation('catalog.medicineImportStarter');
  const canEdit = role !== null && EDITORS.includes(role);
  const pages = Math.max(1, Math.ceil((list.data?.total ?? 0) / PAGE_SIZE));

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Group align="flex-end">
          <TextInput w={360} label={t('common.search')} placeholder={t('catalog.searchPlaceholder')} value={text} onChange={(e) => (setText(e.currentTarget.value), setPage(1))} />
          <Switch label={t('catalog.includeInactive')} checked={includeInactive} onChange={(e) => (setIncludeInactive(e.currentTarget.checked), setPage(1))} />
        </Group>
        <Group>
          {role === 'admin' && (
            <Button
              variant="light"
              leftSection={<IconPlaylistAdd size={16} />}
              loading={starter.isPending}
              title={t('catalog.starter.hint')}
              onClick={() =>
                starter.mutate({}, { onSuccess: (r) => reportSuccess(t('catalog.import.medicinesDone', r)), onError: (e) => reportApiError(e) })
              }
            >
              {t('catalog.starter')}
            </Button>
          )}
          {canEdit && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
              {t('catalog.medicine.add')}
            </Button>
          )}
        </Group>
      </Group>
      {counts && (
        <Text size="sm" c="dimmed">
          {t('catalog.medicine.count', counts)}
        </Text>
      )}
      <Table striped highlightOnHover withTableBorder data-testid="medicines-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('catalog.medicine.code')}</Table.Th>
            <Table.Th>{t('catalog.medicine.name')}</Table.Th>
            <Table.Th>{t('catalog.medicine.activeIngredient')}</Table.Th>
            <Table.Th>{t('catalog.medicine.strength')}</Table.Th>
            <Table.Th>{t('catalog.medicine.unit')}</Table.Th>
            <Table.Th>{t('catalog.medicine.route')}</Table.Th>
            <Table.Th>{t('catalog.medicine.bhyt')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(list.data?.items ?? []).map((m) => (
            <Table.Tr key={m.id}>
              <Table.Td ff="monospace">{m.code}</Table.Td>
              <Table.Td>
                {m.name}{' '}
                {!m.active && (
                  <Badge size="xs" color="gray">
                    {t('catalog.medicine.inactive')}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>{m.activeIngredient}</Table.Td>
              <Table.Td>{m.strength}</Table.Td>
              <Table.Td>{m.unit}</Table.Td>
              <Table.Td>{m.route}</Table.Td>
              <Table.Td>{m.bhytCovered ? t('common.yes') : t('common.no')}</Table.Td>
              <Table.Td>
                {canEdit && (
                  <Button size="xs" variant="subtle" leftSection={<IconPencil size={14} />} aria-label={`${t('catalog.medicine.edit')} ${m.code}`} onClick={() => setEditing(m)}>
                    {t('catalog.medicine.edit')}
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {list.data?.total === 0 && <Text c="dimmed">{t('empty.noData')}</Text>}
      {pages > 1 && <Pagination total={pages} value={page} onChange={setPage} />}
      {role !== null && IMPORTERS.includes(role) && (
        <ImportPanel kind="medicines" title={t('catalog.import.medicines')} hint={t('catalog.import.medicinesHint')} />
      )}
      {editing !== null && <MedicineModal medicine={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Stack>
  );
}

function MedicineModal({ medicine, onClose }: { medicine: Medicine | null; onClose: () => void }) {
  const { t } = useI18n();
  const save = useApiMutation('catalog.medicineSave');
  const form = useForm({
    initialValues: {
      code: medicine?.code ?? '',
      name: medicine?.name ?? '',
      activeIngredient: medicine?.activeIngredient ?? '',
      strength: medicine?.strength ?? '',
      unit: medicine?.unit ?? '',
      route: medicine?.route ?? '',
      bhytCovered: medicine?.bhytCovered ?? false,
      active: medicine?.active ?? true,
    },
    validate: {
      code: (v) => (/^[A-Z0-9][A-Z0-9._\-/]{0,29}$/.test(v.trim().toUpperCase()) ? null : t('v.medicineCode')),
      name: (v) => (v.trim() ? null : t('v.required')),
      activeIngredient: (v) => (v.trim() ? null : t('v.required')),
      unit: (v) => (v.trim() ? null : t('v.required')),
    },
  });
  const submit = form.onSubmit((v) =>
    save.mutate(
      { ...v, id: medicine?.id },
      { onSuccess: (r) => (reportSuccess(t('catalog.medicine.saved', { code: r.medicine.code })), onClose()), onError: (e) => reportApiError(e, form) },
    ),
  );
  // Enter saves from any field, switches included (a browser submits a form on Enter only from text fields).
  const enterSaves = (e: KeyboardEvent<HTMLFormElement>) => {
    const target = e.target as HTMLInputElement;
    if (e.key === 'Enter' && target.tagName === 'INPUT' && target.type === 'checkbox') {
      e.preventDefault();
      e.currentTarget.requestSubmit();
    }
  };
  return (
    <Modal opened onClose={onClose} title={medicine ? `${t('catalog.medicine.edit')}: ${medicine.code}` : t('catalog.medicine.add')} size="lg">
      <form onSubmit={submit} onKeyDown={enterSaves}>
        <Stack>
          <Group grow>
            <TextInput data-autofocus label={t('catalog.medicine.code')} withAsterisk {...form.getInputProps('code')} />
            <TextInput label={t('catalog.medicine.strength')} {...form.getInputProps('strength')} />
          </Group>
          <TextInput label={t('catalog.medicine.name')} withAsterisk {...form.getInputProps('name')} />
          <TextInput label={t('catalog.medicine.activeIngredient')} withAsterisk {...form.getInputProps('activeIngredient')} />
          <Group grow>
            <Autocomplete label={t('catalog.medicine.unit')} withAsterisk data={UNITS} {...form.getInputProps('unit')} />
            <Autocomplete label={t('catalog.medicine.route')} data={ROUTES} {...form.getInputProps('route')} />
          </Group>
          <Group>
            <Switch label={t('catalog.medicine.bhyt')} {...form.getInputProps('bhytCovered', { type: 'checkbox' })} />
            <Switch label={t('catalog.medicine.active')} {...form.getInputProps('active', { type: 'checkbox' })} />
          </Group>
          <Group justify="space-between">
            <Text size="xs" c="dimmed">
              {t('catalog.keyboardHint')}
            </Text>
            <Group>
              <Button variant="default" onClick={onClose}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={save.isPending}>
                {t('common.save')}
              </Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function IcdTab({ role }: { role: Role | null }) {
  const { t } = useI18n();
  const status = useApiQuery('catalog.status', {}).data?.icd10 ?? null;
  const [text, setText] = useState('');
  const [q] = useDebouncedValue(text.trim(), 200);
  const results = useApiQuery('catalog.icdSearch', { q, limit: 50 }, { enabled: q !== '' });
  return (
    <Stack>
      {status && (
        <Paper withBorder p="sm">
          <Text fw={600} data-testid="icd-version">
            {t('catalog.icd.version', { version: status.version, count: status.rowCount.toLocaleString('vi-VN'), date: formatDateTimeVi(status.importedAt) })}
          </Text>
          <Text size="sm" c="dimmed">
            {status.source === 'qd4469' ? t('catalog.icd.sourceShipped') : t('catalog.icd.sourceImport', { file: status.sourceFile })}
          </Text>
        </Paper>
      )}
      <TextInput w={480} label={t('catalog.icd.searchLabel')} placeholder={t('catalog.icd.placeholder')} value={text} onChange={(e) => setText(e.currentTarget.value)} />
      {q !== '' && (
        <Table striped withTableBorder data-testid="icd-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('catalog.icd.code')}</Table.Th>
              <Table.Th>{t('catalog.icd.name')}</Table.Th>
              <Table.Th>{t('catalog.icd.notes')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(results.data?.items ?? []).map((i) => (
              <Table.Tr key={i.code}>
                <Table.Td ff="monospace" fw={i.isCategory ? 700 : undefined}>
                  {i.code}
                </Table.Td>
                <Table.Td fw={i.isCategory ? 600 : undefined}>{i.name}</Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {i.isCategory && (
                      <Badge size="xs" variant="outline">
                        {t('catalog.icd.category')}
                      </Badge>
                    )}
                    <IcdFlags item={i} />
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {results.data?.items.length === 0 && <Text c="dimmed">{t('catalog.icd.nothing')}</Text>}
      {role === 'admin' && <ImportPanel kind="icd10" title={t('catalog.import.icd10')} hint={t('catalog.import.icd10Hint')} />}
    </Stack>
  );
}

async function fileToBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

type ImportOutcome = { ok: true; message: string } | { ok: false; message: string; rows: string[] };

/** Upload a CSV/XLSX file; shows the result, or every bad row the backend listed (nothing is written then). */
function ImportPanel({ kind, title, hint }: { kind: 'medicines' | 'icd10'; title: string; hint: string }) {
  const { t } = useI18n();
  const importMedicines = useApiMutation('catalog.medicineImport');
  const importIcd = useApiMutation('catalog.importIcd10');
  const [file, setFile] = useState<File | null>(null);
  const [version, setVersion] = useState('');
  const [outcome, setOutcome] = useState<ImportOutcome | null>(null);
  const pending = importMedicines.isPending || importIcd.isPending;

  const run = async () => {
    if (!file) return;
    setOutcome(null);
    try {
      const input = { fileName: file.name, contentBase64: await fileToBase64(file) };
      if (kind === 'medicines') {
        const r = await importMedicines.mutateAsync(input);
        setOutcome({ ok: true, message: t('catalog.import.medicinesDone', r) });
      } else {
        const r = await importIcd.mutateAsync({ ...input, version: version.trim() || undefined });
        setOutcome({ ok: true, message: t('catalog.import.icd10Done', { count: r.rowCount.toLocaleString('vi-VN'), version: r.version }) });
      }
      setFile(null);
    } catch (e) {
      const err = e instanceof ApiCallError ? e : null;
      const rows = err?.fields.filter((f) => f.path.startsWith('rows')).map((f) => f.message) ?? [];
      setOutcome({ ok: false, message: rows.length > 0 ? t('catalog.import.refused') : (err?.message ?? String(e)), rows });
    }
  };

  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={4}>{title}</Title>
        <Text size="sm" c="dimmed">
          {hint}
        </Text>
        <Group align="flex-end">
          <FileInput
            w={360}
            label={t('catalog.import.pick')}
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            value={file}
            onChange={(f) => (setFile(f), setOutcome(null))}
            clearable
            data-testid={`import-${kind}-file`}
          />
          {kind === 'icd10' && <TextInput label={t('catalog.import.version')} value={version} onChange={(e) => setVersion(e.currentTarget.value)} />}
          <Button leftSection={<IconFileImport size={16} />} disabled={!file} loading={pending} onClick={() => void run()}>
            {pending ? t('catalog.import.running') : title}
          </Button>
        </Group>
        {outcome && (
          <Alert color={outcome.ok ? 'teal' : 'red'} data-testid={`import-${kind}-result`}>
            <Text size="sm">{outcome.message}</Text>
            {!outcome.ok && outcome.rows.length > 0 && (
              <List size="sm" mt="xs">
                {outcome.rows.map((r) => (
                  <List.Item key={r}>{r}</List.Item>
                ))}
              </List>
            )}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
