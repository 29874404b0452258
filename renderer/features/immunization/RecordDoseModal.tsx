import { Alert, Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { ImmPerson, SeriesCard } from '../../../shared/contract/immunization.js';
import { SHIPPED_SCHEDULES } from '../../../shared/immunization/schedules/index.js';
import { vaccineName } from '../../../shared/immunization/vaccines.js';
import { useApiMutation } from '../../api/hooks.js';
import { reportSuccess } from '../../app/feedback.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { stationToday } from '../visits/access.js';
import { DateField } from '../visits/DateField.js';

/** The vaccine codes that count toward a series (schedule data). */
function codesOf(seriesKey: string): string[] {
  return SHIPPED_SCHEDULES.flatMap((s) => s.series).find((s) => s.key === seriesKey)?.vaccineCodes.slice() ?? [];
}

/**
 * Ghi nhận mũi tiêm nơi khác: a dose given at a hospital (birth doses) or a private clinic — series, vaccine, dose,
 * date, place. The engine judges it: an early dose is kept but flagged invalid (warning); the same dose twice is refused.
 */
export function RecordDoseModal({ personId, person, cards, onClose }: { personId: string; person: ImmPerson; cards: { series: SeriesCard[] }[]; onClose: () => void }) {
  const { t } = useI18n();
  const record = useApiMutation('imm.recordDose');
  const series = cards.flatMap((c) => c.series).filter((s) => s.state !== 'not-applicable');
  const firstOpen = series.find((s) => s.state !== 'complete') ?? series[0];
  const [seriesKey, setSeriesKey] = useState<string | null>(firstOpen?.key ?? null);
  const current = series.find((s) => s.key === seriesKey);
  const codes = seriesKey ? codesOf(seriesKey) : [];
  const [vaccineCode, setVaccineCode] = useState<string | null>(codes[0] ?? null);
  const [doseNumber, setDoseNumber] = useState<string | null>(current?.next ? String(current.next.doseNumber) : '1');
  const [givenOn, setGivenOn] = useState(stationToday());
  const [place, setPlace] = useState('');
  const [lotNumber, setLotNumber] = useState('');
  const [within24h, setWithin24h] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);

  const pickSeries = (key: string | null) => {
    setSeriesKey(key);
    const s = series.find((x) => x.key === key);
    setVaccineCode(key ? (codesOf(key)[0] ?? null) : null);
    setDoseNumber(s?.next ? String(s.next.doseNumber) : '1');
  };
  const submit = () => {
    setError(null);
    const e: Record<string, string> = {};
    if (!vaccineCode) e.vaccineCode = t('v.required');
    if (!place.trim()) e.place = t('v.immPlaceElsewhere');
    setErrors(e);
    if (Object.keys(e).length) return;
    record.mutate(
      {
        personId,
        vaccineCode: vaccineCode!,
        seriesKey: seriesKey ?? undefined,
        doseNumber: doseNumber ? Number(doseNumber) : undefined,
        givenOn,
        givenElsewhere: true,
        place,
        lotNumber: lotNumber || undefined,
        within24h: seriesKey === 'hepb-birth' && within24h ? within24h === 'yes' : undefined,
        note: note || undefined,
      },
      {
        onSuccess: (r) => {
          reportSuccess(t('immui.card.recorded', { dose: r.dose.label ?? r.dose.vaccineName }));
          for (const w of r.warnings) notifications.show({ color: 'orange', message: w.message, autoClose: 10_000 });
          onClose();
        },
        onError: (err) => {
          setErrors(Object.fromEntries(err.fields.map((f) => [f.path, f.message])));
          if (err.fields.length === 0 || err.code !== 'VALIDATION_FAILED') setError(err.message);
        },
      },
    );
  };
  return (
    <Modal opened onClose={onClose} title={t('immui.card.recordTitle', { name: person.fullName })} size="lg" data-testid="imm-record-modal">
      <Stack gap="sm">
        <Select
          label={t('immui.card.series')}
          withAsterisk
          value={seriesKey}
          onChange={pickSeries}
          allowDeselect={false}
          data={series.map((s) => ({ value: s.key, label: `${s.name}${s.state === 'complete' ? ` (${t('immui.state.complete')})` : ''}` }))}
          data-testid="imm-record-series"
        />
        <Group grow align="flex-start">
          <Select
            label={t('immui.col.vaccine')}
            withAsterisk
            value={vaccineCode}
            onChange={setVaccineCode}
            allowDeselect={false}
            data={codes.map((c) => ({ value: c, label: vaccineName(c) }))}
            error={errors.vaccineCode}
            data-testid="imm-record-vaccine"
          />
          <Select
            label={t('immui.card.doseNumber')}
            value={doseNumber}
            onChange={setDoseNumber}
            data={(current?.doseLabels ?? ['1']).map((l, i) => ({ value: String(i + 1), label: `${i + 1} · ${l}` }))}
            data-testid="imm-record-dose-number"
          />
        </Group>
        <Group align="flex-start">
          <Stack gap={2}>
            <DateField label={t('immui.card.givenOn')} value={givenOn} onChange={setGivenOn} testId="imm-record-date" w={170} />
            {errors.givenOn && (
              <Text size="xs" c="red" data-testid="imm-record-date-error">
                {errors.givenOn}
              </Text>
            )}
          </Stack>
          <TextInput style={{ flex: 1 }} label={t('immui.card.place')} withAsterisk placeholder={t('immui.card.placeHint')} value={place} onChange={(e) => setPlace(e.currentTarget.value)} error={errors.place} data-testid="imm-record-place" />
        </Group>
        <Group grow>
          <TextInput label={t('immui.lot.number')} value={lotNumber} onChange={(e) => setLotNumber(e.currentTarget.value)} data-testid="imm-record-lot" />
          {seriesKey === 'hepb-birth' && (
            <Select
              label={t('immui.card.within24h')}
              clearable
              value={within24h}
              onChange={setWithin24h}
              data={[
                { value: 'yes', label: t('immui.card.within24hYes') },
                { value: 'no', label: t('immui.card.within24hNo') },
              ]}
            />
          )}
        </Group>
        <TextInput label={t('immui.screen.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
        {error && (
          <Alert color="red" data-testid="imm-record-error">
            {error}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button loading={record.isPending} onClick={submit} data-testid="imm-record-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
