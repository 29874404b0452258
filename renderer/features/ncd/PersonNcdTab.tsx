import { Alert, Badge, Button, Group, Loader, Paper, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { IconClipboardHeart, IconPlus, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Enrollment } from '../../../shared/contract/ncd.js';
import { formatDateVi } from '../../../shared/dates.js';
import { daysBetween } from '../../../shared/visits/station-date.js';
import { useApiQuery } from '../../api/hooks.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { canExamine, stationToday, useRole } from '../visits/access.js';
import { EndEnrollmentModal } from './EndEnrollmentModal.js';
import { EnrollModal } from './EnrollModal.js';
import { FollowupCharts } from './FollowupChart.js';
import { FollowupHistory } from './FollowupHistory.js';
import { formatBp } from './format.js';
import { usePrograms } from './usePrograms.js';

/** The next appointment, or how many days it is overdue. */
function AppointmentCell({ e }: { e: Enrollment }) {
  const { t } = useI18n();
  if (!e.nextAppointment) return null;
  const late = daysBetween(e.nextAppointment, stationToday());
  return (
    <Group gap={6}>
      <Text size="sm">{formatDateVi(e.nextAppointment)}</Text>
      {late > 0 && (
        <Badge color="red" variant="light" size="sm" style={{ flexShrink: 0 }} data-testid="ncd-overdue-badge">
          {t('ncdui.overdueDays', { days: late })}
        </Badge>
      )}
    </Group>
  );
}

/** Person page tab "Bệnh mạn tính": enrollments, enroll / end, follow-up, chart and history. */
export function PersonNcdTab({ personId, active }: { personId: string; active: boolean }) {
  const { t } = useI18n();
  const role = useRole();
  const canEdit = canExamine(role);
  const { nameOf } = usePrograms();
  const [enrolling, setEnrolling] = useState(false);
  const [ending, setEnding] = useState<Enrollment | null>(null);
  const [program, setProgram] = useState<string>('');
  const enrollments = useApiQuery('ncd.enrollmentsForPerson', { personId });
  const history = useApiQuery('ncd.followupsForPerson', { personId, ...(program ? { program } : {}) });

  if (enrollments.isPending) return <Loader />;
  if (enrollments.isError) return <Alert color="red">{enrollments.error.message}</Alert>;
  const list = enrollments.data.enrollments;
  const current = list.filter((e) => !e.endedOn);
  const programsSeen = [...new Set(list.map((e) => e.program))];

  return (
    <Stack data-testid="ncd-tab">
      <Group justify="space-between">
        <Title order={4}>{t('ncdui.tab.title')}</Title>
        {canEdit && active && (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEnrolling(true)} data-testid="ncd-enroll">
            {t('ncdui.enroll.open')}
          </Button>
        )}
      </Group>
      {list.length === 0 ? (
        <Paper withBorder p="md">
          <Text c="dimmed" size="sm">
            {t('ncdui.tab.none')}
          </Text>
        </Paper>
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table withTableBorder verticalSpacing={6} data-testid="ncd-enrollments">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('ncdui.program')}</Table.Th>
                <Table.Th>ICD-10</Table.Th>
                <Table.Th>{t('ncdui.tab.since')}</Table.Th>
                <Table.Th>{t('ncdui.tab.next')}</Table.Th>
                <Table.Th>{t('ncdui.bpTarget')}</Table.Th>
                <Table.Th>{t('ncdui.tab.status')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((e) => (
                <Table.Tr key={e.id} data-testid="ncd-enrollment" data-program={e.program} data-ended={Boolean(e.endedOn)}>
                  <Table.Td>
                    <Text fw={600} size="sm">
                      {nameOf(e.program)}
                    </Text>
                    {(e.historyHeartAttack || e.historyStroke) && (
                      <Text size="xs" c="red">
                        {[e.historyHeartAttack && t('ncdui.enroll.heartAttack'), e.historyStroke && t('ncdui.enroll.stroke')].filter(Boolean).join(', ')}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      <b>{e.icdCode}</b> {e.icdName}
                    </Text>
                    {e.diagnosedAt && (
                      <Text size="xs" c="dimmed">
                        {t('ncdui.tab.diagnosedAt', { place: e.diagnosedAt })}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{formatDateVi(e.enrolledOn)}</Text>
                    <Text size="xs" c="dimmed">
                      {t('ncdui.tab.every', { days: e.followUpDays })}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <AppointmentCell e={e} />
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>&lt; {formatBp(e.bpTarget)}</Table.Td>
                  <Table.Td>
                    {e.endedOn ? (
                      <Text size="sm" c="dimmed">
                        {t('ncdui.tab.ended', { reason: t(`ncdui.endReason.${e.endReason ?? 'other'}`), date: formatDateVi(e.endedOn) })}
                      </Text>
                    ) : (
                      <Text size="sm" c="teal.8" fw={600} style={{ whiteSpace: 'nowrap' }}>
                        {t('ncdui.tab.active')}
                      </Text>
                    )}
                    {e.endNote && (
                      <Text size="xs" c="dimmed">
                        {e.endNote}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {canEdit && !e.endedOn && (
                      <Group gap={6} justify="flex-end" wrap="nowrap">
                        <Button component={Link} to={`/benh-man-tinh/tai-kham/${personId}/${e.id}`} size="xs" leftSection={<IconClipboardHeart size={14} />} data-testid="ncd-followup">
                          {t('ncdui.tab.followup')}
                        </Button>
                        <Button size="xs" variant="subtle" color="red" leftSection={<IconX size={14} />} onClick={() => setEnding(e)} data-testid="ncd-end">
                          {t('ncdui.tab.end')}
                        </Button>
                      </Group>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {list.length > 0 && (
        <>
          <Group justify="space-between" mt="xs">
            <Title order={5}>{t('ncdui.tab.progress')}</Title>
            {programsSeen.length > 1 && (
              <SegmentedControl
                size="xs"
                value={program}
                onChange={setProgram}
                data={[{ value: '', label: t('common.all') }, ...programsSeen.map((p) => ({ value: p, label: nameOf(p) }))]}
              />
            )}
          </Group>
          {history.data && <FollowupCharts history={history.data} />}
          {history.error && <Alert color="red">{history.error.message}</Alert>}
          {history.data && <FollowupHistory followups={history.data.followups} showProgram={programsSeen.length > 1 && !program} canVoid={canEdit} />}
        </>
      )}
      <EnrollModal personId={personId} opened={enrolling} onClose={() => setEnrolling(false)} activePrograms={current.map((e) => e.program)} />
      <EndEnrollmentModal enrollment={ending} onClose={() => setEnding(null)} />
    </Stack>
  );
}
