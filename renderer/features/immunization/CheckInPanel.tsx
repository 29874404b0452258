import { Anchor, Badge, Button, Collapse, Group, Loader, Paper, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconChevronRight, IconQrcode, IconSearch, IconUserCheck } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { Link } from 'react-router';
import type { ImmSession } from '../../../shared/contract/immunization.js';
import type { SearchHit } from '../../../shared/contract/persons.js';
import { useApiMutation, useApiQuery } from '../../api/hooks.js';
import { reportApiError, reportSuccess } from '../../app/feedback.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { cardNumber } from '../persons/GlobalSearch.js';
import { PersonLine } from '../persons/PersonLine.js';
import { ScanDialog } from '../persons/ScanDialog.js';
import { usePersonPicker } from '../persons/usePersonPicker.js';
import { DueDoseBadges } from './SessionPlanPage.js';

/**
 * Đón tiếp: find the child (name, CCCD/BHYT card typed by a wedge scanner or read by the webcam, phone) and check
 * them in; anyone registered at the station is accepted, on the due list or not (walk-in). Below, the invited who
 * have not come yet, one click each.
 */
export function CheckInPanel({ session }: { session: ImmSession }) {
  const { t } = useI18n();
  const checkIn = useApiMutation('imm.checkIn');
  const input = useRef<HTMLInputElement>(null);
  const admit = (hit: { id: string; fullName: string }) =>
    checkIn.mutate(
      { sessionId: session.id, personId: hit.id },
      {
        onSuccess: (r) => {
          reportSuccess(r.alreadyCheckedIn ? t('immui.checkin.already', { name: hit.fullName }) : t('immui.checkin.done', { name: hit.fullName }));
          picker.clear();
          input.current?.focus();
        },
        onError: (e) => reportApiError(e),
      },
    );
  // A scanned card that matches exactly one person is checked in at once.
  const picker = usePersonPicker({ limit: 8, onPick: admit });
  const { q, term, card, hits, active, setActive, fresh } = picker;
  const closed = session.status === 'closed';
  return (
    <Paper withBorder p="sm" data-testid="imm-checkin">
      <Group align="flex-end" gap="xs">
        <TextInput
          ref={input}
          style={{ flex: 1 }}
          label={t('immui.checkin.label')}
          placeholder={t('immui.checkin.placeholder')}
          value={q}
          disabled={closed}
          onChange={(e) => picker.type(e.currentTarget.value)}
          onKeyDown={picker.onKeyDown}
          leftSection={picker.fetching || checkIn.isPending ? <Loader size={14} /> : <IconSearch size={16} />}
          autoComplete="off"
          data-testid="imm-checkin-search"
        />
        <Button variant="default" leftSection={<IconQrcode size={16} />} disabled={closed} onClick={() => picker.setScanOpen(true)} data-testid="imm-checkin-scan">
          {t('scan.button')}
        </Button>
      </Group>
      <Stack gap={2} mt={4} role="listbox" aria-label={t('immui.checkin.label')}>
        {hits.map((hit: SearchHit, i) => (
          <UnstyledButton
            key={hit.id}
            role="option"
            aria-selected={i === active}
            data-testid="imm-checkin-hit"
            onClick={() => admit(hit)}
            onMouseEnter={() => setActive(i)}
            px="xs"
            py={4}
            style={{ borderRadius: 4, background: i === active ? 'var(--mantine-color-teal-light)' : undefined }}
          >
            <PersonLine person={hit} />
          </UnstyledButton>
        ))}
        {fresh && term.length >= 2 && hits.length === 0 && (
          <Text size="sm" c="dimmed" data-testid="imm-checkin-none">
            {card ? t('search.cardNone', { number: cardNumber(card) }) : t('visits.searchNone', { q: term })}{' '}
            <Anchor component={Link} to="/ho-gia-dinh" size="sm">
              {t('search.registerNew')}
            </Anchor>
          </Text>
        )}
      </Stack>
      <NotArrived session={session} onAdmit={admit} disabled={closed} />
      <ScanDialog opened={picker.scanOpen} onClose={() => picker.setScanOpen(false)} onResult={(c) => (picker.setScanOpen(false), picker.takeCard(c))} />
    </Paper>
  );
}

/** The invited who have not checked in yet: one click each. */
function NotArrived({ session, onAdmit, disabled }: { session: ImmSession; onAdmit: (p: { id: string; fullName: string }) => void; disabled: boolean }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(true);
  const due = useApiQuery('imm.dueList', { sessionId: session.id, includeWomen: false });
  const waiting = (due.data?.groups ?? []).flatMap((g) => g.rows.filter((r) => !r.checkedIn).map((r) => ({ ...r, hamletName: g.hamletName })));
  return (
    <Stack gap={4} mt="sm">
      <UnstyledButton onClick={() => setOpen((o) => !o)} data-testid="imm-not-arrived-toggle">
        <Group gap={4}>
          {open ? <IconChevronDown size={14} /> : <IconChevronRight size={14} />}
          <Text size="sm" fw={600}>
            {t('immui.checkin.notArrived', { count: waiting.length })}
          </Text>
        </Group>
      </UnstyledButton>
      <Collapse expanded={open}>
        <Stack gap={2} mah={260} style={{ overflowY: 'auto' }}>
          {waiting.map((r) => (
            <Group key={r.person.id} justify="space-between" wrap="nowrap" px="xs" py={2} data-testid="imm-not-arrived" data-person={r.person.fullName}>
              <Stack gap={0}>
                <Text size="sm" fw={500}>
                  {r.person.fullName}
                  {r.hamletName && (
                    <Text span size="xs" c="dimmed">
                      {' '}
                      · {r.hamletName}
                    </Text>
                  )}
                </Text>
                <DueDoseBadges doses={r.doses} />
              </Stack>
              <Button size="compact-xs" variant="light" leftSection={<IconUserCheck size={12} />} disabled={disabled} onClick={() => onAdmit(r.person)} data-testid="imm-not-arrived-admit">
                {t('immui.checkin.admit')}
              </Button>
            </Group>
          ))}
          {due.data && waiting.length === 0 && (
            <Badge variant="light" color="teal">
              {t('immui.checkin.allArrived')}
            </Badge>
          )}
        </Stack>
      </Collapse>
    </Stack>
  );
}
