import { Alert, Anchor, Button, Group, Loader, Paper, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconEdit, IconPlayerPlay } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import type { ImmSession } from '../../../shared/contract/immunization.js';
import { formatDateVi } from '../../../shared/dates.js';
import { useApiMutation, useApiQuery } from '../../api/hooks.js';
import { reportApiError } from '../../app/feedback.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { useRole } from '../visits/access.js';
import { IMM_PATHS } from './paths.js';
import { SessionFormModal, SessionStatusBadge } from './SessionsPage.js';
import { canVaccinate } from './ui.js';

export type SessionView = 'plan' | 'day' | 'summary';

/** The session's date, place and hamlets, its status, and the switch between planning, the day and the summary. */
export function SessionHeader({ session, view, extra }: { session: ImmSession; view: SessionView; extra?: ReactNode }) {
  const { t } = useI18n();
  const role = useRole();
  const navigate = useNavigate();
  const [editing, setEditing] = useState(false);
  const update = useApiMutation('imm.updateSession');
  const open = () =>
    update.mutate({ id: session.id, status: 'open' }, { onSuccess: () => void navigate(IMM_PATHS.day(session.id)), onError: (e) => reportApiError(e) });
  const go = (v: string) => void navigate(v === 'plan' ? IMM_PATHS.session(session.id) : v === 'day' ? IMM_PATHS.day(session.id) : IMM_PATHS.summary(session.id));
  return (
    <Paper withBorder p="sm" data-testid="imm-session-header" data-session-id={session.id}>
      <Group justify="space-between" align="flex-start">
        <Stack gap={2}>
          <Anchor component={Link} to={IMM_PATHS.sessions} size="xs">
            <Group gap={4}>
              <IconArrowLeft size={12} />
              {t('immui.nav.sessions')}
            </Group>
          </Anchor>
          <Group gap="xs">
            <Title order={3} data-testid="imm-session-title">
              {t('immui.session.title', { date: formatDateVi(session.date) })}
            </Title>
            <SessionStatusBadge status={session.status} />
          </Group>
          <Text size="sm" c="dimmed">
            {session.place} · {session.hamletNames.join(', ')}
          </Text>
        </Stack>
        <Group gap="xs">
          {extra}
          {canVaccinate(role) && session.status !== 'closed' && (
            <Button variant="default" size="xs" leftSection={<IconEdit size={14} />} onClick={() => setEditing(true)}>
              {t('immui.sessions.edit')}
            </Button>
          )}
          {canVaccinate(role) && session.status === 'planned' && (
            <Button size="xs" leftSection={<IconPlayerPlay size={14} />} loading={update.isPending} onClick={open} data-testid="imm-session-open">
              {t('immui.session.start')}
            </Button>
          )}
        </Group>
      </Group>
      <SegmentedControl
        mt="sm"
        value={view}
        onChange={go}
        data={[
          { value: 'plan', label: t('immui.session.viewPlan') },
          { value: 'day', label: t('immui.session.viewDay') },
          { value: 'summary', label: t('immui.session.viewSummary') },
        ]}
        data-testid="imm-session-view"
      />
      {editing && <SessionFormModal opened onClose={() => setEditing(false)} session={session} />}
    </Paper>
  );
}

/** Loads a session for one of its pages; shows the loader or the error meanwhile. */
export function useSessionOr(id: string): { session: ImmSession | null; placeholder: ReactNode } {
  const q = useApiQuery('imm.session', { id }, { enabled: Boolean(id) });
  if (q.isPending) return { session: null, placeholder: <Loader /> };
  if (q.isError) return { session: null, placeholder: <Alert color="red">{q.error.message}</Alert> };
  return { session: q.data.session, placeholder: null };
}
