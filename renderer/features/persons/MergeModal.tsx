import { Alert, Button, Checkbox, Group, Modal, Paper, Radio, SimpleGrid, Stack, Text, TextInput, Textarea, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconGitMerge, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { Person } from '../../../shared/contract/persons.js';
import { formatDateVi } from '../../../shared/dates.js';
import { useApiMutation, useApiQuery } from '../../api/hooks.js';
import { reportApiError, reportSuccess } from '../../app/feedback.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { formatBirthDate, sexLabel } from './format.js';
import { PersonLine } from './PersonLine.js';

/** Merge a duplicate record (physician / admin): pick it by search, compare side by side, give a reason, confirm. */
export function MergeModal({ person, opened, onClose }: { person: Person; opened: boolean; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Modal opened={opened} onClose={onClose} title={t('merge.title')} size="xl" data-testid="merge-modal">
      {opened && <MergeBody person={person} onClose={onClose} />}
    </Modal>
  );
}

function MergeBody({ person, onClose }: { person: Person; onClose: () => void }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const merge = useApiMutation('persons.merge');
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 150);
  const [otherId, setOtherId] = useState<string | null>(null);
  const [keep, setKeep] = useState<'this' | 'other'>('this');
  const [reason, setReason] = useState('');
  const [sure, setSure] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const hits = useApiQuery('persons.search', { q: q.trim(), limit: 10, includeInactive: false }, { enabled: q.trim().length >= 2 && !otherId });
  const other = useApiQuery('persons.get', { id: otherId ?? '' }, { enabled: Boolean(otherId) });

  const submit = () => {
    if (!other.data) return;
    if (!reason.trim()) return setError(t('merge.reasonRequired'));
    if (!sure) return setError(t('merge.confirmRequired'));
    const survivorId = keep === 'this' ? person.id : other.data.person.id;
    const mergedId = keep === 'this' ? other.data.person.id : person.id;
    merge.mutate(
      { survivorId, mergedId, reason },
      { onSuccess: () => (reportSuccess(t('merge.done')), onClose(), void navigate(`/nguoi/${survivorId}`)), onError: (e) => reportApiError(e) },
    );
  };

  if (!otherId) {
    const list = (hits.data?.hits ?? []).filter((h) => h.id !== person.id);
    return (
      <Stack>
        <Text size="sm">{t('merge.pickHint', { name: person.fullName })}</Text>
        <TextInput leftSection={<IconSearch size={16} />} placeholder={t('search.placeholder')} value={search} onChange={(e) => setSearch(e.currentTarget.value)} data-autofocus data-testid="merge-search" />
        <Stack gap={4}>
          {list.map((h) => (
            <UnstyledButton key={h.id} onClick={() => setOtherId(h.id)} p={6} style={{ borderRadius: 4, border: '1px solid var(--mantine-color-gray-3)' }} data-testid="merge-hit">
              <PersonLine person={h} />
            </UnstyledButton>
          ))}
          {hits.isSuccess && list.length === 0 && <Text c="dimmed">{t('search.none', { q })}</Text>}
        </Stack>
      </Stack>
    );
  }

  return (
    <form onSubmit={(e) => (e.preventDefault(), submit())}>
      <Stack>
        {other.data && (
          <Radio.Group value={keep} onChange={(v) => setKeep(v as 'this' | 'other')} label={t('merge.keep')}>
            <SimpleGrid cols={2} mt="xs">
              <Side person={person} value="this" keep={keep === 'this'} />
              <Side person={other.data.person} value="other" keep={keep === 'other'} />
            </SimpleGrid>
          </Radio.Group>
        )}
        <Alert color="orange">{t('merge.warning')}</Alert>
        <Textarea label={t('merge.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} withAsterisk autosize minRows={2} data-autofocus data-testid="merge-reason" />
        <Checkbox label={t('merge.sure')} checked={sure} onChange={(e) => setSure(e.currentTarget.checked)} data-testid="merge-sure" />
        {error && (
          <Text c="red" size="sm">
            {error}
          </Text>
        )}
        <Group justify="space-between">
          <Button variant="subtle" onClick={() => (setOtherId(null), setSure(false))}>
            {t('merge.pickAnother')}
          </Button>
          <Group gap="xs">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="red" leftSection={<IconGitMerge size={16} />} loading={merge.isPending} data-testid="merge-submit">
              {t('merge.submit')}
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}

function Side({ person, value, keep }: { person: Person; value: string; keep: boolean }) {
  const { t } = useI18n();
  const rows: [string, string | null | undefined][] = [
    [t('person.birthDate'), formatBirthDate(person.birthDate)],
    [t('person.sex'), sexLabel(person.sex, t)],
    [t('person.cccd'), person.cccd],
    [t('person.bhytCardCode'), person.bhytCardCode ?? person.bhxhNumber],
    [t('person.bhytValidTo'), formatDateVi(person.bhytValidTo)],
    [t('person.motherName'), person.motherName],
    [t('person.fatherName'), person.fatherName],
    [t('person.phone'), person.phone],
    [t('person.currentAddress'), person.currentAddress],
    [t('person.registeredAt'), formatDateVi(person.createdAt)],
  ];
  return (
    <Paper withBorder p="sm" style={{ borderColor: keep ? 'var(--mantine-color-teal-6)' : undefined }} data-testid={`merge-side-${value}`}>
      <Radio value={value} label={<Text fw={700}>{person.fullName}</Text>} mb="xs" />
      {rows.map(([label, v]) => (
        <Text size="sm" key={label}>
          <Text span c="dimmed" size="sm">
            {label}:
          </Text>{' '}
          {v || '—'}
        </Text>
      ))}
      <Text size="xs" c={keep ? 'teal' : 'red'} mt="xs">
        {keep ? t('merge.survives') : t('merge.goesAway')}
      </Text>
    </Paper>
  );
}
