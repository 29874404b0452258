import { Badge, Button, Group, Input, NumberInput, Paper, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconDeviceFloppy } from '@tabler/icons-react';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import type { Enrollment, Followup, ProgramEntry } from '../../../shared/contract/ncd.js';
import { formatDateVi, parseDateVi } from '../../../shared/dates.js';
import type { MessageKey } from '../../../shared/i18n/index.js';
import { bpControlled, mgdlToMmol } from '../../../shared/ncd/measures.js';
import { checkFollowupReadings } from '../../../shared/ncd/plausibility.js';
import { addDays } from '../../../shared/visits/station-date.js';
import { useApiMutation } from '../../api/hooks.js';
import { reportApiError, reportSuccess } from '../../app/feedback.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { stationToday } from '../visits/access.js';
import { DispensedField } from './DispensedField.js';
import { ExtraField } from './ExtraField.js';
import { bpReading, emptyFollowup, followupFormErrors, followupInputOf, glucoseMgdl, liveMean, programFields, type FollowupFormValues } from './followupForm.js';
import { formatBp } from './format.js';
import { handleEntryKey } from './keyboard.js';

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder px="sm" py="xs">
      <Stack gap={6}>
        <Text fw={700} size="sm">
          {title}
        </Text>
        {children}
      </Stack>
    </Paper>
  );
}

/**
 * The fast follow-up form: one screen, keyboard only. Focus starts on the first BP reading; Enter moves to the next
 * field, Enter on the appointment date or Ctrl+Enter saves, Esc goes back. Only the fields of the program are shown
 * (program.fields), so a program added by an administrator gets its own form without code.
 */
export function FollowupForm({ enrollment, program, previous, backPath }: { enrollment: Enrollment; program: ProgramEntry | undefined; previous: Followup | null; backPath: string }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const save = useApiMutation('ncd.recordFollowup');
  const fields = programFields(program);
  const interval = enrollment.followUpDays;
  const form = useForm<FollowupFormValues>({ initialValues: emptyFollowup(stationToday(), interval) });
  const [appointmentTouched, setAppointmentTouched] = useState(false);
  const root = useRef<HTMLFormElement>(null);
  const v = form.values;
  // No mean (nor target badge) for a reading that cannot be right: the backend will say why on saving.
  const mean = checkFollowupReadings({ bp1: bpReading(v.bp1), bp2: bpReading(v.bp2) }).some((i) => i.path.startsWith('bp')) ? null : liveMean(v);
  const mgdl = glucoseMgdl(v);

  const submit = () => {
    if (save.isPending) return;
    const errors = followupFormErrors(form.values, t);
    form.setErrors(errors);
    if (Object.keys(errors).length) return focusInvalid();
    save.mutate(followupInputOf(enrollment.id, form.values, fields), {
      onSuccess: (r) => {
        form.resetDirty();
        reportSuccess(r.followup.nextAppointment ? t('ncdui.fu.savedWithAppointment', { date: formatDateVi(r.followup.nextAppointment) }) : t('ncdui.fu.saved'));
        void navigate(backPath);
      },
      onError: (e) => {
        reportApiError(e, form);
        focusInvalid();
      },
    });
  };
  // Focus the first field in error once the render that marks it has been committed.
  const [focusRequest, setFocusRequest] = useState(0);
  const focusInvalid = () => setFocusRequest((n) => n + 1);
  useEffect(() => {
    if (focusRequest) root.current?.querySelector<HTMLInputElement>('[aria-invalid="true"]')?.focus();
  }, [focusRequest]);

  // The appointment follows the visit date until the user sets it.
  const onDateBlur = () => {
    const iso = parseDateVi(v.date);
    if (iso && !appointmentTouched) form.setFieldValue('nextAppointment', formatDateVi(addDays(iso, interval)));
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLFormElement>) => {
    if (e.key === 'Escape' && !e.defaultPrevented && (e.target as HTMLElement).getAttribute('aria-expanded') !== 'true') {
      if (form.isDirty() && !window.confirm(t('ncdui.fu.discard'))) return;
      void navigate(backPath);
      return;
    }
    handleEntryKey(e, root.current, submit);
  };

  const num = (path: string, label: string, opts: { decimals?: number; autoFocus?: boolean; w?: number; testId: string }) => (
    <NumberInput
      label={label}
      hideControls
      allowNegative={false}
      allowDecimal={Boolean(opts.decimals)}
      decimalScale={opts.decimals}
      autoFocus={opts.autoFocus}
      data-autofocus={opts.autoFocus || undefined}
      w={opts.w}
      data-testid={opts.testId}
      {...form.getInputProps(path)}
    />
  );
  // A BP reading: two inputs under one label; the message (from either input) shows once, under the pair.
  const bpPair = (name: 'bp1' | 'bp2', first: boolean) => {
    const systolicError = form.errors[`${name}.systolic`];
    const diastolicError = form.errors[`${name}.diastolic`];
    const pairError = form.errors[name];
    const half = (part: 'systolic' | 'diastolic', error: unknown) => (
      <NumberInput
        hideControls
        allowNegative={false}
        allowDecimal={false}
        w={108}
        placeholder={t(part === 'systolic' ? 'ncdui.fu.systolicShort' : 'ncdui.fu.diastolicShort')}
        aria-label={`${t(name === 'bp1' ? 'ncdui.fu.bp1' : 'ncdui.fu.bp2')} — ${t(part === 'systolic' ? 'ncdui.systolic' : 'ncdui.diastolic')}`}
        autoFocus={first && part === 'systolic'}
        data-autofocus={(first && part === 'systolic') || undefined}
        data-testid={`ncd-${name}-${part}`}
        {...form.getInputProps(`${name}.${part}`)}
        error={Boolean(error)}
      />
    );
    return (
      <Input.Wrapper label={t(name === 'bp1' ? 'ncdui.fu.bp1' : 'ncdui.fu.bp2')} error={systolicError ?? diastolicError ?? pairError} maw={240} labelElement="div">
        <Group gap={4} wrap="nowrap">
          {half('systolic', systolicError ?? pairError)}
          <Text c="dimmed">/</Text>
          {half('diastolic', diastolicError)}
        </Group>
      </Input.Wrapper>
    );
  };

  const target = enrollment.bpTarget;
  const meanOk = mean ? bpControlled(mean, target) : null;
  const converted =
    mgdl === null ? null : v.glucose.unit === 'mmol_l' ? `${Math.round(mgdl)} mg/dL` : `${mgdlToMmol(mgdl).toFixed(1)} mmol/L`;
  const hasReadings = fields.has('glucose') || fields.has('hba1c') || fields.extra.length > 0;

  return (
    <form ref={root} onSubmit={(e) => (e.preventDefault(), submit())} onKeyDown={onKeyDown} data-testid="ncd-fu-form" noValidate>
      <Stack gap="xs">
        <Section title={t('ncdui.fu.readings')}>
          <Group gap="md" align="flex-start">
            {fields.has('bp') && (
              <>
                {bpPair('bp1', true)}
                {bpPair('bp2', false)}
                <Stack gap={0} miw={170} data-testid="ncd-bp-mean" data-mean={mean ? formatBp(mean) : ''}>
                  <Text size="sm" fw={500}>
                    {t('ncdui.fu.mean')}
                  </Text>
                  <Text fw={700} size="lg" lh={1.4}>
                    {mean ? `${formatBp(mean)} mmHg` : '—'}
                  </Text>
                  {meanOk !== null && (
                    <Badge color={meanOk ? 'teal' : 'red'} variant="light" size="sm">
                      {meanOk ? t('ncdui.fu.atTarget', { target: formatBp(target) }) : t('ncdui.fu.aboveTarget', { target: formatBp(target) })}
                    </Badge>
                  )}
                </Stack>
              </>
            )}
            {fields.has('pulse') && num('pulse', t('ncdui.fu.pulse'), { w: 120, autoFocus: !fields.has('bp'), testId: 'ncd-pulse' })}
            {fields.has('weight') && num('weightKg', t('ncdui.fu.weight'), { decimals: 1, w: 110, testId: 'ncd-weight' })}
          </Group>
          {hasReadings && (
            <Group gap="md" align="flex-start">
              {fields.has('glucose') && (
                <Input.Wrapper label={t('ncdui.fu.glucose')} error={form.errors['glucose.value']} labelElement="div">
                  <Group gap={8} wrap="nowrap">
                    <NumberInput
                      hideControls
                      allowNegative={false}
                      decimalScale={1}
                      w={90}
                      aria-label={t('ncdui.fu.glucose')}
                      data-testid="ncd-glucose"
                      {...form.getInputProps('glucose.value')}
                      error={Boolean(form.errors['glucose.value'])}
                    />
                    <SegmentedControl
                      aria-label={t('ncdui.fu.glucoseUnit')}
                      data={[
                        { value: 'mmol_l', label: 'mmol/L' },
                        { value: 'mg_dl', label: 'mg/dL' },
                      ]}
                      data-testid="ncd-glucose-unit"
                      {...form.getInputProps('glucose.unit')}
                    />
                    <SegmentedControl
                      aria-label={t('ncdui.fu.glucoseType')}
                      data={(['fasting', 'random', 'post_meal'] as const).map((k) => ({ value: k, label: t(`ncdui.glucoseType.${k}`) }))}
                      data-testid="ncd-glucose-type"
                      {...form.getInputProps('glucose.type')}
                    />
                    <Text size="sm" c="dimmed" miw={100} data-testid="ncd-glucose-converted">
                      {converted ? `= ${converted}` : ''}
                    </Text>
                  </Group>
                </Input.Wrapper>
              )}
              {fields.has('hba1c') && num('hba1c', t('ncdui.fu.hba1c'), { decimals: 1, w: 100, testId: 'ncd-hba1c' })}
              {fields.extra.map((f) => (
                <ExtraField key={f.key} field={f} form={form} />
              ))}
            </Group>
          )}
        </Section>
        {(fields.has('symptoms') || fields.has('adherence') || fields.has('complications')) && (
          <Section title={t('ncdui.fu.clinical')}>
            <Group gap="md" align="flex-start" grow preventGrowOverflow={false}>
              {fields.has('symptoms') && <TextInput label={t('ncdui.fu.symptoms')} placeholder={t('ncdui.fu.symptomsHint')} data-testid="ncd-symptoms" {...form.getInputProps('symptoms')} />}
              {fields.has('adherence') && (
                <Input.Wrapper label={t('ncdui.fu.adherence')} labelElement="div" style={{ flexGrow: 0 }}>
                  <div>
                    <SegmentedControl
                      aria-label={t('ncdui.fu.adherence')}
                      data={(['', 'good', 'partial', 'poor'] as const).map((k) => ({ value: k, label: t(`ncdui.adherence.${k || 'none'}` as MessageKey) }))}
                      data-testid="ncd-adherence"
                      {...form.getInputProps('adherence')}
                    />
                  </div>
                </Input.Wrapper>
              )}
              {fields.has('complications') && <TextInput label={t('ncdui.fu.complications')} placeholder={t('ncdui.fu.complicationsHint')} data-testid="ncd-complications" {...form.getInputProps('complications')} />}
            </Group>
          </Section>
        )}
        {fields.has('medicines') && (
          <Section title={t('ncdui.fu.medicines')}>
            <DispensedField form={form} intervalDays={interval} previous={previous?.medicines ?? []} />
          </Section>
        )}
        <Paper withBorder p="sm">
          <Group justify="space-between" align="flex-end">
            <Group align="flex-start">
              <TextInput label={t('ncdui.fu.date')} placeholder="dd/mm/yyyy" w={140} data-testid="ncd-date" {...form.getInputProps('date')} onBlur={onDateBlur} />
              <TextInput
                label={t('ncdui.fu.nextAppointment')}
                placeholder="dd/mm/yyyy"
                w={150}
                data-testid="ncd-next"
                data-submit-on-enter
                {...form.getInputProps('nextAppointment')}
                onChange={(e) => {
                  setAppointmentTouched(true);
                  form.setFieldValue('nextAppointment', e.currentTarget.value);
                }}
              />
              <Text size="xs" c="dimmed" mt={32}>
                {t('ncdui.fu.intervalHint', { days: interval })}
              </Text>
            </Group>
            <Group align="center">
              <Text size="xs" c="dimmed">
                {t('ncdui.fu.keys')}
              </Text>
              <Button type="submit" leftSection={<IconDeviceFloppy size={16} />} loading={save.isPending} data-testid="ncd-fu-save">
                {t('ncdui.fu.save')}
              </Button>
            </Group>
          </Group>
        </Paper>
      </Stack>
    </form>
  );
}
