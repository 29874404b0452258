import { Badge } from '@mantine/core';
import type { AppointmentState } from '../../../shared/contract/appointments.js';
import type { ReferralStatus } from '../../../shared/contract/referrals.js';
import { useI18n } from '../../i18n/I18nProvider.js';

const REFERRAL_COLORS: Record<ReferralStatus, string> = { draft: 'gray', issued: 'blue', printed: 'teal', received: 'green' };
const APPOINTMENT_COLORS: Record<AppointmentState, string> = { upcoming: 'blue', kept: 'green', missed: 'red', cancelled: 'gray' };

export function ReferralStatusBadge({ status }: { status: ReferralStatus }) {
  const { t } = useI18n();
  return (
    <Badge color={REFERRAL_COLORS[status]} variant="light" data-testid="referral-status">
      {t(`referrals.status.${status}`)}
    </Badge>
  );
}

export function AppointmentStateBadge({ state }: { state: AppointmentState }) {
  const { t } = useI18n();
  return (
    <Badge color={APPOINTMENT_COLORS[state]} variant="light" data-testid="appointment-state">
      {t(`appointments.state.${state}`)}
    </Badge>
  );
}
