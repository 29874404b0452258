import type { UseFormReturnType } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { ApiCallError } from '../api/client.js';

/**
 * Shows an API failure where the user will see it: next to each field the backend named, and otherwise as a
 * notification. Nothing fails silently.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function reportApiError(error: unknown, form?: Pick<UseFormReturnType<any>, 'setFieldError'>): void {
  const err = error instanceof ApiCallError ? error : null;
  let placed = false;
  if (err && form) {
    for (const f of err.fields) {
      if (f.path) {
        form.setFieldError(f.path, f.message);
        placed = true;
      }
    }
  }
  if (!placed || (err && err.code !== 'VALIDATION_FAILED')) {
    notifications.show({ color: 'red', message: err?.message ?? String(error), autoClose: 8000 });
  }
}

export function reportSuccess(message: string): void {
  notifications.show({ color: 'teal', message, autoClose: 3000 });
}
