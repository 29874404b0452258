import { Alert, Button, Group, Loader, Modal, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect, useState } from 'react';
import type { Appointment } from '../../../shared/contract/appointments.js';
import { formatDateVi } from '../../../shared/dates.js';
import { api } from '../../api/client.js';
import { useApiMutation, useApiQuery } from '../../api/hooks.js';
import { reportApiError, reportSuccess } from '../../app/feedback.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { DateField } from '../visits/DateField.js';
import { PdfPreview } from './PdfPreview.js';
import { XmlExportButton } from './XmlExportButton.js';

interface Values {
  returnDate: string;
  diagnosisText: string;
  comorbidities: string;
  note: string;
  physicianName: string;
  physicianTitle: string;
  physicianLicense: string;
}

/**
 * The re-exam appointment slip of a visit (phiếu hẹn khám lại): prefilled with the visit's return date and
 * diagnoses; issuing numbers it and opens the preview to print. A visit with an active slip shows that one.
 */
export function AppointmentForm({ visitId, opened, onClose }: { visitId: string; opened: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const prefill = useApiQuery('appointments.prefill', { visitId }, { enabled: opened, staleTime: 0 });
  const create = useApiMutation('appointments.create');
  const cancel = useApiMutation('appointments.cancel');
  const [printing, setPrinting] = useState<Appointment | null>(null);
  const form = useForm<Values>({ initialValues: { returnDate: '', diagnosisText: '', comorbidities: '', note: '', physicianName: '', physicianTitle: '', physicianLicense: '' } });
  const p = prefill.data;

  useEffect(() => {
    if (!p) return;
    form.setValues({
      returnDate: p.returnDate ?? '',
      diagnosisText: p.diagnosisText ?? '',
      comorbidities: p.comorbidities ?? '',
      note: '',
      physicianName: p.physicianName ?? '',
      physicianTitle: p.physicianTitle ?? '',
      physicianLicense: p.physicianLicense ?? '',
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [p]);

  const submit = (v: Values) =>
    create.mutate(
      { visitId, ...v, diagnoses: p?.diagnoses },
      {
        onSuccess: (r) => {
          reportSuccess(t('appointments.issued', { number: r.appointment.number }));
          setPrinting(r.appointment);
        },
        onError: (e) => reportApiError(e, form),
      },
    );

  return (
    <Modal opened={opened} onClose={onClose} closeOnEscape={!printing} closeButtonProps={{ 'aria-label': t('common.close'), 'data-testid': 'appointment-form-close' } as object} title={t('appointments.newFor', { name: p?.personName ?? '' })} size="lg">
      {prefill.isLoading && <Loader />}
      {prefill.error && <Alert color="red">{prefill.error.message}</Alert>}
      {p?.active && (
        <Stack gap="xs" data-testid="appointment-active">
          <Alert color="blue">{t('appointments.active', { number: p.active.number, date: formatDateVi(p.active.returnDate) })}</Alert>
          <Group>
            <Button size="xs" variant="light" onClick={() => setPrinting(p.active)} data-testid="appointment-open">
              {`${t('referrals.preview')} / ${t('referrals.print')}`}
            </Button>
            <XmlExportButton kind="appointment" id={p.active.id} label={t('appointments.exportXml14')} />
            <Button size="xs" variant="subtle" color="red" loading={cancel.isPending} onClick={() => cancel.mutate({ id: p.active!.id }, { onSuccess: () => reportSuccess(t('appointments.cancelled')), onError: (e) => reportApiError(e) })}>
              {t('appointments.cancel')}
            </Button>
          </Group>
        </Stack>
      )}
      {p && !p.active && (
        <form onSubmit={form.onSubmit(submit)} data-testid="appointment-form">
          <Stack gap="sm">
            <Text size="sm" c="dimmed">
              {t('appointments.visitDate')}: {formatDateVi(p.visitDate)}
            </Text>
            <DateField label={t('appointments.returnDate')} value={form.values.returnDate} onChange={(iso) => form.setFieldValue('returnDate', iso)} testId="appointment-returnDate" w={200} />
            {form.errors.returnDate && (
              <Text size="xs" c="red">
                {form.errors.returnDate}
              </Text>
            )}
            <TextInput label={t('appointments.diagnosisText')} data-testid="appointment-diagnosisText" {...form.getInputProps('diagnosisText')} />
            <TextInput label={t('appointments.comorbidities')} data-testid="appointment-comorbidities" {...form.getInputProps('comorbidities')} />
            <Textarea label={t('appointments.note')} autosize minRows={2} data-testid="appointment-note" {...form.getInputProps('note')} />
            <Group grow>
              <TextInput label={t('referrals.physicianName')} {...form.getInputProps('physicianName')} />
              <TextInput label={t('referrals.physicianTitle')} {...form.getInputProps('physicianTitle')} />
              <TextInput label={t('referrals.physicianLicense')} data-testid="appointment-physicianLicense" {...form.getInputProps('physicianLicense')} />
            </Group>
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={create.isPending} disabled={!form.values.returnDate} data-testid="appointment-issue">
                {t('appointments.issue')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
      {printing && (
        <PdfPreview
          opened
          onClose={() => setPrinting(null)}
          load={() => api.call('appointments.preview', { id: printing.id })}
          onPrint={() => api.call('appointments.print', { id: printing.id })}
        />
      )}
    </Modal>
  );
}
