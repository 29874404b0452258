import { Button, Group, Modal, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect } from 'react';
import { END_REASONS, type Enrollment } from '../../../shared/contract/ncd.js';
import { formatDateVi, parseDateVi } from '../../../shared/dates.js';
import { useApiMutation } from '../../api/hooks.js';
import { reportApiError, reportSuccess } from '../../app/feedback.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { stationToday } from '../visits/access.js';
import { usePrograms } from './usePrograms.js';

type Reason = (typeof END_REASONS)[number];

/** Ends an enrollment: died, moved, transferred, refused, lost, other — with a date and a note. */
export function EndEnrollmentModal({ enrollment, onClose }: { enrollment: Enrollment | null; onClose: () => void }) {
  const { t } = useI18n();
  const { nameOf } = usePrograms();
  const end = useApiMutation('ncd.endEnrollment');
  const form = useForm<{ reason: Reason | null; endedOn: string; note: string }>({ initialValues: { reason: null, endedOn: formatDateVi(stationToday()), note: '' } });
  useEffect(() => {
    if (enrollment) form.setValues({ reason: null, endedOn: formatDateVi(stationToday()), note: '' });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [enrollment?.id]);

  const submit = (v: typeof form.values) => {
    if (!enrollment) return;
    const endedOn = parseDateVi(v.endedOn);
    const errors: Record<string, string> = {};
    if (!v.reason) errors.reason = t('v.required');
    if (!endedOn) errors.endedOn = t('v.date');
    form.setErrors(errors);
    if (Object.keys(errors).length) return;
    end.mutate(
      { id: enrollment.id, reason: v.reason!, endedOn: endedOn!, note: v.note },
      {
        onSuccess: () => {
          reportSuccess(t('ncdui.end.done'));
          onClose();
        },
        onError: (e) => reportApiError(e, form),
      },
    );
  };

  return (
    <Modal opened={Boolean(enrollment)} onClose={onClose} title={t('ncdui.end.title')}>
      {enrollment && (
        <form onSubmit={form.onSubmit(submit)} data-testid="end-form">
          <Stack gap="sm">
            <Text size="sm">{nameOf(enrollment.program)}</Text>
            <Select
              label={t('ncdui.end.reason')}
              withAsterisk
              data-autofocus
              data={END_REASONS.map((r) => ({ value: r, label: t(`ncdui.endReason.${r}`) }))}
              data-testid="end-reason"
              {...form.getInputProps('reason')}
            />
            <TextInput label={t('ncdui.end.date')} placeholder="dd/mm/yyyy" w={180} {...form.getInputProps('endedOn')} />
            <Textarea label={t('ncdui.end.note')} autosize minRows={2} data-testid="end-note" {...form.getInputProps('note')} />
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" color="red" loading={end.isPending} data-testid="end-submit">
                {t('ncdui.end.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
