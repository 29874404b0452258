/**
 * Enter moves to the next field of a data-entry form (numeric-keypad entry without reaching for Tab); a field marked
 * `data-submit-on-enter` saves instead, and Ctrl+Enter saves from anywhere. Buttons, text areas and open pickers keep
 * Enter for themselves.
 */
export function fieldsOf(root: HTMLElement): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>('input, textarea, select, button[type="submit"]')).filter((el) => {
    if (el.hasAttribute('disabled') || el.tabIndex < 0 || el.getAttribute('type') === 'hidden') return false;
    if (el instanceof HTMLInputElement && el.type === 'radio' && !el.checked) return false;
    return el.getClientRects().length > 0 || (el instanceof HTMLInputElement && el.type === 'radio');
  });
}

export function handleEntryKey(e: React.KeyboardEvent<HTMLElement>, root: HTMLElement | null, submit: () => void): void {
  if (e.key !== 'Enter' || e.nativeEvent.isComposing) return;
  if (e.ctrlKey || e.metaKey) {
    e.preventDefault();
    submit();
    return;
  }
  const el = e.target as HTMLElement;
  if (e.defaultPrevented || !root || el.tagName === 'TEXTAREA' || el.tagName === 'BUTTON' || el.getAttribute('aria-expanded') === 'true') return;
  e.preventDefault();
  if (el.dataset.submitOnEnter !== undefined) {
    // Let the field commit its text first (date fields parse on blur).
    el.blur();
    setTimeout(submit, 0);
    return;
  }
  const fields = fieldsOf(root);
  const next = fields[fields.indexOf(el) + 1];
  if (next && next.tagName !== 'BUTTON') next.focus();
  else submit();
}
