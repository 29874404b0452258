import { Alert, Anchor, Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { Visit } from '../../../shared/contract/visits.js';
import { formatDateVi } from '../../../shared/dates.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { BHYT_COLOR, bhytState, formatAge, sexLabel } from '../persons/format.js';
import { StatusBadge } from './StatusBadge.js';

/** Who is being examined: name, age, sex, hamlet, CCCD, BHYT card and its validity on the visit day, allergies. */
export function VisitHeader({ visit }: { visit: Visit }) {
  const { t } = useI18n();
  const p = visit.person;
  const card = bhytState({ bhytCardCode: p.bhytCardCode, bhxhNumber: null, bhytValidTo: p.bhytValidTo }, visit.visitDate);
  return (
    <Paper withBorder p="md" data-testid="visit-header">
      <Group justify="space-between" align="flex-start">
        <Stack gap={2}>
          <Group gap="xs">
            <Title order={3}>
              <Anchor component={Link} to={`/nguoi/${p.id}`} inherit>
                {p.fullName}
              </Anchor>
            </Title>
            <StatusBadge status={visit.status} />
            {visit.insured && (
              <Badge color={BHYT_COLOR[card]} variant="light">
                {t('visits.bhyt')}
              </Badge>
            )}
          </Group>
          <Text size="sm" c="dimmed">
            {[formatAge(p.birthDate, t, visit.visitDate), sexLabel(p.sex, t), p.hamletName, p.address].filter(Boolean).join(' · ')}
          </Text>
          <Text size="sm">
            {[p.cccd && `${t('visits.cccd')} ${p.cccd}`, p.bhytCardCode && `${t('visits.bhyt')} ${p.bhytCardCode}${p.bhytValidTo ? ` (${formatDateVi(p.bhytValidTo)})` : ''}`].filter(Boolean).join(' · ')}
          </Text>
          <Text size="sm">
            <b>{t('visits.reason')}:</b> {visit.reason}
          </Text>
        </Stack>
        <Stack gap={0} align="flex-end">
          <Text size="sm" c="dimmed">
            {t('visits.visitTitle', { number: visit.queueNumber, date: formatDateVi(visit.visitDate) })}
          </Text>
          {visit.examinerName && (
            <Text size="sm">
              {t('visits.examiner')}: {visit.examinerName}
            </Text>
          )}
          {visit.previous && (
            <Text size="xs" c="dimmed">
              {t('visits.lastVisit', { date: formatDateVi(visit.previous.visitDate) })}
            </Text>
          )}
        </Stack>
      </Group>
      {p.allergyAlert && (
        <Alert mt="xs" color="red" p="xs" icon={<IconAlertTriangle size={16} />}>
          {t('visits.allergy')}
        </Alert>
      )}
    </Paper>
  );
}
