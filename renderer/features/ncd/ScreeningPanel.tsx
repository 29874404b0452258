import { Alert, Button, Group, NumberInput, Paper, SegmentedControl, Stack, Text } from '@mantine/core';
import { IconHeartbeat, IconUserPlus } from '@tabler/icons-react';
import { useState } from 'react';
import type { ScreeningOffer } from '../../../shared/contract/ncd.js';
import type { Visit } from '../../../shared/contract/visits.js';
import { mgdlToMmol, type GlucoseType, type GlucoseUnit } from '../../../shared/ncd/measures.js';
import { SCREENING_BP, SCREENING_FASTING_MGDL, SCREENING_HBA1C, SCREENING_PROGRAMS, SCREENING_RANDOM_MGDL, screeningFindings } from '../../../shared/ncd/screening.js';
import { useApiMutation, useApiQuery } from '../../api/hooks.js';
import { reportApiError, reportSuccess } from '../../app/feedback.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { EnrollModal, type EnrollPreset } from './EnrollModal.js';
import { usePrograms } from './usePrograms.js';

type Num = number | '';

/**
 * Opportunistic screening at a visit (issue 8): for an adult whose BP (as typed, before saving) or recorded blood
 * sugar is above threshold and who is not in the matching program, a clear offer opens the enroll modal pre-filled
 * with the visit's readings. A blood-sugar result can be recorded here too (`ncd.recordScreening`).
 */
export function ScreeningPanel({ visit, bp, weightKg, canEdit }: { visit: Visit; bp: { systolic: Num; diastolic: Num }; weightKg: Num; canEdit: boolean }) {
  const { t } = useI18n();
  const { nameOf } = usePrograms();
  const personId = visit.person.id;
  const offersQ = useApiQuery('ncd.screeningOffers', { personId, visitId: visit.id });
  const enrollments = useApiQuery('ncd.enrollmentsForPerson', { personId });
  const [enrolling, setEnrolling] = useState<EnrollPreset | null>(null);
  if (!offersQ.data?.eligible || !enrollments.data) return null;
  const active = enrollments.data.enrollments.filter((e) => !e.endedOn).map((e) => e.program);

  // The BP as typed wins over the saved one: the offer appears before the visit is saved.
  const typed = bp.systolic !== '' && bp.diastolic !== '' ? { systolic: bp.systolic, diastolic: bp.diastolic } : null;
  const live: ScreeningOffer[] = typed
    ? screeningFindings({ bp: typed, glucose: null, hba1c: null }).map((f) => ({ ...f, programName: nameOf(f.program) }))
    : [];
  const saved = offersQ.data.offers.filter((o) => !(typed && o.reading.kind === 'bp'));
  const offers = [...live, ...saved].filter((o) => !active.includes(o.program));

  const readingText = (o: ScreeningOffer): string => {
    const r = o.reading;
    if (r.kind === 'bp') return t('ncdui.screening.reading.bp', { systolic: r.systolic, diastolic: r.diastolic, limit: `${SCREENING_BP.systolic}/${SCREENING_BP.diastolic}` });
    if (r.kind === 'hba1c') return t('ncdui.screening.reading.hba1c', { percent: r.percent, limit: SCREENING_HBA1C });
    const limit = r.type === 'fasting' ? SCREENING_FASTING_MGDL : SCREENING_RANDOM_MGDL;
    return t('ncdui.screening.reading.glucose', { type: t(`ncdui.glucoseType.${r.type}`).toLowerCase(), mmol: r.mmol, mgdl: Math.round(r.mgdl), limit, limitMmol: mgdlToMmol(limit).toFixed(1) });
  };

  const presetOf = (o: ScreeningOffer): EnrollPreset => ({
    program: o.program,
    enrolledOn: visit.visitDate,
    diagnosedAt: t('ncdui.screening.diagnosedAt'),
    bp: o.reading.kind === 'bp' ? { systolic: o.reading.systolic, diastolic: o.reading.diastolic } : typed,
    glucose: o.reading.kind === 'glucose' ? { value: o.reading.mmol, unit: 'mmol_l', type: o.reading.type } : null,
    hba1c: o.reading.kind === 'hba1c' ? o.reading.percent : null,
    weightKg: weightKg === '' ? null : weightKg,
  });

  return (
    <Stack gap="xs" data-testid="ncd-screening">
      {offers.map((o) => (
        <Alert key={`${o.program}-${o.reasonKey}`} color="orange" variant="light" icon={<IconHeartbeat size={20} />} data-testid="ncd-offer" data-program={o.program}>
          <Group justify="space-between" wrap="nowrap">
            <div>
              <Text fw={700}>{t(o.program === SCREENING_PROGRAMS.bp ? 'ncdui.screening.offerBp' : o.program === SCREENING_PROGRAMS.sugar ? 'ncdui.screening.offerSugar' : 'ncdui.screening.offer', { program: nameOf(o.program) })}</Text>
              <Text size="sm">{readingText(o)}</Text>
            </div>
            {canEdit && (
              <Button color="orange" leftSection={<IconUserPlus size={16} />} onClick={() => setEnrolling(presetOf(o))} data-testid="ncd-offer-enroll">
                {t('ncdui.enroll.open')}
              </Button>
            )}
          </Group>
        </Alert>
      ))}
      {canEdit && !active.includes(SCREENING_PROGRAMS.sugar) && <SugarScreening visit={visit} />}
      {/* The panel sits inside the visit's <form>: React events from the modal's portal would otherwise reach it
          (its Enter would save the visit, its Esc would leave the visit page). */}
      <div onSubmit={(e) => e.stopPropagation()} onKeyDown={(e) => e.stopPropagation()}>
        <EnrollModal personId={personId} opened={enrolling !== null} onClose={() => setEnrolling(null)} preset={enrolling ?? undefined} activePrograms={active} />
      </div>
    </Stack>
  );
}

/** One line to record a blood-sugar screening at the visit (the visit form has no glucose field). */
function SugarScreening({ visit }: { visit: Visit }) {
  const { t } = useI18n();
  const record = useApiMutation('ncd.recordScreening');
  const [value, setValue] = useState<Num>('');
  const [unit, setUnit] = useState<GlucoseUnit>('mmol_l');
  const [type, setType] = useState<GlucoseType>('fasting');
  const [error, setError] = useState<string | null>(null);
  const save = () => {
    if (value === '') return setError(t('v.required'));
    record.mutate(
      { personId: visit.person.id, visitId: visit.id, glucose: { value, unit, type } },
      {
        onSuccess: () => {
          setError(null);
          setValue('');
          reportSuccess(t('ncdui.screening.saved'));
        },
        onError: (e) => {
          const field = (e as { fields?: { path: string; message: string }[] }).fields?.find((f) => f.path.startsWith('glucose'));
          if (field) setError(field.message);
          else reportApiError(e);
        },
      },
    );
  };
  return (
    <Paper withBorder px="md" py="xs" data-testid="ncd-sugar-screening">
      <Group align="flex-end" gap="sm">
        <NumberInput
          label={t('ncdui.screening.sugar')}
          hideControls
          allowNegative={false}
          decimalScale={1}
          w={190}
          value={value}
          error={error}
          onChange={(v) => setValue(typeof v === 'number' ? v : '')}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              save();
            }
          }}
          data-testid="ncd-sugar-value"
        />
        <SegmentedControl
          size="xs"
          mb={6}
          value={unit}
          onChange={(v) => setUnit(v as GlucoseUnit)}
          data={[
            { value: 'mmol_l', label: 'mmol/L' },
            { value: 'mg_dl', label: 'mg/dL' },
          ]}
        />
        <SegmentedControl size="xs" mb={6} value={type} onChange={(v) => setType(v as GlucoseType)} data={(['fasting', 'random', 'post_meal'] as const).map((k) => ({ value: k, label: t(`ncdui.glucoseType.${k}`) }))} />
        <Button variant="default" size="sm" onClick={save} loading={record.isPending} data-testid="ncd-sugar-save">
          {t('ncdui.screening.record')}
        </Button>
      </Group>
      <Text size="xs" c="dimmed" mt={4}>
        {t('ncdui.screening.hint')}
      </Text>
    </Paper>
  );
}
