import { Alert, Anchor, Badge, Button, Group, Loader, Modal, MultiSelect, Stack, Table, Text, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { ImmSession } from '../../../shared/contract/immunization.js';
import { formatDateVi } from '../../../shared/dates.js';
import type { MessageKey } from '../../../shared/i18n/index.js';
import { useApiMutation, useApiQuery } from '../../api/hooks.js';
import { reportApiError, reportSuccess } from '../../app/feedback.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { stationToday, useRole } from '../visits/access.js';
import { DateField } from '../visits/DateField.js';
import { IMM_PATHS } from './paths.js';
import { canVaccinate } from './ui.js';

const STATUS_COLOR: Record<ImmSession['status'], string> = { planned: 'blue', open: 'teal', closed: 'gray' };

export function SessionStatusBadge({ status }: { status: ImmSession['status'] }) {
  const { t } = useI18n();
  return (
    <Badge color={STATUS_COLOR[status]} variant="light" data-testid="imm-session-status" data-status={status}>
      {t(`immui.session.status.${status}` as MessageKey)}
    </Badge>
  );
}

/** Buổi tiêm: the sessions, newest first, with what happened at each; "Lập buổi tiêm" plans a new one. */
export function SessionsPage() {
  const { t } = useI18n();
  const role = useRole();
  const sessions = useApiQuery('imm.sessions', {});
  const [creating, setCreating] = useState(false);
  const rows = sessions.data?.sessions ?? [];
  return (
    <Stack>
      <Group justify="space-between">
        <Text c="dimmed" size="sm">
          {t('immui.sessions.hint')}
        </Text>
        {canVaccinate(role) && (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)} data-testid="imm-session-new">
            {t('immui.sessions.new')}
          </Button>
        )}
      </Group>
      {sessions.isPending && <Loader />}
      {sessions.error && <Alert color="red">{sessions.error.message}</Alert>}
      {sessions.data && rows.length === 0 && <Alert color="gray">{t('immui.sessions.none')}</Alert>}
      {rows.length > 0 && (
        <Table striped highlightOnHover withTableBorder data-testid="imm-sessions">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={110}>{t('immui.session.date')}</Table.Th>
              <Table.Th>{t('immui.session.place')}</Table.Th>
              <Table.Th>{t('immui.session.hamlets')}</Table.Th>
              <Table.Th w={130}>{t('immui.session.status')}</Table.Th>
              <Table.Th w={110} ta="right">{t('immui.session.checkedIn')}</Table.Th>
              <Table.Th w={110} ta="right">{t('immui.session.doses')}</Table.Th>
              <Table.Th w={110} ta="right">{t('immui.session.aefi')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((s) => (
              <Table.Tr key={s.id} data-testid="imm-session-row">
                <Table.Td>
                  <Anchor component={Link} to={s.status === 'open' ? IMM_PATHS.day(s.id) : IMM_PATHS.session(s.id)} fw={600}>
                    {formatDateVi(s.date)}
                  </Anchor>
                </Table.Td>
                <Table.Td>{s.place}</Table.Td>
                <Table.Td>
                  <Text size="sm">{s.hamletNames.join(', ')}</Text>
                </Table.Td>
                <Table.Td>
                  <SessionStatusBadge status={s.status} />
                </Table.Td>
                <Table.Td ta="right">{s.counts.checkedIn}</Table.Td>
                <Table.Td ta="right">{s.counts.doses}</Table.Td>
                <Table.Td ta="right">
                  {s.counts.seriousAefi > 0 ? (
                    <Badge color="red">{t('immui.session.seriousCount', { count: s.counts.seriousAefi })}</Badge>
                  ) : (
                    s.counts.aefi
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <SessionFormModal opened={creating} onClose={() => setCreating(false)} />
    </Stack>
  );
}

interface SessionValues {
  date: string;
  place: string;
  hamletIds: string[];
  note: string;
}

/** Plans a session (date, place, hamlets covered) or changes one. */
export function SessionFormModal({ opened, onClose, session }: { opened: boolean; onClose: () => void; session?: ImmSession }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const hamlets = useApiQuery('hamlets.list', {}, { enabled: opened });
  const create = useApiMutation('imm.createSession');
  const update = useApiMutation('imm.updateSession');
  const form = useForm<SessionValues>({
    initialValues: session
      ? { date: session.date, place: session.place, hamletIds: session.hamletIds, note: session.note ?? '' }
      : { date: stationToday(), place: t('immui.session.placeDefault'), hamletIds: [], note: '' },
  });
  const submit = (v: SessionValues) => {
    if (session) {
      update.mutate(
        { id: session.id, ...v },
        { onSuccess: () => (reportSuccess(t('common.saved')), onClose()), onError: (e) => reportApiError(e, form) },
      );
    } else {
      create.mutate(v, {
        onSuccess: (r) => {
          reportSuccess(t('immui.sessions.created'));
          onClose();
          form.reset();
          void navigate(IMM_PATHS.session(r.session.id));
        },
        onError: (e) => reportApiError(e, form),
      });
    }
  };
  const options = (hamlets.data?.hamlets ?? []).map((h) => ({ value: h.id, label: h.name }));
  return (
    <Modal opened={opened} onClose={onClose} title={session ? t('immui.sessions.edit') : t('immui.sessions.new')} size="lg">
      <form onSubmit={form.onSubmit(submit)} data-testid="imm-session-form">
        <Stack gap="sm">
          <DateField label={t('immui.session.date')} value={form.values.date} onChange={(iso) => form.setFieldValue('date', iso)} testId="imm-session-date" w={180} />
          {form.errors.date && (
            <Text size="xs" c="red">
              {form.errors.date}
            </Text>
          )}
          <TextInput label={t('immui.session.place')} withAsterisk {...form.getInputProps('place')} data-testid="imm-session-place" />
          <MultiSelect
            label={t('immui.session.hamlets')}
            withAsterisk
            data={options}
            searchable
            clearable
            placeholder={t('immui.session.hamletsHint')}
            {...form.getInputProps('hamletIds')}
            data-testid="imm-session-hamlets"
          />
          <Group gap="xs">
            <Button size="xs" variant="subtle" onClick={() => form.setFieldValue('hamletIds', options.map((o) => o.value))} data-testid="imm-session-all-hamlets">
              {t('immui.session.allHamlets')}
            </Button>
          </Group>
          <Textarea label={t('immui.session.note')} autosize minRows={2} {...form.getInputProps('note')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending || update.isPending} data-testid="imm-session-save">
              {session ? t('common.save') : t('immui.sessions.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
