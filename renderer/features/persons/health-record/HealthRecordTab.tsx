import { Alert, Badge, Button, Group, Loader, Modal, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconEdit } from '@tabler/icons-react';
import { useState } from 'react';
import { HEALTH_RECORD_SECTIONS, type HealthRecordSection } from '../../../../shared/contract/health-record.js';
import { formatDateTimeVi } from '../../../../shared/dates.js';
import type { MessageKey } from '../../../../shared/i18n/index.js';
import { useApiQuery } from '../../../api/hooks.js';
import { useI18n } from '../../../i18n/I18nProvider.js';
import { CLINICAL_ROLES, useSessionRole } from '../useSessionRole.js';
import { SectionEditor } from './SectionEditor.js';
import { changedFields, fieldText, labelKey, sectionLines, SECTION_FIELDS } from './sections.js';

/** Section B of the personal health record: one card per section, an editor, and who changed what and when. */
export function HealthRecordTab({ personId, sex }: { personId: string; sex: 'M' | 'F' }) {
  const { t } = useI18n();
  const tk = (k: string) => t(k as MessageKey);
  const role = useSessionRole();
  const canEdit = role !== null && CLINICAL_ROLES.includes(role);
  const q = useApiQuery('healthRecord.get', { personId });
  const [editing, setEditing] = useState<HealthRecordSection | null>(null);
  if (q.isPending) return <Loader />;
  if (q.isError) return <Alert color="red">{q.error.message}</Alert>;
  const { record } = q.data;
  const sections = HEALTH_RECORD_SECTIONS.filter((s) => s !== 'reproductive' || sex === 'F' || record.reproductive);

  return (
    <Stack>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {sections.map((s) => {
          const lines = sectionLines(s, record[s], tk);
          return (
            <Paper key={s} withBorder p="sm" radius="md" data-testid={`hr-section-${s}`} style={s === 'allergies' && lines.length ? { borderColor: 'var(--mantine-color-red-5)' } : undefined}>
              <Group justify="space-between" mb={4}>
                <Title order={5}>{tk(`hr.section.${s}`)}</Title>
                {canEdit && (
                  <Button size="compact-xs" variant="subtle" leftSection={<IconEdit size={14} />} onClick={() => setEditing(s)} data-testid={`hr-edit-${s}`}>
                    {t('hr.edit')}
                  </Button>
                )}
              </Group>
              {lines.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('hr.empty')}
                </Text>
              ) : (
                lines.map((l) => (
                  <Text size="sm" key={l.key}>
                    <Text span c="dimmed" size="sm">
                      {l.label}:
                    </Text>{' '}
                    {l.text}
                  </Text>
                ))
              )}
            </Paper>
          );
        })}
      </SimpleGrid>
      <Title order={4}>{t('hr.history')}</Title>
      <HistoryTable history={q.data.history} />
      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={editing ? tk(`hr.section.${editing}`) : ''} size="xl">
        {editing && <SectionEditor personId={personId} section={editing} value={record[editing]} onDone={() => setEditing(null)} />}
      </Modal>
    </Stack>
  );
}

interface Change {
  id: string;
  section: HealthRecordSection;
  value: unknown;
  changedBy: string | null;
  changedAt: string;
}

/** "Ai sửa gì, lúc nào": newest first, each entry with the fields it changed and their new values. */
function HistoryTable({ history }: { history: Change[] }) {
  const { t } = useI18n();
  const tk = (k: string) => t(k as MessageKey);
  if (history.length === 0) return <Text c="dimmed">{t('hr.noHistory')}</Text>;
  const ascending = [...history].sort((a, b) => a.changedAt.localeCompare(b.changedAt));
  const last: Partial<Record<HealthRecordSection, unknown>> = {};
  const rows = ascending.map((h) => {
    const changed = changedFields(h.section, last[h.section], h.value);
    last[h.section] = h.value;
    return { ...h, changed };
  });
  rows.reverse();
  return (
    <Table withTableBorder striped data-testid="hr-history">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('hr.history.at')}</Table.Th>
          <Table.Th>{t('hr.history.by')}</Table.Th>
          <Table.Th>{t('hr.history.section')}</Table.Th>
          <Table.Th>{t('hr.history.what')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((h) => (
          <Table.Tr key={h.id} data-testid="hr-history-row">
            <Table.Td>{formatDateTimeVi(h.changedAt)}</Table.Td>
            <Table.Td>{h.changedBy ?? '—'}</Table.Td>
            <Table.Td>
              <Badge variant="light">{tk(`hr.section.${h.section}`)}</Badge>
            </Table.Td>
            <Table.Td>
              {h.changed.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('hr.history.noChange')}
                </Text>
              ) : (
                h.changed.map((key) => {
                  const f = SECTION_FIELDS[h.section].find((x) => x.key === key)!;
                  const text = fieldText(h.section, f, (h.value as Record<string, unknown> | null)?.[key], tk);
                  return (
                    <Text size="sm" key={key}>
                      {tk(labelKey(h.section, key))}: {text || t('hr.history.cleared')}
                    </Text>
                  );
                })
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
