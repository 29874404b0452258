import { Alert, Anchor, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { formatDateTimeVi } from '../../../shared/dates.js';
import { useApiQuery } from '../../api/hooks.js';
import { useI18n } from '../../i18n/I18nProvider.js';

/** Review of the record merges done at the station (admin, physician, supervisor), newest first. */
export function MergesPage() {
  const { t } = useI18n();
  const q = useApiQuery('persons.merges', { limit: 200 });
  return (
    <Stack>
      <Title order={2}>{t('merges.title')}</Title>
      <Text c="dimmed" size="sm">
        {t('merges.hint')}
      </Text>
      {q.isError && <Alert color="red">{q.error.message}</Alert>}
      <Table striped withTableBorder data-testid="merges-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('merges.at')}</Table.Th>
            <Table.Th>{t('merges.survivor')}</Table.Th>
            <Table.Th>{t('merges.merged')}</Table.Th>
            <Table.Th>{t('merges.reason')}</Table.Th>
            <Table.Th>{t('merges.by')}</Table.Th>
            <Table.Th>{t('merges.moved')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(q.data?.merges ?? []).map((m) => (
            <Table.Tr key={m.id}>
              <Table.Td>{formatDateTimeVi(m.mergedAt)}</Table.Td>
              <Table.Td>
                <Anchor component={Link} to={`/nguoi/${m.survivorId}`}>
                  {m.survivorName}
                </Anchor>
              </Table.Td>
              <Table.Td>
                {m.mergedName}
                <Text size="xs" c="dimmed">
                  {m.mergedId}
                </Text>
              </Table.Td>
              <Table.Td>{m.reason}</Table.Td>
              <Table.Td>{m.mergedBy ?? '—'}</Table.Td>
              <Table.Td>
                <Text size="xs">
                  {Object.entries(m.moved)
                    .filter(([, n]) => n > 0)
                    .map(([table, n]) => `${table}: ${n}`)
                    .join(', ') || '—'}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {q.isSuccess && q.data.merges.length === 0 && <Text c="dimmed">{t('merges.none')}</Text>}
    </Stack>
  );
}
