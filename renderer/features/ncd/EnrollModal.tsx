import { Button, Checkbox, Divider, Group, Modal, NumberInput, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect, useRef } from 'react';
import type { Enrollment } from '../../../shared/contract/ncd.js';
import { formatDateVi, parseDateVi } from '../../../shared/dates.js';
import type { GlucoseType, GlucoseUnit } from '../../../shared/ncd/measures.js';
import { api } from '../../api/client.js';
import { useApiMutation } from '../../api/hooks.js';
import { reportApiError, reportSuccess } from '../../app/feedback.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { IcdPicker, type IcdValue } from '../catalog/IcdPicker.js';
import { stationToday } from '../visits/access.js';
import { usePrograms } from './usePrograms.js';

type Num = number | '';
interface EnrollValues {
  program: string | null;
  enrolledOn: string;
  icd: IcdValue | null;
  diagnosedAt: string;
  baseline: {
    bp: { systolic: Num; diastolic: Num };
    glucose: { value: Num; unit: GlucoseUnit; type: GlucoseType };
    hba1c: Num;
    weightKg: Num;
  };
  historyHeartAttack: boolean;
  historyStroke: boolean;
  riskNotes: string;
  followUpDays: Num;
}

/** What a screening offer (or any caller) fills in ahead: program, date, baseline readings from the visit. */
export interface EnrollPreset {
  program?: string;
  enrolledOn?: string;
  diagnosedAt?: string;
  bp?: { systolic: number; diastolic: number } | null;
  glucose?: { value: number; unit: GlucoseUnit; type: GlucoseType } | null;
  hba1c?: number | null;
  weightKg?: number | null;
}

function initialValues(preset: EnrollPreset | undefined, programs: string[]): EnrollValues {
  const p = preset ?? {};
  return {
    program: p.program ?? (programs.length === 1 ? programs[0]! : null),
    enrolledOn: formatDateVi(p.enrolledOn ?? stationToday()),
    icd: null,
    diagnosedAt: p.diagnosedAt ?? '',
    baseline: {
      bp: { systolic: p.bp ? Math.round(p.bp.systolic) : '', diastolic: p.bp ? Math.round(p.bp.diastolic) : '' },
      glucose: p.glucose ? { ...p.glucose } : { value: '', unit: 'mmol_l', type: 'fasting' },
      hba1c: p.hba1c ?? '',
      weightKg: p.weightKg ?? '',
    },
    historyHeartAttack: false,
    historyStroke: false,
    riskNotes: '',
    followUpDays: '',
  };
}

/**
 * "Đăng ký quản lý": enroll a person in a program — date, ICD-10 diagnosis (the program's first code proposed), where
 * it was diagnosed, baseline readings, history of heart attack or stroke, and the patient's own interval.
 */
export function EnrollModal({
  personId,
  opened,
  onClose,
  preset,
  activePrograms,
  onEnrolled,
}: {
  personId: string;
  opened: boolean;
  onClose: () => void;
  preset?: EnrollPreset | undefined;
  /** Programs the person is already in (offered disabled). */
  activePrograms: readonly string[];
  onEnrolled?: (e: Enrollment) => void;
}) {
  const { t } = useI18n();
  const { programs, byCode, nameOf } = usePrograms();
  const enroll = useApiMutation('ncd.enroll');
  const available = programs.filter((p) => !p.archived && !activePrograms.includes(p.code)).map((p) => p.code);
  const form = useForm<EnrollValues>({ initialValues: initialValues(preset, available) });
  // The ICD code the form proposed itself, replaced when the program changes (a code the user chose is kept).
  const proposed = useRef<string | null>(null);

  // Proposes the program's first ICD-10 code (with its catalogue name) unless the user chose a code.
  const propose = (code: string | null, current: IcdValue | null) => {
    const icd = code ? byCode(code)?.icd10[0] : undefined;
    if (!icd || (current && current.code !== proposed.current)) return;
    void pickIcd(icd).then((v) => {
      if (!v) return;
      proposed.current = v.code;
      form.setFieldValue('icd', v);
    });
  };

  useEffect(() => {
    if (!opened) return;
    const initial = initialValues(preset, available);
    form.setValues(initial);
    form.resetDirty();
    proposed.current = null;
    propose(initial.program, null);
    // Reset only when the modal opens (and once the programs have loaded).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [opened, programs.length]);

  const program = form.values.program ? byCode(form.values.program) : undefined;

  const submit = (v: EnrollValues) => {
    const errors: Record<string, string> = {};
    if (!v.program) errors.program = t('v.required');
    if (!v.icd) errors.icdCode = t('v.required');
    const enrolledOn = parseDateVi(v.enrolledOn);
    if (!enrolledOn) errors.enrolledOn = t('v.date');
    const { systolic, diastolic } = v.baseline.bp;
    if ((systolic === '') !== (diastolic === '')) errors[systolic === '' ? 'baseline.bp.systolic' : 'baseline.bp.diastolic'] = t('v.required');
    form.setErrors(errors);
    if (Object.keys(errors).length) return;
    const g = v.baseline.glucose;
    enroll.mutate(
      {
        personId,
        program: v.program!,
        enrolledOn: enrolledOn!,
        icdCode: v.icd!.code,
        icdName: v.icd!.name,
        diagnosedAt: v.diagnosedAt,
        baseline: {
          bp: systolic === '' || diastolic === '' ? null : { systolic, diastolic },
          glucose: g.value === '' ? null : { value: g.value, unit: g.unit, type: g.type },
          hba1c: v.baseline.hba1c === '' ? null : v.baseline.hba1c,
          weightKg: v.baseline.weightKg === '' ? null : v.baseline.weightKg,
        },
        historyHeartAttack: v.historyHeartAttack,
        historyStroke: v.historyStroke,
        riskNotes: v.riskNotes,
        followUpDays: v.followUpDays === '' ? null : v.followUpDays,
      },
      {
        onSuccess: (r) => {
          reportSuccess(t('ncdui.enroll.done', { program: nameOf(r.enrollment.program) }));
          onEnrolled?.(r.enrollment);
          onClose();
        },
        onError: (e) => reportApiError(e, form),
      },
    );
  };

  const num = (path: string, label: string, decimals?: number) => (
    <NumberInput label={label} hideControls allowNegative={false} allowDecimal={Boolean(decimals)} decimalScale={decimals} data-testid={`enroll-${path.replace(/\./g, '-')}`} {...form.getInputProps(path)} />
  );

  return (
    <Modal opened={opened} onClose={onClose} title={t('ncdui.enroll.title')} size="52rem">
      <form onSubmit={form.onSubmit(submit)} data-testid="enroll-form" noValidate>
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Select
              label={t('ncdui.program')}
              withAsterisk
              data-autofocus
              data={programs
                .filter((p) => !p.archived)
                .map((p) => ({ value: p.code, label: activePrograms.includes(p.code) ? `${nameOf(p.code)} (${t('ncdui.enroll.already')})` : nameOf(p.code), disabled: activePrograms.includes(p.code) }))}
              allowDeselect={false}
              data-testid="enroll-program"
              {...form.getInputProps('program')}
              onChange={(v) => {
                form.setFieldValue('program', v);
                propose(v, form.values.icd);
              }}
            />
            <TextInput label={t('ncdui.enroll.date')} placeholder="dd/mm/yyyy" withAsterisk data-testid="enroll-date" {...form.getInputProps('enrolledOn')} />
            <NumberInput
              label={t('ncdui.enroll.interval')}
              placeholder={program ? t('ncdui.enroll.intervalDefault', { days: program.followUpDays }) : undefined}
              hideControls
              allowNegative={false}
              allowDecimal={false}
              data-testid="enroll-interval"
              {...form.getInputProps('followUpDays')}
            />
          </SimpleGrid>
          <Stack gap={4}>
            <IcdPicker
              label={t('ncdui.enroll.icd')}
              withAsterisk
              value={form.values.icd}
              onChange={(v) => {
                form.setFieldValue('icd', v);
                form.clearFieldError('icdCode');
              }}
              error={form.errors.icdCode}
              data-testid="enroll-icd"
            />
            {program && program.icd10.length > 1 && (
              <Group gap={4}>
                <Text size="xs" c="dimmed">
                  {t('ncdui.enroll.icdOfProgram')}
                </Text>
                {program.icd10.map((code) => (
                  <Button
                    key={code}
                    size="compact-xs"
                    variant={form.values.icd?.code === code ? 'filled' : 'light'}
                    tabIndex={-1}
                    onClick={() => void pickIcd(code).then((v) => v && form.setFieldValue('icd', v))}
                  >
                    {code}
                  </Button>
                ))}
              </Group>
            )}
          </Stack>
          <TextInput label={t('ncdui.enroll.diagnosedAt')} placeholder={t('ncdui.enroll.diagnosedAtHint')} data-testid="enroll-diagnosedAt" {...form.getInputProps('diagnosedAt')} />
          <Divider label={t('ncdui.enroll.baseline')} labelPosition="left" />
          <SimpleGrid cols={{ base: 2, sm: 4 }}>
            {num('baseline.bp.systolic', t('ncdui.systolic'))}
            {num('baseline.bp.diastolic', t('ncdui.diastolic'))}
            {num('baseline.hba1c', t('ncdui.fu.hba1c'), 1)}
            {num('baseline.weightKg', t('ncdui.fu.weight'), 1)}
          </SimpleGrid>
          <Group align="flex-end" gap="sm">
            <div style={{ width: 160 }}>{num('baseline.glucose.value', t('ncdui.fu.glucose'), 1)}</div>
            <SegmentedControl
              aria-label={t('ncdui.fu.glucoseUnit')}
              data={[
                { value: 'mmol_l', label: 'mmol/L' },
                { value: 'mg_dl', label: 'mg/dL' },
              ]}
              {...form.getInputProps('baseline.glucose.unit')}
            />
            <SegmentedControl
              aria-label={t('ncdui.fu.glucoseType')}
              data={(['fasting', 'random', 'post_meal'] as const).map((k) => ({ value: k, label: t(`ncdui.glucoseType.${k}`) }))}
              {...form.getInputProps('baseline.glucose.type')}
            />
          </Group>
          <Divider label={t('ncdui.enroll.history')} labelPosition="left" />
          <Group align="center" wrap="nowrap">
            <Checkbox label={t('ncdui.enroll.heartAttack')} data-testid="enroll-heartAttack" {...form.getInputProps('historyHeartAttack', { type: 'checkbox' })} />
            <Checkbox label={t('ncdui.enroll.stroke')} data-testid="enroll-stroke" {...form.getInputProps('historyStroke', { type: 'checkbox' })} />
            <TextInput placeholder={t('ncdui.enroll.riskNotes')} aria-label={t('ncdui.enroll.riskNotes')} style={{ flex: 1 }} {...form.getInputProps('riskNotes')} />
          </Group>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={enroll.isPending} data-testid="enroll-submit">
              {t('ncdui.enroll.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** The catalogue entry of an ICD-10 code (its Vietnamese name), or null when the catalogue does not have it. */
async function pickIcd(code: string): Promise<IcdValue | null> {
  try {
    const r = await api.call('catalog.icdSearch', { q: code, limit: 5 });
    const hit = r.items.find((i) => i.code === code);
    return hit ? { code: hit.code, name: hit.name } : null;
  } catch {
    return null;
  }
}
