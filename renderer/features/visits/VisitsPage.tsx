import { Alert, Anchor, Badge, Button, Group, Menu, Stack, Table, Text, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { IconAlertTriangle, IconBook, IconChevronDown, IconStethoscope, IconUserPlus, IconUsersPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { QueueEntry, VisitStatus } from '../../../shared/contract/visits.js';
import { formatDateTimeVi, formatDateVi } from '../../../shared/dates.js';
import { useApiMutation, useApiQuery } from '../../api/hooks.js';
import { reportApiError } from '../../app/feedback.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { formatAge, sexLabel } from '../persons/format.js';
import { canExamine, canReceive, stationToday, useRole } from './access.js';
import { DateField } from './DateField.js';
import { ReceiveModal } from './ReceiveModal.js';
import { StatusBadge } from './StatusBadge.js';

/**
 * Khám bệnh: the day's queue, live on every workstation (writes emit data.changed; the page also polls as a
 * fallback). "Tiếp đón" (F2) receives a registered person; new people are registered under Hộ gia đình.
 */
export function VisitsPage() {
  const { t } = useI18n();
  const role = useRole();
  const today = stationToday();
  const [date, setDate] = useState(today);
  const [receiving, setReceiving] = useState(false);
  const queue = useApiQuery('visits.queue', { date }, { refetchInterval: 30_000 });
  const visits = queue.data?.visits ?? [];
  useHotkeys([['F2', () => canReceive(role) && setReceiving(true)]]);

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Group align="flex-end">
          <Title order={2}>{t('visits.title')}</Title>
          <DateField label={t('visits.dateInput')} value={date} onChange={setDate} testId="queue-date" />
          {date !== today && (
            <Button variant="subtle" onClick={() => setDate(today)}>
              {t('visits.today')}
            </Button>
          )}
        </Group>
        <Group>
          <Button component={Link} to="/kham-benh/so-kham-benh" variant="default" leftSection={<IconBook size={16} />}>
            {t('visits.registerLink')}
          </Button>
          {canReceive(role) && (
            <Button component={Link} to="/ho-gia-dinh" variant="default" leftSection={<IconUsersPlus size={16} />} data-testid="queue-register-new">
              {t('visits.registerNew')}
            </Button>
          )}
          {canReceive(role) && (
            <Button leftSection={<IconUserPlus size={16} />} onClick={() => setReceiving(true)} data-testid="queue-receive">
              {t('visits.receive')} (F2)
            </Button>
          )}
        </Group>
      </Group>
      <Text c="dimmed" size="sm">
        {t('visits.queueOf', { date: formatDateVi(date) })} · {t('visits.count', { count: visits.filter((v) => v.status !== 'cancelled').length })}
      </Text>
      <Table striped highlightOnHover withTableBorder verticalSpacing="xs" data-testid="queue-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={60}>{t('visits.queueNumber')}</Table.Th>
            <Table.Th>{t('visits.person')}</Table.Th>
            <Table.Th>{t('visits.reason')}</Table.Th>
            <Table.Th w={90}>{t('visits.arrivedAt')}</Table.Th>
            <Table.Th w={130}>{t('visits.status')}</Table.Th>
            <Table.Th w={150}>{t('visits.examiner')}</Table.Th>
            <Table.Th w={210}>{t('visits.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {visits.map((v) => (
            <QueueRow key={v.id} visit={v} />
          ))}
        </Table.Tbody>
      </Table>
      {queue.data && visits.length === 0 && <Alert color="gray">{t('visits.queueEmpty')}</Alert>}
      <AppointmentsDue date={date} />
      <ReceiveModal opened={receiving} onClose={() => setReceiving(false)} date={date} today={today} />
    </Stack>
  );
}

/** Re-examination appointments (phiếu hẹn khám lại) falling on the queue's day, so reception expects them. */
function AppointmentsDue({ date }: { date: string }) {
  const { t } = useI18n();
  const due = useApiQuery('appointments.list', { view: 'all', from: date, to: date });
  const rows = (due.data?.appointments ?? []).filter((a) => a.returnDate === date && a.state !== 'cancelled');
  if (rows.length === 0) return null;
  return (
    <Alert color="blue" title={t('visits.appointmentsDue', { count: rows.length })} data-testid="appointments-due">
      <Group gap="md">
        {rows.map((a) => (
          <Anchor key={a.id} component={Link} to={`/nguoi/${a.personId}`} size="sm">
            {a.personName}
            {a.diagnosisText ? ` · ${a.diagnosisText}` : ''}
          </Anchor>
        ))}
      </Group>
    </Alert>
  );
}

function QueueRow({ visit: v }: { visit: QueueEntry }) {
  const { t } = useI18n();
  const role = useRole();
  const navigate = useNavigate();
  const setStatus = useApiMutation('visits.setStatus');
  const change = (status: VisitStatus, then?: () => void) => setStatus.mutate({ id: v.id, status }, { onSuccess: () => then?.(), onError: (e) => reportApiError(e) });
  const open = () => void navigate(`/kham-benh/luot/${v.id}`);
  const p = v.person;
  const due = v.previous?.returnDate;
  return (
    <Table.Tr data-testid="queue-row" data-queue-number={v.queueNumber} data-status={v.status} style={v.status === 'cancelled' ? { opacity: 0.55 } : undefined}>
      <Table.Td>
        <Text fw={700} size="lg">
          {v.queueNumber}
        </Text>
      </Table.Td>
      <Table.Td>
        <Group gap={6} wrap="nowrap">
          <Anchor component={Link} to={`/nguoi/${p.id}`} fw={600} size="sm">
            {p.fullName}
          </Anchor>
          {p.allergyAlert && <IconAlertTriangle size={14} color="var(--mantine-color-red-6)" aria-label={t('visits.allergy')} />}
          {v.insured && (
            <Badge size="xs" variant="outline" color="green">
              {t('visits.bhyt')}
            </Badge>
          )}
        </Group>
        <Text size="xs" c="dimmed">
          {[formatAge(p.birthDate, t, v.visitDate), sexLabel(p.sex, t), p.hamletName, p.cccd && `${t('visits.cccd')} ${p.cccd}`, p.bhytCardCode && `${t('visits.bhyt')} ${p.bhytCardCode}`].filter(Boolean).join(' · ')}
        </Text>
        {v.previous && (
          <Text size="xs" c={due && due <= v.visitDate ? 'blue' : 'dimmed'}>
            {due ? t('visits.returnDue', { date: formatDateVi(due) }) : t('visits.lastVisit', { date: formatDateVi(v.previous.visitDate) })}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Text size="sm">{v.reason}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{formatDateTimeVi(v.arrivedAt).slice(11)}</Text>
      </Table.Td>
      <Table.Td>
        <StatusBadge status={v.status} />
      </Table.Td>
      <Table.Td>
        <Text size="sm">{v.examinerName ?? ''}</Text>
      </Table.Td>
      <Table.Td>
        <Group gap={4} wrap="nowrap">
          {v.status === 'waiting' && canExamine(role) && (
            <Button size="xs" leftSection={<IconStethoscope size={14} />} loading={setStatus.isPending} onClick={() => change('in_exam', open)} data-testid="queue-examine">
              {t('visits.examine')}
            </Button>
          )}
          {(v.status !== 'waiting' || !canExamine(role)) && v.status !== 'cancelled' && (
            <Button size="xs" variant="light" onClick={open} data-testid="queue-open">
              {t('visits.open')}
            </Button>
          )}
          {v.status === 'in_exam' && canExamine(role) && (
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <Button size="xs" variant="default" rightSection={<IconChevronDown size={12} />} data-testid="queue-finish">
                  {t('visits.finish')}…
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                {(['finished', 'referred', 'appointment'] as const).map((s) => (
                  <Menu.Item key={s} onClick={() => change(s)}>
                    {t(`visits.status.${s}`)}
                  </Menu.Item>
                ))}
              </Menu.Dropdown>
            </Menu>
          )}
          {v.status === 'waiting' && canReceive(role) && (
            <Button size="xs" variant="subtle" color="red" onClick={() => change('cancelled')} data-testid="queue-cancel">
              {t('visits.cancel')}
            </Button>
          )}
          {v.status === 'cancelled' && canReceive(role) && (
            <Button size="xs" variant="subtle" onClick={() => change('waiting')}>
              {t('visits.requeue')}
            </Button>
          )}
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}
