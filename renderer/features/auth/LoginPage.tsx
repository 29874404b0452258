import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ApiCallError } from '../../api/client.js';
import { CenteredCard } from '../../app/CenteredCard.js';
import { useI18n } from '../../i18n/I18nProvider.js';

export function LoginPage() {
  const { t, setLocale } = useI18n();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useForm({
    initialValues: { username: '', password: '' },
    validate: {
      username: (v) => (v.trim() ? null : t('v.required')),
      password: (v) => (v ? null : t('v.required')),
    },
  });

  async function submit(values: { username: string; password: string }) {
    setBusy(true);
    setError(null);
    try {
      const { session } = await api.call('auth.login', values);
      setLocale(session.user.locale);
      // A new sign-in starts at the home screen, not on the page the previous user left open.
      window.location.hash = '#/';
      queryClient.setQueryData(['auth.session', {}], { session });
    } catch (e) {
      setError(e instanceof ApiCallError ? e.message : t('error.network'));
      form.setFieldValue('password', '');
    } finally {
      setBusy(false);
    }
  }

  return (
    <CenteredCard title={t('auth.title')}>
      <form onSubmit={form.onSubmit(submit)}>
        <Stack>
          {error && (
            <Alert color="red" role="alert" data-testid="login-error">
              {error}
            </Alert>
          )}
          <TextInput autoFocus label={t('auth.username')} autoComplete="username" {...form.getInputProps('username')} />
          <PasswordInput label={t('auth.password')} autoComplete="current-password" {...form.getInputProps('password')} />
          <Button type="submit" loading={busy}>
            {t('auth.login')}
          </Button>
        </Stack>
      </form>
    </CenteredCard>
  );
}
