import { Badge } from '@mantine/core';
import type { VisitStatus } from '../../../shared/contract/visits.js';
import { useI18n } from '../../i18n/I18nProvider.js';

export const STATUS_COLOR: Record<VisitStatus, string> = {
  waiting: 'yellow',
  in_exam: 'blue',
  finished: 'teal',
  referred: 'grape',
  appointment: 'cyan',
  cancelled: 'gray',
};

/** A visit's status as a coloured badge (chờ khám, đang khám, đã khám…). */
export function StatusBadge({ status }: { status: VisitStatus }) {
  const { t } = useI18n();
  return (
    <Badge color={STATUS_COLOR[status]} variant="light" data-testid="visit-status" data-status={status}>
      {t(`visits.status.${status}`)}
    </Badge>
  );
}
