import { Alert } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useI18n } from '../i18n/I18nProvider.js';

export function Forbidden() {
  const { t } = useI18n();
  return (
    <Alert color="red" icon={<IconLock />} data-testid="forbidden" title={t('error.FORBIDDEN')}>
      {null}
    </Alert>
  );
}
