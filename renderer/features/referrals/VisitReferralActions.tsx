import { Button, Group } from '@mantine/core';
import { IconCalendarPlus, IconTransfer } from '@tabler/icons-react';
import { useState } from 'react';
import { useApiQuery } from '../../api/hooks.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { useSessionRole } from '../persons/useSessionRole.js';
import { AppointmentForm } from './AppointmentForm.js';
import { ReferralDetail } from './ReferralDetail.js';
import { ReferralForm } from './ReferralForm.js';

/**
 * Buttons for the visit page: "Chuyển tuyến" (a physician writes a referral prefilled from this visit; once one
 * exists the button opens it) and "Hẹn khám lại" (the visit's appointment slip; nurses too).
 */
export function VisitReferralActions({ visitId }: { visitId: string }) {
  const { t } = useI18n();
  const role = useSessionRole();
  const existing = useApiQuery('referrals.list', { visitId, limit: 5 });
  const [writing, setWriting] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const [appointment, setAppointment] = useState(false);
  const referral = existing.data?.referrals[0];
  const canWrite = role === 'admin' || role === 'physician';
  const clinical = canWrite || role === 'nurse';

  return (
    <Group gap="xs" data-testid="visit-referral-actions">
      {referral ? (
        <Button variant="light" leftSection={<IconTransfer size={16} />} onClick={() => setOpenId(referral.id)} data-testid="visit-open-referral">
          {t('referrals.openExisting', { number: referral.number ?? t('referrals.draftLabel') })}
        </Button>
      ) : (
        canWrite && (
          <Button variant="light" leftSection={<IconTransfer size={16} />} onClick={() => setWriting(true)} data-testid="visit-new-referral">
            {t('referrals.fromVisit')}
          </Button>
        )
      )}
      {clinical && (
        <Button variant="light" leftSection={<IconCalendarPlus size={16} />} onClick={() => setAppointment(true)} data-testid="visit-new-appointment">
          {t('appointments.new')}
        </Button>
      )}
      <ReferralForm opened={writing} onClose={() => setWriting(false)} visitId={visitId} onSaved={(r) => setOpenId(r.id)} />
      <ReferralDetail id={openId} onClose={() => setOpenId(null)} />
      {appointment && <AppointmentForm visitId={visitId} opened onClose={() => setAppointment(false)} />}
    </Group>
  );
}
