import { Badge, Button, Group, Modal, PasswordInput, Select, Stack, Switch, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconUserPlus } from '@tabler/icons-react';
import { useState } from 'react';
import type { User } from '../../../shared/contract/users.js';
import { formatDateTimeVi } from '../../../shared/dates.js';
import { ROLES, type Role } from '../../../shared/roles.js';
import { useApiMutation, useApiQuery } from '../../api/hooks.js';
import { reportApiError, reportSuccess } from '../../app/feedback.js';
import { useI18n } from '../../i18n/I18nProvider.js';

export function UsersPage({ currentUserId }: { currentUserId: string }) {
  const { t } = useI18n();
  const list = useApiQuery('users.list', {});
  const update = useApiMutation('users.update');
  const [creating, setCreating] = useState(false);
  const [resetting, setResetting] = useState<User | null>(null);
  const roleOptions = ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }));

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('users.title')}</Title>
        <Button leftSection={<IconUserPlus size={16} />} onClick={() => setCreating(true)}>
          {t('users.add')}
        </Button>
      </Group>
      <Table striped highlightOnHover withTableBorder data-testid="users-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('setup.fullName')}</Table.Th>
            <Table.Th>{t('auth.username')}</Table.Th>
            <Table.Th>{t('users.role')}</Table.Th>
            <Table.Th>{t('users.active')}</Table.Th>
            <Table.Th>{t('users.lastLogin')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(list.data?.users ?? []).map((u) => (
            <Table.Tr key={u.id}>
              <Table.Td>{u.fullName}</Table.Td>
              <Table.Td>{u.username}</Table.Td>
              <Table.Td>
                <Select
                  size="xs"
                  aria-label={`${t('users.role')} ${u.username}`}
                  data={roleOptions}
                  value={u.role}
                  allowDeselect={false}
                  onChange={(role) => role && update.mutate({ id: u.id, role: role as Role }, { onSuccess: () => reportSuccess(t('users.updated')), onError: (e) => reportApiError(e) })}
                />
              </Table.Td>
              <Table.Td>
                <Switch
                  aria-label={`${t('users.active')} ${u.username}`}
                  checked={u.active}
                  disabled={u.id === currentUserId}
                  onChange={(e) => update.mutate({ id: u.id, active: e.currentTarget.checked }, { onError: (err) => reportApiError(err) })}
                  label={u.active ? t('users.active') : <Badge color="gray">{t('users.inactive')}</Badge>}
                />
              </Table.Td>
              <Table.Td>{formatDateTimeVi(u.lastLoginAt)}</Table.Td>
              <Table.Td>
                <Button size="xs" variant="subtle" onClick={() => setResetting(u)}>
                  {t('users.resetPassword')}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {list.data?.users.length === 0 && <Text c="dimmed">{t('empty.noData')}</Text>}
      <CreateUserModal opened={creating} onClose={() => setCreating(false)} roleOptions={roleOptions} />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
    </Stack>
  );
}

function CreateUserModal({ opened, onClose, roleOptions }: { opened: boolean; onClose: () => void; roleOptions: { value: string; label: string }[] }) {
  const { t } = useI18n();
  const create = useApiMutation('users.create');
  const form = useForm({
    initialValues: { fullName: '', username: '', role: 'nurse' as Role, password: '' },
    validate: {
      fullName: (v) => (v.trim() ? null : t('v.required')),
      username: (v) => (/^[a-z0-9._]{3,32}$/.test(v.trim().toLowerCase()) ? null : t('v.username')),
      password: (v) => (v.length >= 8 ? null : t('v.password')),
    },
  });
  const close = () => (form.reset(), onClose());
  return (
    <Modal opened={opened} onClose={close} title={t('users.add')}>
      <form
        onSubmit={form.onSubmit((v) =>
          create.mutate(v, {
            onSuccess: (r) => (reportSuccess(t('users.created', { username: r.user.username })), close()),
            onError: (e) => reportApiError(e, form),
          }),
        )}
      >
        <Stack>
          <TextInput data-autofocus label={t('setup.fullName')} withAsterisk {...form.getInputProps('fullName')} />
          <TextInput label={t('auth.username')} withAsterisk {...form.getInputProps('username')} />
          <Select label={t('users.role')} data={roleOptions} allowDeselect={false} {...form.getInputProps('role')} />
          <PasswordInput label={t('auth.password')} withAsterisk {...form.getInputProps('password')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function ResetPasswordModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const { t } = useI18n();
  const reset = useApiMutation('users.resetPassword');
  const form = useForm({ initialValues: { password: '' }, validate: { password: (v) => (v.length >= 8 ? null : t('v.password')) } });
  const close = () => (form.reset(), onClose());
  return (
    <Modal opened={user !== null} onClose={close} title={`${t('users.resetPassword')}: ${user?.username ?? ''}`}>
      <form
        onSubmit={form.onSubmit((v) =>
          void (user && reset.mutate({ id: user.id, password: v.password }, { onSuccess: () => (reportSuccess(t('common.saved')), close()), onError: (e) => reportApiError(e, form) })),
        )}
      >
        <Stack>
          <PasswordInput data-autofocus label={t('auth.newPassword')} {...form.getInputProps('password')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={reset.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
