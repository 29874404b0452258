import { Alert, Button, Checkbox, Divider, Group, Modal, NumberInput, Paper, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { IconThermometer } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import type { BoardEntry } from '../../../shared/contract/immunization.js';
import { addDays } from '../../../shared/visits/station-date.js';
import type { MessageKey } from '../../../shared/i18n/index.js';
import { MOTHER_HBSAG, SCREENING_ITEMS, SCREENING_OUTCOMES, TEMPERATURE_RANGE, type ScreeningItem, type ScreeningOutcome } from '../../../shared/immunization/checklists.js';
import { SHIPPED_SCHEDULES } from '../../../shared/immunization/schedules/index.js';
import { POSTPONE_DAYS, isFeverOrHypothermia, screeningOutcome, type DueSeriesForScreening } from '../../../shared/immunization/screening.js';
import { useApiMutation } from '../../api/hooks.js';
import { reportApiError, reportSuccess } from '../../app/feedback.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { DateField } from '../visits/DateField.js';
import { EntryLine } from './EntryLine.js';

const OUTCOME_COLOR: Record<ScreeningOutcome, string> = { vaccinate: 'teal', contraindicated: 'red', postpone: 'orange', refer: 'grape' };
export const outcomeColor = (o: ScreeningOutcome) => OUTCOME_COLOR[o];

/** The contraindication keys of each dose due today, from the schedule data, so the preview applies the same rules. */
function dueForScreening(entry: BoardEntry): DueSeriesForScreening[] {
  return entry.dueToday.map((d) => {
    const series = SHIPPED_SCHEDULES.flatMap((s) => s.series).find((s) => s.key === d.seriesKey);
    const dose = series?.doses[d.doseNumber - 1];
    return { seriesKey: d.seriesKey, contraindications: dose?.contraindications ?? [], live: d.live, route: d.route };
  });
}

type Answer = 'yes' | 'no' | null;

/** Age in days on the session day (newborn questions appear for babies under 1 month or with birth doses due). */
function isNewborn(entry: BoardEntry, date: string): boolean {
  const days = (Date.parse(`${date}T00:00:00Z`) - Date.parse(`${entry.person.birthDate}T00:00:00Z`)) / 86_400_000;
  return (Number.isFinite(days) && days < 31) || entry.dueToday.some((d) => d.seriesKey === 'hepb-birth');
}

/**
 * Khám sàng lọc (QĐ 1575/QĐ-BYT): each item Có/Không, the temperature, the newborn facts when relevant. The outcome
 * is derived as the nurse answers (the same rules as the backend); a different conclusion needs a written reason;
 * postponing asks for a return date.
 */
export function ScreeningModal({ entry, date, onClose, onVaccinate }: { entry: BoardEntry; date: string; onClose: () => void; onVaccinate?: () => void }) {
  const { t } = useI18n();
  const screen = useApiMutation('imm.screen');
  const prior = entry.screening;
  const [answers, setAnswers] = useState<Record<ScreeningItem, Answer>>(() =>
    Object.fromEntries(SCREENING_ITEMS.map((k) => [k, prior ? (prior.answers[k] ? 'yes' : 'no') : null])) as Record<ScreeningItem, Answer>,
  );
  const [temperature, setTemperature] = useState<number | ''>(prior?.temperature ?? '');
  const [otherText, setOtherText] = useState(prior?.otherText ?? '');
  const [newborn, setNewborn] = useState({
    gestationalWeeks: (prior?.newborn?.gestationalWeeks ?? '') as number | '',
    birthWeightGrams: (prior?.newborn?.birthWeightGrams ?? '') as number | '',
    motherHbsag: prior?.newborn?.motherHbsag ?? null,
    motherHivNoPmtct: prior?.newborn?.motherHivNoPmtct ?? false,
  });
  const [overriding, setOverriding] = useState(false);
  const [overrideOutcome, setOverrideOutcome] = useState<ScreeningOutcome | null>(null);
  const [overrideReason, setOverrideReason] = useState('');
  const [returnDate, setReturnDate] = useState(addDays(date, POSTPONE_DAYS));
  const [referTo, setReferTo] = useState('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState<ScreeningOutcome | null>(null);

  const showNewborn = isNewborn(entry, date);
  const tempValue = typeof temperature === 'number' ? temperature : null;
  const tempOutOfRange = tempValue !== null && (tempValue < TEMPERATURE_RANGE.min || tempValue > TEMPERATURE_RANGE.max);
  const feverByTemp = tempValue !== null && !tempOutOfRange && isFeverOrHypothermia(tempValue);
  const due = useMemo(() => dueForScreening(entry), [entry]);
  const derived = screeningOutcome({
    answers: Object.fromEntries(SCREENING_ITEMS.map((k) => [k, answers[k] === 'yes'])),
    temperature: tempOutOfRange ? null : tempValue,
    newborn: showNewborn
      ? { gestationalWeeks: newborn.gestationalWeeks === '' ? null : newborn.gestationalWeeks, birthWeightGrams: newborn.birthWeightGrams === '' ? null : newborn.birthWeightGrams, motherHbsag: newborn.motherHbsag, motherHivNoPmtct: newborn.motherHivNoPmtct }
      : null,
    due,
  });
  const outcome = overriding && overrideOutcome ? overrideOutcome : derived.outcome;
  const unanswered = SCREENING_ITEMS.filter((k) => answers[k] === null && !(k === 'fever-or-hypothermia' && feverByTemp));
  const seriesName = (key: string) => entry.dueToday.find((d) => d.seriesKey === key)?.seriesName ?? key;

  const submit = () => {
    const e: Record<string, string> = {};
    if (tempValue === null || tempOutOfRange) e.temperature = t('v.immTemperature');
    if (unanswered.length > 0) e.answers = t('immui.screen.unanswered', { count: unanswered.length });
    if (answers.other === 'yes' && !otherText.trim()) e.otherText = t('immui.screen.otherRequired');
    if (overriding && (!overrideOutcome || overrideOutcome === derived.outcome)) e.override = t('v.immOverrideSame');
    if (overriding && overrideReason.trim().length < 5) e.overrideReason = t('v.immReason');
    setErrors(e);
    if (Object.keys(e).length > 0) return;
    screen.mutate(
      {
        attendanceId: entry.attendanceId,
        answers: Object.fromEntries(SCREENING_ITEMS.map((k) => [k, answers[k] === 'yes' || (k === 'fever-or-hypothermia' && feverByTemp)])),
        otherText: answers.other === 'yes' ? otherText : undefined,
        temperature: tempValue!,
        newborn: showNewborn
          ? {
              gestationalWeeks: newborn.gestationalWeeks === '' ? null : newborn.gestationalWeeks,
              birthWeightGrams: newborn.birthWeightGrams === '' ? null : newborn.birthWeightGrams,
              motherHbsag: newborn.motherHbsag,
              motherHivNoPmtct: newborn.motherHivNoPmtct,
            }
          : undefined,
        override: overriding && overrideOutcome ? { outcome: overrideOutcome, reason: overrideReason } : undefined,
        returnDate: outcome === 'postpone' ? returnDate : undefined,
        referTo: outcome === 'refer' ? referTo : undefined,
        note: note || undefined,
      },
      {
        onSuccess: (r) => {
          reportSuccess(t('immui.screen.saved', { name: entry.person.fullName, outcome: t(`imm.outcome.${r.screening.outcome}` as MessageKey) }));
          if (r.screening.outcome === 'vaccinate' && onVaccinate) setDone('vaccinate');
          else onClose();
        },
        onError: (err) => {
          const fields = Object.fromEntries(err.fields.map((f) => [f.path === 'override.reason' ? 'overrideReason' : (f.path.split('.')[0] ?? ''), f.message]));
          setErrors(fields);
          if (err.code !== 'VALIDATION_FAILED' || err.fields.length === 0) reportApiError(err);
        },
      },
    );
  };

  const setAll = (value: Answer) => setAnswers(Object.fromEntries(SCREENING_ITEMS.map((k) => [k, value])) as Record<ScreeningItem, Answer>);

  return (
    <Modal opened onClose={onClose} title={t('immui.screen.title')} size="70rem" data-testid="imm-screening">
      {done === 'vaccinate' ? (
        <Stack align="center" data-testid="imm-screening-done">
          <Alert color="teal" w="100%">
            {t('immui.screen.readyToVaccinate', { name: entry.person.fullName })}
          </Alert>
          <Group>
            <Button variant="default" onClick={onClose}>
              {t('common.close')}
            </Button>
            <Button onClick={onVaccinate} data-testid="imm-screening-vaccinate" autoFocus>
              {t('immui.vaccinate.button')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <Stack gap="sm">
          <EntryLine entry={entry} date={date} />
          <Group align="flex-end">
            <NumberInput
              label={t('immui.screen.temperature')}
              leftSection={<IconThermometer size={16} />}
              suffix=" °C"
              decimalScale={1}
              decimalSeparator=","
              step={0.1}
              w={170}
              value={temperature}
              onChange={(v) => setTemperature(typeof v === 'number' ? v : '')}
              error={errors.temperature ?? (tempOutOfRange ? t('v.immTemperature') : undefined)}
              withAsterisk
              data-autofocus
              data-testid="imm-screen-temperature"
            />
            <Button variant="light" size="sm" onClick={() => setAll('no')} data-testid="imm-screen-all-no">
              {t('immui.screen.allNo')}
            </Button>
          </Group>
          {errors.answers && (
            <Text c="red" size="sm" data-testid="imm-screen-unanswered">
              {errors.answers}
            </Text>
          )}
          <Paper withBorder p={0}>
            {SCREENING_ITEMS.map((item, i) => {
              const auto = item === 'fever-or-hypothermia' && feverByTemp;
              const value = auto ? 'yes' : answers[item];
              return (
                <Group
                  key={item}
                  justify="space-between"
                  wrap="nowrap"
                  px="sm"
                  py={4}
                  style={{ borderTop: i ? '1px solid var(--mantine-color-gray-2)' : undefined, background: value === 'yes' ? 'var(--mantine-color-orange-0)' : undefined }}
                  data-testid="imm-screen-item"
                  data-item={item}
                >
                  <Text size="sm">
                    {i < 12 ? `${i + 1}. ` : '• '}
                    {t(`imm.screen.item.${item}` as MessageKey)}
                    {auto && (
                      <Text span size="xs" c="orange.8">
                        {' '}
                        ({t('immui.screen.byTemperature')})
                      </Text>
                    )}
                  </Text>
                  <SegmentedControl
                    size="xs"
                    value={value ?? ''}
                    disabled={auto}
                    color={value === 'yes' ? 'orange' : 'teal'}
                    onChange={(v) => setAnswers((a) => ({ ...a, [item]: v as Answer }))}
                    data={[
                      { value: 'yes', label: t('immui.yes') },
                      { value: 'no', label: t('immui.no') },
                    ]}
                    data-testid={`imm-screen-${item}`}
                  />
                </Group>
              );
            })}
          </Paper>
          {answers.other === 'yes' && (
            <TextInput label={t('immui.screen.otherText')} value={otherText} onChange={(e) => setOtherText(e.currentTarget.value)} error={errors.otherText} data-testid="imm-screen-other-text" />
          )}
          {showNewborn && (
            <Paper withBorder p="sm" data-testid="imm-screen-newborn">
              <Text fw={600} size="sm" mb={4}>
                {t('immui.screen.newborn')}
              </Text>
              <SimpleGrid cols={4}>
                <NumberInput label={t('immui.screen.gestationalWeeks')} min={20} max={45} value={newborn.gestationalWeeks} onChange={(v) => setNewborn((n) => ({ ...n, gestationalWeeks: typeof v === 'number' ? v : '' }))} />
                <NumberInput label={t('immui.screen.birthWeight')} min={300} max={7000} suffix=" g" value={newborn.birthWeightGrams} onChange={(v) => setNewborn((n) => ({ ...n, birthWeightGrams: typeof v === 'number' ? v : '' }))} error={errors.newborn} />
                <Select
                  label={t('immui.screen.motherHbsag')}
                  clearable
                  value={newborn.motherHbsag}
                  onChange={(v) => setNewborn((n) => ({ ...n, motherHbsag: v as (typeof MOTHER_HBSAG)[number] | null }))}
                  data={MOTHER_HBSAG.map((v) => ({ value: v, label: t(`immui.hbsag.${v}` as MessageKey) }))}
                />
                <Checkbox mt={28} label={t('immui.screen.motherHiv')} checked={newborn.motherHivNoPmtct} onChange={(e) => setNewborn((n) => ({ ...n, motherHivNoPmtct: e.currentTarget.checked }))} />
              </SimpleGrid>
            </Paper>
          )}
          <Alert
            color={outcomeColor(derived.outcome)}
            variant={derived.outcome === 'vaccinate' ? 'light' : 'filled'}
            title={`${t('immui.screen.derived')}: ${t(`imm.outcome.${derived.outcome}` as MessageKey)}`}
            data-testid="imm-screen-derived"
            data-outcome={derived.outcome}
          >
            {derived.reasons.length > 0 && <Text size="sm">{derived.reasons.map((r) => t(`imm.screen.reason.${r}` as MessageKey, { temperature: String(tempValue ?? '').replace('.', ',') })).join('; ')}</Text>}
            {derived.excluded.length > 0 && (
              <Text size="sm" data-testid="imm-screen-excluded">
                {t('immui.screen.excluded')}: {derived.excluded.map((x) => `${seriesName(x.seriesKey)} (${t(`imm.screen.reason.${x.reason}` as MessageKey)})`).join('; ')}
              </Text>
            )}
            {unanswered.length > 0 && (
              <Text size="xs" mt={2}>
                {t('immui.screen.unanswered', { count: unanswered.length })}
              </Text>
            )}
          </Alert>
          <Checkbox label={t('immui.screen.override')} checked={overriding} onChange={(e) => setOverriding(e.currentTarget.checked)} data-testid="imm-screen-override" />
          {overriding && (
            <Group align="flex-start" grow>
              <Select
                label={t('immui.screen.overrideOutcome')}
                value={overrideOutcome}
                onChange={(v) => setOverrideOutcome(v as ScreeningOutcome | null)}
                data={SCREENING_OUTCOMES.filter((o) => o !== derived.outcome).map((o) => ({ value: o, label: t(`imm.outcome.${o}` as MessageKey) }))}
                error={errors.override}
                data-testid="imm-screen-override-outcome"
              />
              <Textarea label={t('immui.screen.overrideReason')} withAsterisk autosize minRows={2} value={overrideReason} onChange={(e) => setOverrideReason(e.currentTarget.value)} error={errors.overrideReason} data-testid="imm-screen-override-reason" />
            </Group>
          )}
          {outcome === 'postpone' && (
            <DateField label={t('immui.screen.returnDate')} value={returnDate} onChange={setReturnDate} testId="imm-screen-return-date" w={200} />
          )}
          {errors.returnDate && (
            <Text c="red" size="xs">
              {errors.returnDate}
            </Text>
          )}
          {outcome === 'refer' && <TextInput label={t('immui.screen.referTo')} value={referTo} onChange={(e) => setReferTo(e.currentTarget.value)} data-testid="imm-screen-refer-to" />}
          <TextInput label={t('immui.screen.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
          <Divider />
          <Group justify="space-between">
            <Text size="sm">
              {t('immui.screen.conclusion')}:{' '}
              <Text span fw={700} c={outcomeColor(outcome)} data-testid="imm-screen-outcome">
                {t(`imm.outcome.${outcome}` as MessageKey)}
              </Text>
            </Text>
            <Group>
              <Button variant="default" onClick={onClose}>
                {t('common.cancel')}
              </Button>
              <Button color={outcomeColor(outcome)} loading={screen.isPending} onClick={submit} data-testid="imm-screen-save">
                {t('immui.screen.save')}
              </Button>
            </Group>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
