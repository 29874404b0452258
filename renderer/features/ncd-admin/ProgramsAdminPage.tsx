import { Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import type { ProgramEntry } from '../../../shared/contract/ncd.js';
import { useApiMutation, useApiQuery } from '../../api/hooks.js';
import { reportApiError, reportSuccess } from '../../app/feedback.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { ProgramFormModal } from './ProgramForm.js';

/** Administrator screen: the shipped programs (read only) and the station's own ones (add, edit, archive). */
export function ProgramsAdminPage() {
  const { t, locale } = useI18n();
  const list = useApiQuery('ncd.programs', { includeArchived: true });
  const archive = useApiMutation('ncd.archiveProgram');
  const [editing, setEditing] = useState<ProgramEntry | null>(null);
  const [open, setOpen] = useState(false);
  const edit = (p: ProgramEntry | null) => (setEditing(p), setOpen(true));
  const toggle = (p: ProgramEntry) =>
    archive.mutate(
      { code: p.code, archived: !p.archived },
      { onSuccess: (r) => reportSuccess(t(r.program.archived ? 'ncdAdmin.archived' : 'ncdAdmin.restored', { name: r.program.nameVi })), onError: (e) => reportApiError(e) },
    );

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('ncdAdmin.title')}</Title>
        <Button leftSection={<IconPlus size={16} />} onClick={() => edit(null)}>
          {t('ncdAdmin.add')}
        </Button>
      </Group>
      <Text size="sm" c="dimmed" maw={900}>
        {t('ncdAdmin.hint')}
      </Text>
      <Table striped withTableBorder highlightOnHover data-testid="ncd-programs-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('ncdAdmin.code')}</Table.Th>
            <Table.Th>{t('ncdAdmin.nameVi')}</Table.Th>
            <Table.Th>{t('ncdAdmin.icd10')}</Table.Th>
            <Table.Th>{t('ncdAdmin.followUpDays')}</Table.Th>
            <Table.Th>{t('ncdAdmin.control')}</Table.Th>
            <Table.Th>{t('ncdAdmin.extraFields')}</Table.Th>
            <Table.Th>{t('ncdAdmin.kind')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(list.data?.programs ?? []).map((p) => (
            <Table.Tr key={p.code} data-testid={`program-${p.code}`} style={p.archived ? { opacity: 0.6 } : undefined}>
              <Table.Td>
                <Text size="sm" ff="monospace">
                  {p.code}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" fw={500}>
                  {locale === 'en' ? p.nameEn : p.nameVi}
                </Text>
                {p.shortName && (
                  <Text size="xs" c="dimmed">
                    {p.shortName}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{p.icd10.join(', ')}</Table.Td>
              <Table.Td>{t('ncdAdmin.days', { days: p.followUpDays })}</Table.Td>
              <Table.Td>{t(`ncdAdmin.control.${p.control}`)}</Table.Td>
              <Table.Td>
                <Text size="sm">{p.extraFields.map((f) => (locale === 'en' ? f.labelEn : f.labelVi)).join(', ') || '—'}</Text>
              </Table.Td>
              <Table.Td>
                {p.builtIn ? (
                  <Badge color="gray" variant="light" styles={{ label: { overflow: 'visible' } }}>
                    {t('ncdAdmin.builtIn')}
                  </Badge>
                ) : p.archived ? (
                  <Badge color="orange" variant="light" styles={{ label: { overflow: 'visible' } }}>
                    {t('ncdAdmin.inactive')}
                  </Badge>
                ) : (
                  <Badge color="teal" variant="light" styles={{ label: { overflow: 'visible' } }}>
                    {t('ncdAdmin.custom')}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>
                {!p.builtIn && (
                  <Group gap={4} wrap="nowrap">
                    <Button size="xs" variant="subtle" onClick={() => edit(p)} aria-label={`${t('ncdAdmin.edit')} ${p.nameVi}`}>
                      {t('ncdAdmin.editShort')}
                    </Button>
                    <Button size="xs" variant="subtle" color={p.archived ? 'teal' : 'orange'} onClick={() => toggle(p)}>
                      {p.archived ? t('ncdAdmin.restore') : t('ncdAdmin.archive')}
                    </Button>
                  </Group>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <ProgramFormModal opened={open} program={editing} onClose={() => setOpen(false)} />
    </Stack>
  );
}
