import { Center, Loader } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { HashRouter } from 'react-router';
import { onSessionProblem } from '../api/client.js';
import { useApiQuery, useLiveInvalidation } from '../api/hooks.js';
import { LockScreen } from '../features/auth/LockScreen.js';
import { LoginPage } from '../features/auth/LoginPage.js';
import { SetupWizard } from '../features/setup/SetupWizard.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { AppFrame } from './AppFrame.js';

/** Chooses the screen from the station's state: setup wizard → sign-in → lock screen → the app. */
export function App() {
  const queryClient = useQueryClient();
  const { t } = useI18n();
  const status = useApiQuery('setup.status', {});
  const configured = status.data?.configured === true;
  const session = useApiQuery('auth.session', {}, { enabled: configured });
  const current = session.data?.session ?? null;
  useLiveInvalidation(Boolean(current && !current.locked));

  useEffect(() => onSessionProblem(() => void queryClient.invalidateQueries({ queryKey: ['auth.session'] })), [queryClient]);

  if (status.isPending || (configured && session.isPending)) {
    return (
      <Center h="100vh" aria-label={t('common.loading')}>
        <Loader />
      </Center>
    );
  }
  if (!configured) return <SetupWizard />;
  if (!current) return <LoginPage />;
  if (current.locked) return <LockScreen session={current} />;
  return (
    <HashRouter>
      <AppFrame session={current} facility={status.data!.facility!} />
    </HashRouter>
  );
}
