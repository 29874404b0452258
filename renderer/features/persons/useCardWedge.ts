import { useDebouncedValue } from '@mantine/hooks';
import { useCallback, useEffect, useRef, type ClipboardEvent, type FormEvent, type KeyboardEvent } from 'react';
import { parseCardPayload, type BhytCardData, type CccdCardData } from '../../../shared/identifiers/cards.js';
import { looksLikeCardPayload } from '../../../shared/identifiers/wedge.js';

export type ScannedCard = CccdCardData | BhytCardData;

/** A readable card payload in `text`, or null. */
export function cardFromText(text: string): ScannedCard | null {
  if (!looksLikeCardPayload(text)) return null;
  const card = parseCardPayload(text);
  return card.kind === 'invalid' ? null : card;
}

/**
 * A card payload typed at the end of a field's value, and what the field held before it. The burst start is the
 * first guess; otherwise every start position is tried (the field may have held text, and a slow machine can
 * split a scanner's burst).
 */
export function findPayload(value: string, burstBefore = ''): { card: ScannedCard; before: string } | null {
  if (!looksLikeCardPayload(value) && !value.includes('|')) return null;
  const starts = burstBefore && value.startsWith(burstBefore) ? [burstBefore.length] : [];
  for (let i = 0; i < value.length - 10; i++) starts.push(i);
  for (const i of starts) {
    const card = cardFromText(value.slice(i));
    if (card) return { card, before: value.slice(0, i) };
  }
  return null;
}

type Field = HTMLInputElement | HTMLTextAreaElement;
const isField = (el: EventTarget | null): el is Field => el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement;

/**
 * Keyboard-wedge scanners type a card's QR payload into whatever field has focus (usually followed by Enter).
 * Spread the returned handlers on a container (a <form>): a payload typed or pasted into any field inside is taken
 * out of that field (which gets back what it held before) and handed to `onCard` instead.
 * `fieldName` is the field's `name` attribute so the caller can restore it in its own state.
 */
export function useCardWedge(onCard: (card: ScannedCard, fieldName: string | null, before: string) => void) {
  const burst = useRef<{ el: Field; before: string; last: number } | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const callback = useRef(onCard);
  callback.current = onCard;
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);

  const tryTake = useCallback((el: Field): boolean => {
    const found = findPayload(el.value, burst.current?.el === el ? burst.current.before : '');
    if (!found) return false;
    burst.current = null;
    callback.current(found.card, el.getAttribute('name'), found.before);
    return true;
  }, []);

  const onKeyDownCapture = useCallback(
    (e: KeyboardEvent) => {
      if (!isField(e.target)) return;
      const el = e.target;
      const now = e.timeStamp;
      if (!burst.current || burst.current.el !== el || now - burst.current.last > 400) burst.current = { el, before: el.value, last: now };
      burst.current.last = now;
      if (e.key === 'Enter' && tryTake(el)) {
        e.preventDefault();
        e.stopPropagation();
      }
    },
    [tryTake],
  );

  // Scanners configured without a final Enter: look again once the burst has stopped.
  const onInputCapture = useCallback(
    (e: FormEvent) => {
      if (!isField(e.target)) return;
      const el = e.target;
      if (!burst.current || burst.current.el !== el) burst.current = { el, before: '', last: e.timeStamp };
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => tryTake(el), 800);
    },
    [tryTake],
  );

  const onPasteCapture = useCallback((e: ClipboardEvent) => {
    if (!isField(e.target)) return;
    const card = cardFromText(e.clipboardData.getData('text/plain'));
    if (!card) return;
    e.preventDefault();
    callback.current(card, e.target.getAttribute('name'), e.target.value);
  }, []);

  return { onKeyDownCapture, onInputCapture, onPasteCapture };
}

/**
 * How long typing must pause before a search box reads its text as a scanned card (scanners without a final
 * Enter). Longer than a search debounce: on a slow PC a scanner's burst can stall for a moment, and the start of a
 * CCCD payload (up to part of the address) already reads as a card.
 */
export const SCAN_SETTLE_MS = 800;

/** Calls `onCard` when the box's text, once typing has paused, is a card payload. */
export function useSettledCard(text: string, onCard: (found: { card: ScannedCard; before: string }) => void): void {
  const [settled] = useDebouncedValue(text, SCAN_SETTLE_MS);
  const callback = useRef(onCard);
  callback.current = onCard;
  useEffect(() => {
    const found = settled === text ? findPayload(settled) : null;
    if (found) callback.current(found);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [settled]);
}
