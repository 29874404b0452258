import { Alert, Button, Checkbox, Group, Loader, Modal, Paper, Stack, Text, TextInput, Title, UnstyledButton } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle, IconQrcode, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
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
import { usePersonPicker } from '../persons/usePersonPicker.js';

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
  // The card's person, when exactly one matches its number, goes straight to the reason for the visit.
  const picker = usePersonPicker({ limit: 10, onPick });
  const { q, term, card, hits, active, setActive, fresh } = picker;
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
          onChange={(e) => picker.type(e.currentTarget.value)}
          onKeyDown={picker.onKeyDown}
          leftSection={picker.fetching ? <Loader size={14} /> : <IconSearch size={16} />}
          autoComplete="off"
          data-testid="receive-search"
        />
        <Button variant="default" leftSection={<IconQrcode size={16} />} onClick={() => picker.setScanOpen(true)} data-testid="receive-scan">
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
      <ScanDialog opened={picker.scanOpen} onClose={() => picker.setScanOpen(false)} onResult={(c) => (picker.setScanOpen(false), picker.takeCard(c))} />
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
