import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData } from '@tanstack/react-query';
import { useEffect, useState, type KeyboardEvent } from 'react';
import type { SearchHit } from '../../../shared/contract/persons.js';
import { useApiQuery } from '../../api/hooks.js';
import { cardNumber } from './GlobalSearch.js';
import { findPayload, type ScannedCard, useSettledCard } from './useCardWedge.js';

/**
 * The keyboard-first person search of the reception desks (Tiếp đón, immunization check-in): type a name, CCCD,
 * BHYT card or phone, arrows and Enter to pick; a card read by a wedge scanner (typed into the box) or by the
 * camera searches by its number and, when exactly one person has it, is picked at once.
 */
export function usePersonPicker({ limit, onPick }: { limit: number; onPick: (hit: SearchHit) => void }) {
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q.trim(), 150);
  const [active, setActive] = useState(0);
  const [card, setCard] = useState<ScannedCard | null>(null);
  const [scanOpen, setScanOpen] = useState(false);
  const takeCard = (c: ScannedCard) => {
    setCard(c);
    setQ(cardNumber(c));
    setActive(0);
  };
  // A scanner types fast: take the payload once typing pauses (or on its final Enter), never half-way through it.
  useSettledCard(q.trim(), (found) => takeCard(found.card));
  const term = debounced.includes('|') ? '' : debounced;
  const search = useApiQuery('persons.search', { q: term, limit, includeInactive: false }, { enabled: term.length >= 2, placeholderData: keepPreviousData });
  const fresh = Boolean(search.data) && !search.isPlaceholderData && !search.isFetching;
  const all = term.length >= 2 ? (search.data?.hits ?? []) : [];
  // A card's number matches by identifier; people who merely share a name fragment are not offered.
  const hits = card ? all.filter((h) => h.matchedBy !== 'name') : all;
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

  return {
    q,
    /** The box's onChange: a new text forgets the card and the highlighted row. */
    type: (text: string) => (setQ(text), setCard(null), setActive(0)),
    clear: () => (setQ(''), setCard(null)),
    term,
    card,
    hits,
    active,
    setActive,
    fresh,
    fetching: search.isFetching,
    onKeyDown,
    scanOpen,
    setScanOpen,
    takeCard,
  };
}
