import { Alert, Anchor, Badge, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { Link, useLocation, useParams } from 'react-router';
import { formatDateVi } from '../../../shared/dates.js';
import { useApiQuery } from '../../api/hooks.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { formatAge, sexLabel } from '../persons/format.js';
import { FollowupForm } from './FollowupForm.js';
import { formatBp } from './format.js';
import { usePrograms } from './usePrograms.js';

/** Where "back" goes after a follow-up: the screen that opened it (overdue list), else the person's chronic tab. */
export function followupBackPath(state: unknown, personId: string): string {
  const back = (state as { back?: unknown } | null)?.back;
  return typeof back === 'string' ? back : `/nguoi/${personId}?tab=chronic`;
}

/** One follow-up visit (route /benh-man-tinh/tai-kham/:personId/:enrollmentId): who, the program, the fast form. */
export function FollowupPage() {
  const { t } = useI18n();
  const { personId = '', enrollmentId = '' } = useParams();
  const location = useLocation();
  const back = followupBackPath(location.state, personId);
  const person = useApiQuery('persons.get', { id: personId }, { enabled: Boolean(personId), staleTime: Infinity });
  const enrollments = useApiQuery('ncd.enrollmentsForPerson', { personId }, { enabled: Boolean(personId), staleTime: Infinity });
  const { byCode, nameOf, loading } = usePrograms();
  const enrollment = enrollments.data?.enrollments.find((e) => e.id === enrollmentId);
  const history = useApiQuery('ncd.followupsForPerson', { personId, program: enrollment?.program }, { enabled: Boolean(enrollment), staleTime: Infinity });

  const failed = person.error ?? enrollments.error ?? history.error;
  if (failed) return <Alert color="red">{failed.message}</Alert>;
  if (!person.data || !enrollments.data || loading || (enrollment && history.isPending)) return <Loader />;
  if (!enrollment) return <Alert color="red">{t('error.NOT_FOUND')}</Alert>;
  const p = person.data.person;
  const last = history.data?.followups[0] ?? null;

  return (
    <Stack gap="sm">
      <Anchor component={Link} to={back} size="sm">
        <IconArrowLeft size={14} /> {t('common.back')}
      </Anchor>
      <Paper withBorder p="sm" data-testid="ncd-fu-header">
        <Group justify="space-between" align="flex-start">
          <Stack gap={2}>
            <Group gap="xs">
              <Title order={3}>
                <Anchor component={Link} to={`/nguoi/${p.id}?tab=chronic`} inherit>
                  {p.fullName}
                </Anchor>
              </Title>
              <Badge variant="light" size="lg">
                {nameOf(enrollment.program)}
              </Badge>
            </Group>
            <Text size="sm" c="dimmed">
              {[formatAge(p.birthDate, t), sexLabel(p.sex, t), person.data.summary.hamletName, p.phone].filter(Boolean).join(' · ')}
            </Text>
            <Text size="sm">
              {enrollment.icdCode}
              {enrollment.icdName ? ` — ${enrollment.icdName}` : ''} · {t('ncdui.since', { date: formatDateVi(enrollment.enrolledOn) })}
              {(enrollment.historyHeartAttack || enrollment.historyStroke) && (
                <Badge ml="xs" color="red" variant="light" size="sm">
                  {[enrollment.historyHeartAttack && t('ncdui.enroll.heartAttack'), enrollment.historyStroke && t('ncdui.enroll.stroke')].filter(Boolean).join(', ')}
                </Badge>
              )}
            </Text>
          </Stack>
          <Stack gap={2} align="flex-end">
            <Text size="sm">
              {t('ncdui.bpTarget')}: <b>&lt; {formatBp(enrollment.bpTarget)}</b> mmHg
            </Text>
            {last ? (
              <Text size="sm" c="dimmed" data-testid="ncd-fu-last">
                {t('ncdui.fu.last', { date: formatDateVi(last.date) })}
                {last.bp ? ` · ${t('ncdui.bp')} ${formatBp(last.bp)}` : ''}
                {last.glucoseMmol != null ? ` · ${t('ncdui.glucoseShort')} ${last.glucoseMmol} mmol/L` : ''}
              </Text>
            ) : (
              <Text size="sm" c="dimmed">
                {t('ncdui.fu.first')}
              </Text>
            )}
            {enrollment.nextAppointment && (
              <Text size="sm" c="dimmed">
                {t('ncdui.appointmentWas', { date: formatDateVi(enrollment.nextAppointment) })}
              </Text>
            )}
          </Stack>
        </Group>
      </Paper>
      {enrollment.endedOn ? (
        <Alert color="gray">{t('v.ncdEnrollmentEnded')}</Alert>
      ) : (
        <FollowupForm key={enrollment.id} enrollment={enrollment} program={byCode(enrollment.program)} previous={last} backPath={back} />
      )}
    </Stack>
  );
}
