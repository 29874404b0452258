import { Alert, Button, Group, PasswordInput, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { SessionInfo } from '../../../shared/contract/auth.js';
import { api, ApiCallError } from '../../api/client.js';
import { CenteredCard } from '../../app/CenteredCard.js';
import { useI18n } from '../../i18n/I18nProvider.js';

/** Shown when the session is locked (idle or on request): only the same user's password unlocks it. */
export function LockScreen({ session }: { session: SessionInfo }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function unlock(e: FormEvent) {
    e.preventDefault();
    if (!password) return setError(t('v.required'));
    setBusy(true);
    try {
      const result = await api.call('auth.unlock', { password });
      queryClient.setQueryData(['auth.session', {}], result);
      await queryClient.invalidateQueries();
    } catch (err) {
      setError(err instanceof ApiCallError ? err.message : String(err));
      setPassword('');
      if (err instanceof ApiCallError && err.code === 'AUTH_LOCKED_OUT') await queryClient.invalidateQueries({ queryKey: ['auth.session'] });
    } finally {
      setBusy(false);
    }
  }

  async function switchUser() {
    await api.call('auth.logout', {}).catch(() => undefined);
    queryClient.setQueryData(['auth.session', {}], { session: null });
  }

  return (
    <CenteredCard title={t('auth.locked.title')}>
      <form onSubmit={unlock} data-testid="lock-screen">
        <Stack>
          <Text size="sm">{t('auth.locked.hint', { name: session.user.fullName })}</Text>
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <PasswordInput autoFocus label={t('auth.password')} value={password} onChange={(e) => setPassword(e.currentTarget.value)} />
          <Group justify="space-between">
            <Button variant="subtle" onClick={switchUser}>
              {t('auth.switchUser')}
            </Button>
            <Button type="submit" loading={busy}>
              {t('auth.unlock')}
            </Button>
          </Group>
        </Stack>
      </form>
    </CenteredCard>
  );
}
