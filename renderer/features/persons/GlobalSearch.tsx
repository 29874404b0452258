import { ActionIcon, Box, Button, Kbd, Loader, Popover, Stack, Text, TextInput, Tooltip, UnstyledButton } from '@mantine/core';
import { useDebouncedValue, useHotkeys } from '@mantine/hooks';
import { IconQrcode, IconSearch, IconUserPlus } from '@tabler/icons-react';
import { keepPreviousData } from '@tanstack/react-query';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useNavigate } from 'react-router';
import { useApiQuery } from '../../api/hooks.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { PersonLine } from './PersonLine.js';
import { ScanDialog } from './ScanDialog.js';
import { cardFromText, findPayload, useSettledCard, type ScannedCard } from './useCardWedge.js';

/** The number to look a card up by: CCCD, else the social-insurance number, else the card code. */
export function cardNumber(card: ScannedCard): string {
  return card.kind === 'cccd' ? card.cccd : (card.socialInsuranceNumber ?? card.cardCode ?? '');
}

/**
 * The header search: Ctrl+K or "/" from anywhere; search-as-you-type through persons.search; arrows + Enter open a
 * person. A card payload typed by a keyboard-wedge scanner (or pasted) searches by the card's number instead and
 * opens the person directly when exactly one matches, else offers to register them prefilled.
 */
export function GlobalSearch() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const inputRef = useRef<HTMLInputElement>(null);
  const [value, setValue] = useState('');
  const [debounced, , debounce] = useDebouncedValue(value, 150);
  const [enterPending, setEnterPending] = useState(false);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [card, setCard] = useState<ScannedCard | null>(null);
  const [scanOpen, setScanOpen] = useState(false);
  const focus = () => {
    inputRef.current?.focus();
    inputRef.current?.select();
  };
  useHotkeys([['mod+K', focus], ['ctrl+K', focus]], []);
  useHotkeys([['/', focus]]);

  const takeCard = (c: ScannedCard) => {
    setCard(c);
    setValue('');
    setActive(0);
    setOpen(true);
    focus();
  };
  // A scanner without a final Enter: the payload is complete once typing pauses.
  useSettledCard(value, (found) => takeCard(found.card));

  const term = card ? cardNumber(card) : debounced.includes('|') ? '' : debounced.trim();
  const search = useApiQuery('persons.search', { q: term, limit: 10 }, { enabled: term.length >= 2, placeholderData: keepPreviousData });
  const fresh = search.data && !search.isPlaceholderData;
  const hits = (term.length >= 2 && search.data?.hits) || [];
  const shown = card ? (fresh ? hits.filter((h) => h.matchedBy !== 'name') : []) : hits;

  const openPerson = (id: string) => {
    setOpen(false);
    setValue('');
    setCard(null);
    inputRef.current?.blur();
    void navigate(`/nguoi/${id}`);
  };
  // The card's person, when there is exactly one: open the record straight away.
  useEffect(() => {
    if (card && fresh && shown.length === 1) openPerson(shown[0]!.id);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [card, fresh, shown.length]);

  useEffect(() => {
    if (!enterPending || !fresh || search.isFetching || term !== value.trim()) return;
    setEnterPending(false);
    if (shown[0]) openPerson(shown[0].id);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [enterPending, fresh, search.isFetching, term]);

  const register = () => {
    const c = card;
    setOpen(false);
    setCard(null);
    void navigate('/ho-gia-dinh', { state: { registerCard: c } });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setOpen(true);
      if (shown.length) setActive((a) => (a + (e.key === 'ArrowDown' ? 1 : shown.length - 1)) % shown.length);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const c = findPayload(e.currentTarget.value)?.card;
      if (c) return takeCard(c);
      if (!card && (value !== debounced || search.isPlaceholderData || search.isFetching)) {
        // Typed faster than the search: open the first hit of what is in the box once its results arrive.
        debounce.flush();
        return setEnterPending(true);
      }
      const hit = shown[active];
      if (hit) openPerson(hit.id);
      else if (card && fresh && shown.length === 0) register();
    } else if (e.key === 'Escape') {
      setOpen(false);
      setCard(null);
      e.currentTarget.blur();
    }
  };

  const visible = open && (card !== null || term.length >= 2);
  return (
    <Box w={{ base: 260, md: 440 }}>
      <Popover opened={visible} onChange={setOpen} position="bottom-start" width="target" shadow="md" trapFocus={false} returnFocus={false}>
        <Popover.Target>
          <TextInput
            ref={inputRef}
            value={value}
            onChange={(e) => {
              setValue(e.currentTarget.value);
              setCard(null);
              setEnterPending(false);
              setActive(0);
              setOpen(true);
            }}
            onFocus={() => setOpen(true)}
            onBlur={() => setTimeout(() => setOpen(false), 150)}
            onKeyDown={onKeyDown}
            onPaste={(e) => {
              const c = cardFromText(e.clipboardData.getData('text/plain'));
              if (c) (e.preventDefault(), takeCard(c));
            }}
            placeholder={t('search.placeholder')}
            aria-label={t('search.label')}
            data-testid="global-search"
            leftSection={search.isFetching ? <Loader size={14} /> : <IconSearch size={16} />}
            rightSectionWidth={36}
            rightSection={
              <Tooltip label={t('scan.button')}>
                <ActionIcon variant="subtle" aria-label={t('scan.button')} onClick={() => setScanOpen(true)} data-testid="search-scan">
                  <IconQrcode size={18} />
                </ActionIcon>
              </Tooltip>
            }
            leftSectionPointerEvents="none"
            autoComplete="off"
            role="combobox"
            aria-expanded={visible}
            aria-controls="global-search-results"
          />
        </Popover.Target>
        <Popover.Dropdown p={4}>
          <Stack gap={2} id="global-search-results" role="listbox" data-testid="search-results">
            {card && (
              <Text size="xs" c="dimmed" px="xs" pt={4}>
                {t(card.kind === 'cccd' ? 'search.cardCccd' : 'search.cardBhyt', { name: card.fullName, number: cardNumber(card) })}
              </Text>
            )}
            {shown.map((hit, i) => (
              <UnstyledButton
                key={hit.id}
                role="option"
                aria-selected={i === active}
                data-testid="search-hit"
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => openPerson(hit.id)}
                onMouseEnter={() => setActive(i)}
                px="xs"
                py={6}
                style={{ borderRadius: 4, background: i === active ? 'var(--mantine-color-teal-light)' : undefined }}
              >
                <PersonLine person={hit} />
              </UnstyledButton>
            ))}
            {fresh && shown.length === 0 && !card && (
              <Text size="sm" c="dimmed" p="xs" data-testid="search-empty">
                {t('search.none', { q: term })}
              </Text>
            )}
            {card && fresh && shown.length === 0 && (
              <Stack gap={4} p="xs" data-testid="search-card-none">
                <Text size="sm">{t('search.cardNone', { number: cardNumber(card) })}</Text>
                <Button size="xs" leftSection={<IconUserPlus size={14} />} onMouseDown={(e) => e.preventDefault()} onClick={register} data-testid="search-register">
                  {t('search.registerNew')}
                </Button>
              </Stack>
            )}
            {!card && (
              <Text size="xs" c="dimmed" px="xs" pb={2}>
                <Kbd size="xs">↑</Kbd> <Kbd size="xs">↓</Kbd> {t('search.hintMove')} · <Kbd size="xs">Enter</Kbd> {t('search.hintOpen')} · <Kbd size="xs">Ctrl</Kbd>+<Kbd size="xs">K</Kbd>
              </Text>
            )}
          </Stack>
        </Popover.Dropdown>
      </Popover>
      <ScanDialog opened={scanOpen} onClose={() => setScanOpen(false)} onResult={takeCard} />
    </Box>
  );
}
