import { Button, Group, List, NumberInput, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect } from 'react';
import type { SessionInfo } from '../../../shared/contract/auth.js';
import type { Facility } from '../../../shared/contract/setup.js';
import { useApiMutation, useApiQuery } from '../../api/hooks.js';
import { reportApiError, reportSuccess } from '../../app/feedback.js';
import { useI18n } from '../../i18n/I18nProvider.js';

export function SettingsPage({ session, facility }: { session: SessionInfo; facility: Facility }) {
  const { t } = useI18n();
  const isAdmin = session.user.role === 'admin';
  return (
    <Stack>
      <Title order={2}>{t('settings.title')}</Title>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <FacilityCard facility={facility} editable={isAdmin} />
        <SecurityCard editable={isAdmin} />
        <HamletsCard editable={isAdmin} />
        <Paper withBorder p="md">
          <Title order={4}>{t('settings.lan')}</Title>
          <Text size="sm" c="dimmed">
            {t('settings.lan.hint')}
          </Text>
        </Paper>
      </SimpleGrid>
    </Stack>
  );
}

function FacilityCard({ facility, editable }: { facility: Facility; editable: boolean }) {
  const { t } = useI18n();
  const update = useApiMutation('facility.update');
  const form = useForm({ initialValues: { name: facility.name, governingBody: facility.governingBody } });
  return (
    <Paper withBorder p="md">
      <Title order={4} mb="sm">
        {t('settings.facility')}
      </Title>
      <form onSubmit={form.onSubmit((v) => update.mutate(v, { onSuccess: () => reportSuccess(t('common.saved')), onError: (e) => reportApiError(e, form) }))}>
        <Stack gap="xs">
          <TextInput label={t('setup.facilityName')} disabled={!editable} {...form.getInputProps('name')} />
          <TextInput label={t('setup.governingBody')} disabled={!editable} {...form.getInputProps('governingBody')} />
          <Text size="sm">
            {t('setup.facilityCode')}: <b>{facility.code}</b> · {facility.communeName} ({facility.communeCode}), {facility.provinceName}
          </Text>
          {editable && (
            <Group justify="flex-end">
              <Button type="submit" loading={update.isPending}>
                {t('common.save')}
              </Button>
            </Group>
          )}
        </Stack>
      </form>
    </Paper>
  );
}

function SecurityCard({ editable }: { editable: boolean }) {
  const { t } = useI18n();
  const settings = useApiQuery('settings.get', {});
  const update = useApiMutation('settings.update');
  const form = useForm({ initialValues: { idleLockMinutes: 10, sessionHours: 12 } });
  const loaded = settings.data?.settings;
  useEffect(() => {
    if (loaded) form.setValues(loaded);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [loaded?.idleLockMinutes, loaded?.sessionHours]);
  return (
    <Paper withBorder p="md">
      <Title order={4} mb="sm">
        {t('settings.security')}
      </Title>
      <form
        onSubmit={form.onSubmit((v) =>
          update.mutate(
            { idleLockMinutes: Number(v.idleLockMinutes), sessionHours: Number(v.sessionHours) },
            { onSuccess: () => reportSuccess(t('common.saved')), onError: (e) => reportApiError(e, form) },
          ),
        )}
      >
        <Stack gap="xs">
          <NumberInput label={t('settings.idleLockMinutes')} min={1} max={240} disabled={!editable} {...form.getInputProps('idleLockMinutes')} />
          <NumberInput label={t('settings.sessionHours')} min={1} max={72} disabled={!editable} {...form.getInputProps('sessionHours')} />
          {editable && (
            <Group justify="flex-end">
              <Button type="submit" loading={update.isPending} data-testid="save-security">
                {t('common.save')}
              </Button>
            </Group>
          )}
        </Stack>
      </form>
    </Paper>
  );
}

function HamletsCard({ editable }: { editable: boolean }) {
  const { t } = useI18n();
  const hamlets = useApiQuery('hamlets.list', {});
  const add = useApiMutation('hamlets.add');
  const form = useForm({ initialValues: { name: '' }, validate: { name: (v) => (v.trim() ? null : t('v.required')) } });
  return (
    <Paper withBorder p="md">
      <Title order={4} mb="sm">
        {t('settings.hamlets')}
      </Title>
      <List size="sm" mb="sm" data-testid="hamlet-list">
        {(hamlets.data?.hamlets ?? []).map((h) => (
          <List.Item key={h.id}>{h.name}</List.Item>
        ))}
      </List>
      {editable && (
        <form onSubmit={form.onSubmit((v) => add.mutate({ name: v.name }, { onSuccess: () => form.reset(), onError: (e) => reportApiError(e, form) }))}>
          <Group align="flex-end">
            <TextInput label={t('settings.hamletName')} style={{ flex: 1 }} {...form.getInputProps('name')} />
            <Button type="submit" loading={add.isPending}>
              {t('settings.addHamlet')}
            </Button>
          </Group>
        </form>
      )}
    </Paper>
  );
}
