import { Button, Group, Modal, Radio, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect } from 'react';
import { CALL_OUTCOMES, END_REASONS, type OverdueRow } from '../../../shared/contract/ncd.js';
import { formatDateVi, parseDateVi } from '../../../shared/dates.js';
import { addDays } from '../../../shared/visits/station-date.js';
import { useApiMutation } from '../../api/hooks.js';
import { reportApiError, reportSuccess } from '../../app/feedback.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { stationToday } from '../visits/access.js';
import { usePrograms } from './usePrograms.js';

type Outcome = (typeof CALL_OUTCOMES)[number];
type Reason = (typeof END_REASONS)[number];
interface CallValues {
  outcome: Outcome | '';
  remindOn: string;
  removeReason: Reason | null;
  note: string;
}

/** The result of a call to an overdue patient: agreed, remind later (date), could not reach, removed (reason). */
export function CallModal({ row, onClose }: { row: OverdueRow | null; onClose: () => void }) {
  const { t } = useI18n();
  const { nameOf } = usePrograms();
  const record = useApiMutation('ncd.recordCall');
  const fresh = (): CallValues => ({ outcome: '', remindOn: formatDateVi(addDays(stationToday(), 7)), removeReason: null, note: '' });
  const form = useForm<CallValues>({ initialValues: fresh() });
  useEffect(() => {
    if (row) form.setValues(fresh());
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [row?.enrollmentId]);

  const submit = (v: CallValues) => {
    if (!row) return;
    const errors: Record<string, string> = {};
    if (!v.outcome) errors.outcome = t('v.required');
    const remindOn = parseDateVi(v.remindOn);
    if (v.outcome === 'remind_later' && !remindOn) errors.remindOn = t('v.date');
    if (v.outcome === 'removed' && !v.removeReason) errors.removeReason = t('v.ncdRemoveReason');
    form.setErrors(errors);
    if (Object.keys(errors).length || !v.outcome) return;
    record.mutate(
      {
        enrollmentId: row.enrollmentId,
        outcome: v.outcome,
        ...(v.outcome === 'remind_later' ? { remindOn: remindOn! } : {}),
        ...(v.outcome === 'removed' ? { removeReason: v.removeReason! } : {}),
        note: v.note,
      },
      {
        onSuccess: () => {
          reportSuccess(t('ncdui.call.saved', { name: row.fullName, outcome: t(`ncdui.call.${v.outcome as Outcome}`) }));
          onClose();
        },
        onError: (e) => reportApiError(e, form),
      },
    );
  };

  return (
    <Modal opened={Boolean(row)} onClose={onClose} title={t('ncdui.call.title')}>
      {row && (
        <form onSubmit={form.onSubmit(submit)} data-testid="call-form">
          <Stack gap="sm">
            <div>
              <Text fw={600}>{row.fullName}</Text>
              <Text size="sm" c="dimmed">
                {[nameOf(row.program), row.phone, row.hamletName].filter(Boolean).join(' · ')}
              </Text>
              <Text size="sm" c="red">
                {t('ncdui.call.appointment', { date: formatDateVi(row.appointmentDate), days: row.daysOverdue })}
              </Text>
            </div>
            <Radio.Group label={t('ncdui.call.outcome')} withAsterisk {...form.getInputProps('outcome')}>
              <Stack gap={8} mt={6}>
                {CALL_OUTCOMES.map((o, i) => (
                  <Radio key={o} value={o} label={t(`ncdui.call.${o}`)} description={t(`ncdui.call.${o}.hint`)} data-autofocus={i === 0 || undefined} data-testid={`call-${o}`} />
                ))}
              </Stack>
            </Radio.Group>
            {form.values.outcome === 'remind_later' && (
              <TextInput label={t('ncdui.call.remindOn')} placeholder="dd/mm/yyyy" w={200} withAsterisk data-testid="call-remindOn" {...form.getInputProps('remindOn')} />
            )}
            {form.values.outcome === 'removed' && (
              <Select
                label={t('ncdui.call.removeReason')}
                withAsterisk
                data={END_REASONS.map((r) => ({ value: r, label: t(`ncdui.endReason.${r}`) }))}
                data-testid="call-removeReason"
                {...form.getInputProps('removeReason')}
              />
            )}
            <Textarea label={t('ncdui.call.note')} autosize minRows={2} data-testid="call-note" {...form.getInputProps('note')} />
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={record.isPending} data-testid="call-submit">
                {t('common.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
