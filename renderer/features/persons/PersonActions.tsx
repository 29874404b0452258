import { Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import type { Person } from '../../../shared/contract/persons.js';
import { formatDateVi, parseDateVi } from '../../../shared/dates.js';
import { RELATIONS, type Relation } from '../../../shared/persons/relations.js';
import { useApiMutation, useApiQuery } from '../../api/hooks.js';
import { reportApiError, reportSuccess } from '../../app/feedback.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { todayIso } from './format.js';

export type LifeEventKind = 'died' | 'moved_away' | 'returned';

function Buttons({ onCancel, busy, label, color }: { onCancel: () => void; busy: boolean; label: string; color?: string }) {
  const { t } = useI18n();
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onCancel}>
        {t('common.cancel')}
      </Button>
      <Button type="submit" loading={busy} color={color} data-testid="action-submit">
        {label}
      </Button>
    </Group>
  );
}

/** Died (date, place), moved away (date, destination) or returned / moved back in (date, origin). */
export function LifeEventModal({ person, kind, onClose }: { person: Person; kind: LifeEventKind | null; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Modal opened={kind !== null} onClose={onClose} title={kind ? t(`life.${kind}.title`, { name: person.fullName }) : ''}>
      {kind && <LifeEventBody person={person} kind={kind} onClose={onClose} />}
    </Modal>
  );
}

function LifeEventBody({ person, kind, onClose }: { person: Person; kind: LifeEventKind; onClose: () => void }) {
  const { t } = useI18n();
  const record = useApiMutation('persons.recordLifeEvent');
  const [date, setDate] = useState(formatDateVi(todayIso()));
  const [place, setPlace] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | undefined>();
  const submit = () => {
    const iso = parseDateVi(date);
    if (!iso) return setError(t('v.date'));
    if (iso > todayIso()) return setError(t('v.futureDate'));
    record.mutate(
      { personId: person.id, kind, date: iso, ...(place.trim() ? { place } : {}), ...(note.trim() ? { note } : {}) },
      {
        onSuccess: () => (reportSuccess(t('common.saved')), onClose()),
        onError: (e) => reportApiError(e, { setFieldError: (path: string, message: unknown) => path === 'date' && setError(String(message)) }),
      },
    );
  };
  return (
    <form onSubmit={(e) => (e.preventDefault(), submit())}>
      <Stack>
        <TextInput label={t('life.date')} value={date} onChange={(e) => setDate(e.currentTarget.value)} error={error} placeholder="dd/mm/yyyy" data-autofocus withAsterisk />
        <TextInput label={t(`life.${kind}.place`)} value={place} onChange={(e) => setPlace(e.currentTarget.value)} />
        <TextInput label={t('life.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
        <Buttons onCancel={onClose} busy={record.isPending} label={t(`life.${kind}.submit`)} color={kind === 'died' ? 'dark' : undefined} />
      </Stack>
    </form>
  );
}

/** Move the person to another household of the station, with their relation to its head. */
export function MoveModal({ person, opened, onClose }: { person: Person; opened: boolean; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Modal opened={opened} onClose={onClose} title={t('move.title', { name: person.fullName })}>
      {opened && <MoveBody person={person} onClose={onClose} />}
    </Modal>
  );
}

function MoveBody({ person, onClose }: { person: Person; onClose: () => void }) {
  const { t } = useI18n();
  const move = useApiMutation('persons.move');
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 200);
  const [householdId, setHouseholdId] = useState<string | null>(null);
  const [relation, setRelation] = useState<Relation | null>(null);
  const [date, setDate] = useState(formatDateVi(todayIso()));
  const [error, setError] = useState<string | null>(null);
  const list = useApiQuery('households.list', { ...(q.trim() ? { q: q.trim() } : {}), limit: 30, offset: 0 });
  const options = (list.data?.households ?? [])
    .filter((h) => h.id !== person.householdId && !h.dissolved)
    .map((h) => ({ value: h.id, label: `${h.code} · ${h.headName ?? '—'} · ${h.hamletName}` }));
  const submit = () => {
    const iso = parseDateVi(date);
    if (!householdId || !relation || !iso) return setError(t('move.incomplete'));
    move.mutate(
      { personId: person.id, toHouseholdId: householdId, relationToHead: relation, date: iso },
      { onSuccess: () => (reportSuccess(t('move.done')), onClose()), onError: (e) => reportApiError(e) },
    );
  };
  return (
    <form onSubmit={(e) => (e.preventDefault(), submit())}>
      <Stack>
        <Select
          label={t('move.household')}
          placeholder={t('household.searchPlaceholder')}
          data={options}
          value={householdId}
          onChange={setHouseholdId}
          searchable
          searchValue={search}
          onSearchChange={setSearch}
          filter={({ options: o }) => o}
          nothingFoundMessage={t('household.noneFound')}
          data-autofocus
          withAsterisk
        />
        <Select
          label={t('household.relation')}
          data={RELATIONS.map((r) => ({ value: r, label: t(`relation.${r}`) }))}
          value={relation}
          onChange={(v) => setRelation(v as Relation | null)}
          withAsterisk
        />
        <TextInput label={t('move.date')} value={date} onChange={(e) => setDate(e.currentTarget.value)} placeholder="dd/mm/yyyy" />
        {error && (
          <Text c="red" size="sm">
            {error}
          </Text>
        )}
        <Buttons onCancel={onClose} busy={move.isPending} label={t('move.submit')} />
      </Stack>
    </form>
  );
}
