import { Button, Checkbox, Group, Modal, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { Household } from '../../../shared/contract/households.js';
import type { PersonSummary } from '../../../shared/contract/persons.js';
import { formatDateVi, parseDateVi } from '../../../shared/dates.js';
import { useApiMutation } from '../../api/hooks.js';
import { reportApiError, reportSuccess } from '../../app/feedback.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { todayIso } from '../persons/format.js';
import type { HamletOption } from './CreateHouseholdModal.js';

function Actions({ onCancel, busy, label }: { onCancel: () => void; busy: boolean; label?: string }) {
  const { t } = useI18n();
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onCancel}>
        {t('common.cancel')}
      </Button>
      <Button type="submit" loading={busy}>
        {label ?? t('common.save')}
      </Button>
    </Group>
  );
}

/** Split members off into a new household: pick the members, their new head, the date (and a new address). */
export function SplitHouseholdModal({ household, members, onClose }: { household: Household | null; members: PersonSummary[]; onClose: () => void }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const split = useApiMutation('households.split');
  const [picked, setPicked] = useState<string[]>([]);
  const [headId, setHeadId] = useState<string | null>(null);
  const [date, setDate] = useState(formatDateVi(todayIso()));
  const [address, setAddress] = useState('');
  const [error, setError] = useState<string | null>(null);
  // The head stays (change the head first to move them).
  const active = members.filter((m) => m.status === 'active' && m.id !== household?.headPersonId);
  const close = () => (setPicked([]), setHeadId(null), setAddress(''), setError(null), onClose());
  const submit = () => {
    const iso = parseDateVi(date);
    if (!household || picked.length === 0 || !headId || !picked.includes(headId) || !iso) return setError(t('household.split.incomplete'));
    split.mutate(
      { householdId: household.id, memberIds: picked, newHeadId: headId, date: iso, ...(address.trim() ? { address: address.trim() } : {}) },
      {
        onSuccess: (r) => (reportSuccess(t('household.split.done', { code: r.household.code })), close(), void navigate(`/ho-gia-dinh/${r.household.id}`)),
        onError: (e) => reportApiError(e),
      },
    );
  };
  return (
    <Modal opened={household !== null} onClose={close} title={t('household.split')} size="lg">
      <form onSubmit={(e) => (e.preventDefault(), submit())}>
        <Stack>
          <Text size="sm" c="dimmed">
            {t('household.split.hint')}
          </Text>
          <Checkbox.Group label={t('household.split.members')} value={picked} onChange={(v) => (setPicked(v), headId && !v.includes(headId) && setHeadId(null))}>
            <Stack gap={6} mt={6}>
              {active.map((m, i) => (
                <Checkbox key={m.id} value={m.id} label={`${m.fullName} · ${t(`relation.${m.relationToHead}`)}`} data-autofocus={i === 0 || undefined} />
              ))}
            </Stack>
          </Checkbox.Group>
          <Select
            label={t('household.split.newHead')}
            data={active.filter((m) => picked.includes(m.id)).map((m) => ({ value: m.id, label: m.fullName }))}
            value={headId}
            onChange={setHeadId}
            allowDeselect={false}
            withAsterisk
          />
          <Group grow>
            <TextInput label={t('household.split.date')} value={date} onChange={(e) => setDate(e.currentTarget.value)} placeholder="dd/mm/yyyy" />
            <TextInput label={t('household.split.address')} value={address} onChange={(e) => setAddress(e.currentTarget.value)} placeholder={household?.address} />
          </Group>
          {error && (
            <Text c="red" size="sm">
              {error}
            </Text>
          )}
          <Actions onCancel={close} busy={split.isPending} label={t('household.split.submit')} />
        </Stack>
      </form>
    </Modal>
  );
}

/** Change the head of household, the hamlet, the address or the note. */
export function EditHouseholdModal({ household, members, hamlets, onClose }: { household: Household | null; members: PersonSummary[]; hamlets: HamletOption[]; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Modal opened={household !== null} onClose={onClose} title={t('household.edit')}>
      {household && <EditHouseholdBody household={household} members={members} hamlets={hamlets} onClose={onClose} />}
    </Modal>
  );
}

function EditHouseholdBody({ household, members, hamlets, onClose }: { household: Household; members: PersonSummary[]; hamlets: HamletOption[]; onClose: () => void }) {
  const { t } = useI18n();
  const update = useApiMutation('households.update');
  const [headId, setHeadId] = useState<string | null>(household.headPersonId);
  const [hamletId, setHamletId] = useState<string | null>(household.hamletId);
  const [address, setAddress] = useState(household.address);
  const [note, setNote] = useState(household.note ?? '');
  const submit = () =>
    update.mutate(
      {
        id: household.id,
        ...(headId && headId !== household.headPersonId ? { headPersonId: headId } : {}),
        ...(hamletId && hamletId !== household.hamletId ? { hamletId } : {}),
        ...(address.trim() && address !== household.address ? { address } : {}),
        note,
      },
      { onSuccess: () => (reportSuccess(t('common.saved')), onClose()), onError: (e) => reportApiError(e) },
    );
  return (
    <form onSubmit={(e) => (e.preventDefault(), submit())}>
      <Stack>
        <Select
          label={t('household.head')}
          data={members.filter((m) => m.status === 'active').map((m) => ({ value: m.id, label: `${m.fullName} · ${t(`relation.${m.relationToHead}`)}` }))}
          value={headId}
          onChange={setHeadId}
          allowDeselect={false}
          data-autofocus
          data-testid="household-edit-head"
        />
        <Text size="xs" c="dimmed">
          {t('household.edit.headHint')}
        </Text>
        <Select label={t('household.hamlet')} data={hamlets} value={hamletId} onChange={setHamletId} allowDeselect={false} />
        <TextInput label={t('household.address')} value={address} onChange={(e) => setAddress(e.currentTarget.value)} />
        <Textarea label={t('household.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize minRows={1} />
        <Actions onCancel={onClose} busy={update.isPending} />
      </Stack>
    </form>
  );
}
