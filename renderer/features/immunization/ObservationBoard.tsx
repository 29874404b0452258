import { Badge, Button, Group, Modal, Paper, Stack, Text, Textarea, ThemeIcon, Title } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconClockHour4, IconDoorExit } from '@tabler/icons-react';
import { useState } from 'react';
import type { BoardEntry } from '../../../shared/contract/immunization.js';
import { OBSERVATION_MINUTES } from '../../../shared/immunization/checklists.js';
import { useApiMutation } from '../../api/hooks.js';
import { reportApiError, reportSuccess } from '../../app/feedback.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { formatAge } from '../persons/format.js';
import { formatCountdown, timeVi } from './ui.js';

/**
 * Theo dõi sau tiêm: everyone vaccinated and still here, with the minutes left of the 30-minute observation counted
 * from the injection on the station's clock; the card turns green when they may leave. Shown on every workstation.
 */
export function ObservationBoard({ entries, now, date, canAct, onAefi }: { entries: BoardEntry[]; now: number; date: string; canAct: boolean; onAefi: (e: BoardEntry) => void }) {
  const { t } = useI18n();
  const observing = entries
    .filter((e) => e.state === 'observing')
    .sort((a, b) => (a.observeUntil ?? '').localeCompare(b.observeUntil ?? ''));
  const ready = observing.filter((e) => e.observeUntil && Date.parse(e.observeUntil) <= now).length;
  return (
    <Paper withBorder p="sm" data-testid="imm-observation" style={{ position: 'sticky', top: 70 }}>
      <Group justify="space-between" mb="xs">
        <Group gap={6}>
          <IconClockHour4 size={18} />
          <Title order={4}>{t('immui.obs.title')}</Title>
        </Group>
        <Badge variant="light" tt="none" data-testid="imm-observation-count">
          {t('immui.obs.count', { count: observing.length, ready })}
        </Badge>
      </Group>
      {observing.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('immui.obs.none', { minutes: OBSERVATION_MINUTES })}
        </Text>
      )}
      <Stack gap="xs">
        {observing.map((e) => (
          <ObservationCard key={e.attendanceId} entry={e} now={now} date={date} canAct={canAct} onAefi={() => onAefi(e)} />
        ))}
      </Stack>
    </Paper>
  );
}

function ObservationCard({ entry, now, date, canAct, onAefi }: { entry: BoardEntry; now: number; date: string; canAct: boolean; onAefi: () => void }) {
  const { t } = useI18n();
  const [early, setEarly] = useState(false);
  const end = useApiMutation('imm.observationEnd');
  const until = entry.observeUntil ? Date.parse(entry.observeUntil) : null;
  const left = until === null ? 0 : until - now;
  const mayLeave = left <= 0;
  const serious = entry.aefi.some((a) => a.severity === 'serious');
  const color = serious ? 'red' : entry.aefi.length > 0 ? 'orange' : mayLeave ? 'teal' : 'yellow';
  const leave = () => {
    if (!mayLeave) return setEarly(true);
    end.mutate({ attendanceId: entry.attendanceId }, { onSuccess: () => reportSuccess(t('immui.obs.left', { name: entry.person.fullName })), onError: (e) => reportApiError(e) });
  };
  return (
    <Paper
      p="xs"
      radius="md"
      bg={`${color}.0`}
      style={{ border: `2px solid var(--mantine-color-${color}-${mayLeave && !serious ? 6 : 4})` }}
      data-testid="imm-obs-card"
      data-person={entry.person.fullName}
      data-may-leave={mayLeave ? 'true' : 'false'}
    >
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Stack gap={0}>
          <Text fw={700} size="sm">
            {entry.person.fullName}
          </Text>
          <Text size="xs" c="dimmed">
            {formatAge(entry.person.birthDate, t, date)} · {entry.given.map((d) => d.label ?? d.vaccineCode).join(', ')}
          </Text>
          <Text size="xs" c="dimmed">
            {t('immui.obs.injectedAt', { time: timeVi(entry.injectedAt) })}
          </Text>
        </Stack>
        {serious ? (
          <Text fw={700} c="red.8" size="sm" style={{ whiteSpace: 'nowrap' }} data-testid="imm-obs-under-care">
            {t('immui.obs.underCare')}
          </Text>
        ) : mayLeave ? (
          <Group gap={4} wrap="nowrap" data-testid="imm-obs-ready">
            <ThemeIcon color="teal" radius="xl" size="sm">
              <IconCheck size={14} />
            </ThemeIcon>
            <Text fw={700} c="teal.8" size="sm" style={{ whiteSpace: 'nowrap' }}>
              {t('immui.obs.mayLeave')}
            </Text>
          </Group>
        ) : (
          <Text fw={800} size="xl" c="yellow.9" ff="monospace" data-testid="imm-obs-countdown" aria-label={t('immui.obs.remaining')}>
            {formatCountdown(left)}
          </Text>
        )}
      </Group>
      {entry.aefi.length > 0 && (
        <Group gap={4} mt={4}>
          <IconAlertTriangle size={14} color={`var(--mantine-color-${serious ? 'red' : 'orange'}-7)`} />
          <Text size="xs" c={serious ? 'red.8' : 'orange.8'} fw={600}>
            {entry.aefi.map((a) => t(`imm.aefi.severity.${a.severity}`)).join(', ')}
          </Text>
        </Group>
      )}
      {canAct && (
        <Group gap={6} mt={6}>
          <Button size="compact-sm" color="teal" variant={mayLeave && !serious ? 'filled' : 'light'} leftSection={<IconDoorExit size={14} />} loading={end.isPending} onClick={leave} data-testid="imm-obs-leave">
            {t('immui.obs.leave')}
          </Button>
          <Button size="compact-sm" color="red" variant="light" leftSection={<IconAlertTriangle size={14} />} onClick={onAefi} data-testid="imm-obs-aefi">
            {t('immui.obs.aefi')}
          </Button>
        </Group>
      )}
      {early && <LeaveEarlyModal entry={entry} minutes={Math.ceil(left / 60_000)} onClose={() => setEarly(false)} />}
    </Paper>
  );
}

/** Leaving before 30 minutes is allowed only with a written reason (the family insists, …). */
function LeaveEarlyModal({ entry, minutes, onClose }: { entry: BoardEntry; minutes: number; onClose: () => void }) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const end = useApiMutation('imm.observationEnd');
  const submit = () => {
    if (reason.trim().length < 5) return setError(t('v.immReason'));
    end.mutate(
      { attendanceId: entry.attendanceId, overrideReason: reason },
      { onSuccess: () => (reportSuccess(t('immui.obs.left', { name: entry.person.fullName })), onClose()), onError: (e) => setError(e.fields[0]?.message ?? e.message) },
    );
  };
  return (
    <Modal opened onClose={onClose} title={t('immui.obs.earlyTitle', { name: entry.person.fullName })} data-testid="imm-obs-early">
      <Stack>
        <Text size="sm" c="orange.8">
          {t('error.IMM_OBSERVATION_NOT_DONE', { minutes })}
        </Text>
        <Textarea label={t('immui.obs.earlyReason')} withAsterisk autosize minRows={2} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={error} data-testid="imm-obs-early-reason" />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button color="orange" loading={end.isPending} onClick={submit} data-testid="imm-obs-early-save">
            {t('immui.obs.leave')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
