import { Anchor, Button, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { IconTransfer } from '@tabler/icons-react';
import { useState } from 'react';
import { formatDateVi } from '../../../shared/dates.js';
import { api } from '../../api/client.js';
import { useApiQuery } from '../../api/hooks.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { useSessionRole } from '../persons/useSessionRole.js';
import { PdfPreview } from './PdfPreview.js';
import { ReferralDetail } from './ReferralDetail.js';
import { ReferralForm } from './ReferralForm.js';
import { ReferralTable } from './ReferralTable.js';
import { AppointmentStateBadge } from './StatusBadges.js';

/** The person page's "Chuyển tuyến" tab: the person's referral slips and appointment slips. */
export function ReferralsTab({ personId }: { personId: string }) {
  const { t } = useI18n();
  const role = useSessionRole();
  const referrals = useApiQuery('referrals.forPerson', { personId });
  const appointments = useApiQuery('appointments.forPerson', { personId });
  const [openId, setOpenId] = useState<string | null>(null);
  const [writing, setWriting] = useState(false);
  const [slip, setSlip] = useState<string | null>(null);
  const canWrite = role === 'admin' || role === 'physician';
  const canPrint = canWrite || role === 'nurse';

  return (
    <Stack data-testid="person-referrals">
      <Group justify="space-between">
        <Title order={4}>{t('personReferrals.referrals')}</Title>
        {canWrite && (
          <Button size="xs" variant="light" leftSection={<IconTransfer size={14} />} onClick={() => setWriting(true)} data-testid="person-new-referral">
            {t('referrals.new')}
          </Button>
        )}
      </Group>
      {referrals.isLoading && <Loader size="sm" />}
      {referrals.data?.referrals.length === 0 && <Text c="dimmed">{t('referrals.none')}</Text>}
      {(referrals.data?.referrals.length ?? 0) > 0 && (
        <ReferralTable rows={referrals.data!.referrals} withPerson={false} onOpen={setOpenId} rowTestId="person-referral" />
      )}
      <Title order={4}>{t('personReferrals.appointments')}</Title>
      {appointments.data?.appointments.length === 0 && <Text c="dimmed">{t('appointments.none')}</Text>}
      {(appointments.data?.appointments.length ?? 0) > 0 && (
        <Table striped withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('appointments.number')}</Table.Th>
              <Table.Th>{t('appointments.visitDate')}</Table.Th>
              <Table.Th>{t('appointments.returnDate')}</Table.Th>
              <Table.Th>{t('appointments.diagnosisText')}</Table.Th>
              <Table.Th>{t('referrals.status')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {appointments.data!.appointments.map((a) => (
              <Table.Tr key={a.id} data-testid="person-appointment">
                <Table.Td>
                  <Anchor size="sm" onClick={() => setSlip(a.id)}>
                    {a.number}
                  </Anchor>
                </Table.Td>
                <Table.Td>{formatDateVi(a.visitDate)}</Table.Td>
                <Table.Td>{formatDateVi(a.returnDate)}</Table.Td>
                <Table.Td>{a.diagnosisText ?? ''}</Table.Td>
                <Table.Td>
                  <AppointmentStateBadge state={a.state} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <ReferralForm opened={writing} onClose={() => setWriting(false)} personId={personId} onSaved={(r) => setOpenId(r.id)} />
      <ReferralDetail id={openId} onClose={() => setOpenId(null)} />
      {slip && (
        <PdfPreview
          opened
          onClose={() => setSlip(null)}
          load={() => api.call('appointments.preview', { id: slip })}
          onPrint={canPrint ? () => api.call('appointments.print', { id: slip }) : undefined}
        />
      )}
    </Stack>
  );
}
