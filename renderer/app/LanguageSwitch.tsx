import { SegmentedControl } from '@mantine/core';
import type { Locale } from '../../shared/i18n/index.js';
import { useI18n } from '../i18n/I18nProvider.js';

export function LanguageSwitch({ onChange }: { onChange?: (locale: Locale) => void }) {
  const { locale, setLocale, t } = useI18n();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('common.language')}
      data-testid="language-switch"
      value={locale}
      onChange={(v) => {
        const l = v === 'en' ? 'en' : 'vi';
        setLocale(l);
        onChange?.(l);
      }}
      data={[
        { value: 'vi', label: 'Tiếng Việt' },
        { value: 'en', label: 'English' },
      ]}
    />
  );
}
