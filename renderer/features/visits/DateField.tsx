import { TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { formatDateVi, parseDateVi } from '../../../shared/dates.js';
import { useI18n } from '../../i18n/I18nProvider.js';

/**
 * A date typed as dd/mm/yyyy (the way dates are written on forms), committed on Enter or when leaving the field.
 * `value` and `onChange` use yyyy-mm-dd.
 */
export function DateField({ label, value, onChange, testId, w = 150 }: { label: string; value: string; onChange: (iso: string) => void; testId?: string; w?: number }) {
  const { t } = useI18n();
  const [text, setText] = useState(formatDateVi(value));
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setText(formatDateVi(value)), [value]);
  const commit = () => {
    const iso = parseDateVi(text);
    if (!iso) return setError(t('v.date'));
    setError(null);
    if (iso !== value) onChange(iso);
  };
  return (
    <TextInput
      label={label}
      value={text}
      w={w}
      error={error}
      placeholder="dd/mm/yyyy"
      data-testid={testId}
      onChange={(e) => setText(e.currentTarget.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          commit();
        }
      }}
    />
  );
}
