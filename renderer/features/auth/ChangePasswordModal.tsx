import { Button, Group, Modal, PasswordInput, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useApiMutation } from '../../api/hooks.js';
import { reportApiError, reportSuccess } from '../../app/feedback.js';
import { useI18n } from '../../i18n/I18nProvider.js';

export function ChangePasswordModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const change = useApiMutation('auth.changePassword');
  const form = useForm({
    initialValues: { currentPassword: '', newPassword: '', confirm: '' },
    validate: {
      currentPassword: (v) => (v ? null : t('v.required')),
      newPassword: (v) => (v.length >= 8 ? null : t('v.password')),
      confirm: (v, all) => (v === all.newPassword ? null : t('setup.passwordMismatch')),
    },
  });
  const close = () => {
    form.reset();
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title={t('auth.changePassword')}>
      <form
        onSubmit={form.onSubmit((v) =>
          change.mutate(
            { currentPassword: v.currentPassword, newPassword: v.newPassword },
            { onSuccess: () => (reportSuccess(t('auth.passwordChanged')), close()), onError: (e) => reportApiError(e, form) },
          ),
        )}
      >
        <Stack>
          <PasswordInput data-autofocus label={t('auth.currentPassword')} {...form.getInputProps('currentPassword')} />
          <PasswordInput label={t('auth.newPassword')} {...form.getInputProps('newPassword')} />
          <PasswordInput label={t('setup.passwordConfirm')} {...form.getInputProps('confirm')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={change.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
