import { Anchor, Badge, Group, Loader, Stack, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { formatDateVi } from '../../../shared/dates.js';
import { useApiQuery } from '../../api/hooks.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { StatusBadge } from './StatusBadge.js';

/** A person's visits, newest first: date, diagnoses (main in bold), medicines; each opens the visit. */
export function PersonVisitsTab({ personId }: { personId: string }) {
  const { t } = useI18n();
  const list = useApiQuery('visits.forPerson', { personId });
  if (list.isLoading) return <Loader size="sm" />;
  const visits = list.data?.visits ?? [];
  if (visits.length === 0) {
    return (
      <Text c="dimmed" data-testid="person-visits-empty">
        {t('visits.person.none')}
      </Text>
    );
  }
  return (
    <Table striped withTableBorder verticalSpacing="xs" data-testid="person-visits">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={110}>{t('visits.date')}</Table.Th>
          <Table.Th>{t('visits.diagnoses')}</Table.Th>
          <Table.Th>{t('visits.prescription')}</Table.Th>
          <Table.Th w={160}>{t('visits.examiner')}</Table.Th>
          <Table.Th w={120}>{t('visits.status')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {visits.map((v) => (
          <Table.Tr key={v.id} data-testid="person-visit">
            <Table.Td>
              <Anchor component={Link} to={`/kham-benh/luot/${v.id}`} size="sm">
                {formatDateVi(v.visitDate)}
              </Anchor>
            </Table.Td>
            <Table.Td>
              <Stack gap={0}>
                {v.diagnoses.length === 0 && (
                  <Text size="sm" c="dimmed">
                    {v.reason}
                  </Text>
                )}
                {v.diagnoses.map((d) => (
                  <Text key={d.icdCode} size="sm" fw={d.isMain ? 600 : 400}>
                    {d.icdCode} – {d.icdName}
                  </Text>
                ))}
              </Stack>
            </Table.Td>
            <Table.Td>
              <Stack gap={0}>
                {v.medicines.map((m, i) => (
                  <Text key={i} size="sm">
                    {m}
                  </Text>
                ))}
              </Stack>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{v.examinerName ?? ''}</Text>
            </Table.Td>
            <Table.Td>
              <Group gap={4}>
                <StatusBadge status={v.status} />
                {v.returnDate && (
                  <Badge size="xs" variant="outline" color="blue">
                    {t('visits.returnOn', { date: formatDateVi(v.returnDate) })}
                  </Badge>
                )}
              </Group>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
