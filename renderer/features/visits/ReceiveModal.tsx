import { Alert, Button, Checkbox, Group, Loader, Modal, Paper, Stack, Text, TextInput, Title, UnstyledButton } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { IconAlertTriangle, IconQrcode, IconSearch } from '@tabler/icons-react';
import { keepPreviousData } from '@tanstack/react-query';
import { useEffect, useState, type KeyboardEvent } from 'react';
import { useNavigate } from 'react-router';
import type { SearchHit } from '../../../shared/contract/persons.js';
import { formatDateVi } from '../../../shared/dates.js';
import { useApiMutation, useApiQuery } from '../../api/hooks.js';
import { reportApiError } from '../../app/feedback.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { bhytState } from '../persons/format.js';
import { cardNumber } from '../persons/GlobalSearch.js';
import { PersonLine } from '../persons/PersonLine.js';
import { ScanDialog } from '../persons/ScanDialog.js';
import { findPayload, useSettledCard, type ScannedCard } from '../persons/useCardWedge.js';

/**
 * Tiếp đón: find the person (name, CCCD, BHYT card, phone), then the reason and whether the visit is insured
 * (ticked when the card is valid today), then the queue number. Keyboard only: arrows and Enter, Esc closes.
 */
export function ReceiveModal({ opened, onClose, date, today }: { opened: boolean; onClose: () => void; date: string; today: string }) {
  const { t } = useI18n();
  const [person, setPerson] = useState<SearchHit | null>(null);
  const [received, setReceived] = useState<{ number: number; name: string } | null>(null);
  const close = () => {
    setPerson(null);
    setReceived(null);
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title={t('visits.receiveTitle')} size="lg" data-testid="receive-modal">
      {received ? (
        <Stack align="center" gap="xs" data-testid="received">
          <Text>{received.name}</Text>
          <Text size="sm" c="dimmed">
            {t('visits.queueNumber')}
          </Text>
          <Title order={1} c="teal.8" data-testid="received-number">
            {received.number}
          </Title>
          <Button autoFocus onClick={close}>
            {t('common.close')}
          </Button>
        </Stack>
      ) : person ? (
        <ReceiveDetails person={person} date={date} today={today} onBack={() => setPerson(null)} onDone={(number) => setReceived({ number, name: person.fullName })} />
      ) : (
        <PersonSearch onPick={setPerson} />
      )}
    </Modal>
  );
}

function PersonSearch({ onPick }: { onPick: (hit: SearchHit) => void }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q.trim(), 150);
  const [active, setActive] = useState(0);
  // A card read by a keyboard-wedge scanner (typed into the box) or by the camera: search by its number.
  const [card, setCard] = useState<ScannedCard | null>(null);
  const [scanOpen, setScanOpen] = useState(false);
  const takeCard = (c: ScannedCard) => {
    setCard(c);
    setQ(cardNumber(c));
    setActive(0);
  };
  // A scanner types fast; take the payload once typing pauses (or on its final Enter), never half-way through it.
  useSettledCard(q.trim(), (found) => takeCard(found.card));
  const term = debounced.includes('|') ? '' : debounced;
  const search = useApiQuery('persons.search', { q: term, limit: 10, includeInactive: false }, { enabled: term.length >= 2, placeholderData: keepPreviousData });
  const fresh = Boolean(search.data) && !search.isPlaceholderData && !search.isFetching;
  const all = term.length >= 2 ? (search.data?.hits ?? []) : [];
  const hits = card ? all.filter((h) => h.matchedBy !== 'name') : all;
  // The card's person, when exactly one matches its number: go straight to the reason for the visit.
  useEffect(() => {
    if (card && fresh && term === cardNumber(card) && hits.length === 1) onPick(hits[0]!);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [card, fresh, term, hits.length]);
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (hits.length) setActive((a) => (a + (e.key === 'ArrowDown' ? 1 : hits.length - 1)) % hits.length);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const found = findPayload(q);
      if (found) return takeCard(found.card);
      const hit = hits[active];
      if (hit && !search.isPlaceholderData) onPick(hit);
    }
  };
  return (
    <Stack gap="xs">
      <Group align="flex-end" gap="xs">
        <TextInput
          data-autofocus
          autoFocus
          style={{ flex: 1 }}
          label={t('visits.searchPerson')}
          placeholder={t('visits.searchHint')}
          value={q}
          onChange={(e) => (setQ(e.currentTarget.value), setCard(null), setActive(0))}
          onKeyDown={onKeyDown}
          leftSection={search.isFetching ? <Loader size={14} /> : <IconSearch size={16} />}
          autoComplete="off"
          data-testid="receive-search"
        />
        <Button variant="default" leftSection={<IconQrcode size={16} />} onClick={() => setScanOpen(true)} data-testid="receive-scan">
          {t('scan.button')}
        </Button>
      </Group>
      <Stack gap={2} role="listbox" aria-label={t('visits.searchPerson')}>
        {hits.map((hit, i) => (
          <UnstyledButton
            key={hit.id}
            role="option"
            aria-selected={i === active}
            data-testid="receive-hit"
            onClick={() => onPick(hit)}
            onMouseEnter={() => setActive(i)}
            px="xs"
            py={6}
            style={{ borderRadius: 4, background: i === active ? 'var(--mantine-color-teal-light)' : undefined }}
          >
            <PersonLine person={hit} extra={[hit.cccd && `${t('visits.cccd')} ${hit.cccd}`, hit.bhytCardCode && `${t('visits.bhyt')} ${hit.bhytCardCode}`].filter(Boolean).join(' · ')} />
          </UnstyledButton>
        ))}
        {fresh && term.length >= 2 && hits.length === 0 && (
          <Stack gap={4} data-testid="receive-none">
            <Text size="sm" c="dimmed">
              {card ? t('search.cardNone', { number: cardNumber(card) }) : t('visits.searchNone', { q: term })}
            </Text>
            {card && (
              <Button size="xs" variant="light" w="fit-content" onClick={() => void navigate('/ho-gia-dinh', { state: { registerCard: card } })}>
                {t('search.registerNew')}
              </Button>
            )}
          </Stack>
        )}
      </Stack>
      <ScanDialog opened={scanOpen} onClose={() => setScanOpen(false)} onResult={(c) => (setScanOpen(false), takeCard(c))} />
    </Stack>
  );
}

function ReceiveDetails({ person, date, today, onBack, onDone }: { person: SearchHit; date: string; today: string; onBack: () => void; onDone: (queueNumber: number) => void }) {
  const { t } = useI18n();
  const receive = useApiMutation('visits.receive');
  const card = bhytState(person, date);
  const form = useForm({ initialValues: { reason: '', insured: Boolean(person.bhytCardCode) && (card === 'valid' || card === 'expiring') } });
  const submit = form.onSubmit((v) =>
    receive.mutate(
      { personId: person.id, reason: v.reason, insured: v.insured, ...(date !== today ? { date } : {}) },
      { onSuccess: (r) => onDone(r.visit.queueNumber), onError: (e) => reportApiError(e, form) },
    ),
  );
  return (
    <form onSubmit={submit}>
      <Stack>
        <Paper withBorder p="xs">
          <PersonLine person={person} />
          {person.allergyAlert && (
            <Group gap={4} mt={4}>
              <IconAlertTriangle size={14} color="var(--mantine-color-red-6)" />
              <Text size="xs" c="red">
                {t('visits.allergy')}
              </Text>
            </Group>
          )}
        </Paper>
        <TextInput autoFocus label={t('visits.reason')} withAsterisk {...form.getInputProps('reason')} data-testid="receive-reason" />
        <Checkbox
          label={t('visits.insured')}
          description={
            card === 'none'
              ? t('visits.insuredNone')
              : card === 'expired'
                ? t('visits.insuredExpired', { date: formatDateVi(person.bhytValidTo) })
                : t('visits.insuredCard', { code: person.bhytCardCode ?? '', date: formatDateVi(person.bhytValidTo) })
          }
          disabled={!person.bhytCardCode}
          {...form.getInputProps('insured', { type: 'checkbox' })}
          data-testid="receive-insured"
        />
        {card === 'expired' && <Alert color="orange">{t('visits.insuredExpired', { date: formatDateVi(person.bhytValidTo) })}</Alert>}
        <Group justify="space-between">
          <Button variant="default" onClick={onBack}>
            {t('common.back')}
          </Button>
          <Button type="submit" loading={receive.isPending} data-testid="receive-submit">
            {t('visits.receive')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
