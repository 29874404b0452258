import { VisitReferralActions } from '../referrals/VisitReferralActions.js';
import { ScreeningPanel } from '../ncd/ScreeningPanel.js';
import { Alert, Anchor, Button, Group, Loader, Paper, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconArrowLeft, IconCheck, IconDeviceFloppy } from '@tabler/icons-react';
import { useEffect, useState, type KeyboardEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { Visit } from '../../../shared/contract/visits.js';
import { api } from '../../api/client.js';
import { useApiMutation } from '../../api/hooks.js';
import { reportApiError, reportSuccess } from '../../app/feedback.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { canExamine, useRole } from './access.js';
import { DiagnosesField } from './DiagnosesField.js';
import { PrescriptionField } from './PrescriptionField.js';
import { VisitHeader } from './VisitHeader.js';
import { formValuesOf, saveInputOf, visitFormErrors, type VisitFormValues } from './visitForm.js';
import { VitalsGrid } from './VitalsGrid.js';

/**
 * One visit (route /kham-benh/luot/:id). Loaded once rather than as a live query: a live query would refetch on
 * every change at the station, logging a view each time and racing the user's typing.
 */
export function VisitPage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const [visit, setVisit] = useState<Visit | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    setVisit(null);
    api.call('visits.get', { id }).then((r) => setVisit(r.visit), (e: Error) => setFailed(e.message));
  }, [id]);
  if (failed) return <Alert color="red">{failed}</Alert>;
  if (!visit) return <Loader />;
  return (
    <Stack>
      <Anchor component={Link} to="/kham-benh" size="sm">
        <IconArrowLeft size={14} /> {t('visits.backToQueue')}
      </Anchor>
      <VisitHeader visit={visit} />
      <VisitForm key={visit.id} visit={visit} onSaved={setVisit} />
    </Stack>
  );
}

type Outcome = 'finished' | 'referred' | 'appointment';

function VisitForm({ visit, onSaved }: { visit: Visit; onSaved: (v: Visit) => void }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const role = useRole();
  const save = useApiMutation('visits.save');
  const form = useForm<VisitFormValues>({ initialValues: formValuesOf(visit) });
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const readOnly = !canExamine(role) || visit.status === 'cancelled';
  const chosenOutcome: Outcome = outcome ?? (form.values.returnDate.trim() ? 'appointment' : 'finished');

  const submit = (finish: boolean) => {
    const errors = visitFormErrors(form.values, { birthDate: visit.person.birthDate, visitDate: visit.visitDate }, t);
    form.setErrors(errors);
    if (Object.keys(errors).length > 0) {
      setTimeout(() => document.querySelector<HTMLInputElement>('[aria-invalid="true"]')?.focus(), 0);
      return;
    }
    save.mutate(
      { ...saveInputOf(visit.id, form.values), finish, ...(finish ? { outcome: chosenOutcome } : {}) },
      {
        onSuccess: (r) => {
          onSaved(r.visit);
          form.resetDirty();
          if (finish) {
            reportSuccess(t('visits.finished'));
            void navigate('/kham-benh');
          } else reportSuccess(t('visits.saved'));
        },
        onError: (e) => reportApiError(e, form),
      },
    );
  };

  // Esc leaves for the queue (asking first when something was typed); an open picker list takes Esc for itself.
  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    if (e.key !== 'Escape' || e.defaultPrevented) return;
    if ((e.target as HTMLElement).getAttribute('aria-expanded') === 'true') return;
    if (form.isDirty() && !window.confirm(t('visits.discard'))) return;
    void navigate('/kham-benh');
  };

  const text = (key: 'symptoms' | 'history' | 'findings' | 'treatment' | 'advice', rows = 2) => (
    <Textarea label={t(`visits.${key}`)} autosize minRows={rows} maxRows={8} disabled={readOnly} data-testid={`visit-${key}`} {...form.getInputProps(key)} />
  );

  return (
    <form onSubmit={form.onSubmit(() => submit(false))} onKeyDown={onKeyDown} data-testid="visit-form">
      <Stack>
        {readOnly && <Alert color="gray">{t('visits.readOnly')}</Alert>}
        <Paper withBorder p="md">
          <VitalsGrid form={form} disabled={readOnly} />
        </Paper>
        {visit.status !== 'cancelled' && (
          <ScreeningPanel visit={visit} bp={form.values.vitals} weightKg={form.values.vitals.weightKg} canEdit={!readOnly} />
        )}
        <Paper withBorder p="md">
          <Stack gap="sm">
            {text('symptoms')}
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              {text('history')}
              {text('findings')}
            </SimpleGrid>
          </Stack>
        </Paper>
        <Paper withBorder p="md">
          <DiagnosesField form={form} disabled={readOnly} />
        </Paper>
        <Paper withBorder p="md">
          <PrescriptionField form={form} disabled={readOnly} />
        </Paper>
        <Paper withBorder p="md">
          <Stack gap="sm">
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              {text('treatment')}
              {text('advice')}
            </SimpleGrid>
            <TextInput label={t('visits.returnDate')} placeholder="dd/mm/yyyy" w={240} disabled={readOnly} data-testid="visit-returnDate" {...form.getInputProps('returnDate')} />
          </Stack>
        </Paper>
        <Group justify="flex-start">
          <VisitReferralActions visitId={visit.id} />
        </Group>
        {!readOnly && (
          <Group justify="flex-end" align="flex-end">
            <Button type="submit" variant="default" leftSection={<IconDeviceFloppy size={16} />} loading={save.isPending} data-testid="visit-save">
              {t('visits.save')}
            </Button>
            <Select
              label={t('visits.outcome')}
              w={190}
              allowDeselect={false}
              data={(['finished', 'referred', 'appointment'] as const).map((s) => ({ value: s, label: t(`visits.status.${s}`) }))}
              value={chosenOutcome}
              onChange={(v) => v && setOutcome(v as Outcome)}
              data-testid="visit-outcome"
            />
            <Button leftSection={<IconCheck size={16} />} loading={save.isPending} onClick={() => submit(true)} data-testid="visit-finish">
              {t('visits.saveFinish')}
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}
