import { Anchor, Table, Text } from '@mantine/core';
import type { ReferralSummary } from '../../../shared/contract/referrals.js';
import { formatDateVi } from '../../../shared/dates.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { ReferralStatusBadge } from './StatusBadges.js';

/**
 * Referral slips as a table (the Chuyển tuyến page and the person page's tab); a row opens the slip.
 * `withPerson` adds the patient column, which the person page does not need.
 */
export function ReferralTable(props: { rows: readonly ReferralSummary[]; withPerson: boolean; onOpen(id: string): void; testId?: string; rowTestId: string }) {
  const { t } = useI18n();
  return (
    <Table striped withTableBorder highlightOnHover data-testid={props.testId}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('referrals.number')}</Table.Th>
          <Table.Th>{t('referrals.transferAt')}</Table.Th>
          {props.withPerson && <Table.Th>{t('referrals.person')}</Table.Th>}
          <Table.Th>{t('referrals.destination')}</Table.Th>
          <Table.Th>{t('referrals.diagnosis')}</Table.Th>
          <Table.Th>{t('referrals.status')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {props.rows.map((r) => (
          <Table.Tr key={r.id} data-testid={props.rowTestId} onClick={() => props.onOpen(r.id)} style={{ cursor: 'pointer' }}>
            <Table.Td>
              <Anchor size="sm">{r.number ?? t('referrals.draftLabel')}</Anchor>
            </Table.Td>
            <Table.Td>{formatDateVi(r.transferAt ?? r.issuedAt ?? r.createdAt)}</Table.Td>
            {props.withPerson && (
              <Table.Td>
                {r.personName}{' '}
                <Text span size="xs" c="dimmed">
                  {formatDateVi(r.birthDate)}
                </Text>
              </Table.Td>
            )}
            <Table.Td>{r.destinationName}</Table.Td>
            <Table.Td>{r.mainDiagnosis ?? ''}</Table.Td>
            <Table.Td>
              <ReferralStatusBadge status={r.status} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
