import { Alert, Button, Checkbox, Group, Modal, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { IconAlertOctagon, IconPrinter } from '@tabler/icons-react';
import { useState } from 'react';
import type { Aefi, BoardEntry } from '../../../shared/contract/immunization.js';
import type { MessageKey } from '../../../shared/i18n/index.js';
import { AEFI_ACTIONS, AEFI_COMMON_SIGNS, AEFI_OUTCOMES, AEFI_SERIOUS_SIGNS } from '../../../shared/immunization/checklists.js';
import { api } from '../../api/client.js';
import { useApiMutation } from '../../api/hooks.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { PdfPreview } from '../referrals/PdfPreview.js';
import { timeVi, pdfSource } from './ui.js';

type Sign = (typeof AEFI_SERIOUS_SIGNS)[number] | (typeof AEFI_COMMON_SIGNS)[number];
type Action = (typeof AEFI_ACTIONS)[number];
type Outcome = (typeof AEFI_OUTCOMES)[number];
const SERIOUS = new Set<string>(AEFI_SERIOUS_SIGNS);
const ANAPHYLAXIS_SIGNS = new Set<string>(['anaphylactic-shock', 'anaphylaxis-like', 'breathing-difficulty']);

/**
 * Phản ứng sau tiêm: common reaction or serious event (tai biến nặng, TT 12/2014 Điều 2) with the defined signs;
 * any serious sign makes the event serious. Anaphylaxis grade, onset, actions, outcome. A serious event ends on a
 * red alert with its report to print for the level above.
 */
export function AefiModal({ entry, date, now, onClose }: { entry: BoardEntry; date: string; now: number; onClose: () => void }) {
  const { t } = useI18n();
  const record = useApiMutation('imm.recordAefi');
  const [severity, setSeverity] = useState<'common' | 'serious'>('common');
  const [signs, setSigns] = useState<Sign[]>([]);
  const [grade, setGrade] = useState<string | null>(null);
  const [onset, setOnset] = useState(() => timeVi(new Date(now).toISOString()));
  const [actions, setActions] = useState<Action[]>([]);
  const [actionsText, setActionsText] = useState('');
  const [outcome, setOutcome] = useState<Outcome>('recovering');
  const [referredTo, setReferredTo] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<{ aefi: Aefi; warnings: string[] } | null>(null);
  const [report, setReport] = useState(false);
  const seriousBySign = signs.some((s) => SERIOUS.has(s));
  const effective = seriousBySign ? 'serious' : severity;
  const showGrade = signs.some((s) => ANAPHYLAXIS_SIGNS.has(s));

  const submit = () => {
    setError(null);
    const m = /^(\d{1,2})[:h.](\d{2})$/.exec(onset.trim());
    if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) return setError(t('immui.vaccinate.badTime'));
    if (signs.length === 0) return setError(t('v.immAefiSigns'));
    const onsetAt = new Date(`${date}T${m[1]!.padStart(2, '0')}:${m[2]}:00+07:00`).toISOString();
    record.mutate(
      {
        personId: entry.person.id,
        attendanceId: entry.attendanceId,
        doseIds: entry.given.map((d) => d.id),
        onsetAt,
        severity: effective,
        signs,
        anaphylaxisGrade: showGrade && grade ? Number(grade) : null,
        actions,
        actionsText: actionsText || undefined,
        outcome,
        referredTo: referredTo || undefined,
        note: note || undefined,
      },
      {
        onSuccess: (r) => setSaved({ aefi: r.aefi, warnings: r.warnings.map((w) => w.message) }),
        onError: (e) => setError([e.message, ...e.fields.map((f) => f.message)].filter((x, i, all) => all.indexOf(x) === i).join(' · ')),
      },
    );
  };

  if (saved) {
    const serious = saved.aefi.severity === 'serious';
    return (
      <Modal opened onClose={onClose} title={t('immui.aefi.title', { name: entry.person.fullName })} size="lg" data-testid="imm-aefi">
        <Stack>
          <Alert
            color={serious ? 'red' : 'orange'}
            variant={serious ? 'filled' : 'light'}
            icon={<IconAlertOctagon />}
            title={serious ? t('immui.aefi.seriousSaved') : t('immui.aefi.commonSaved')}
            data-testid="imm-aefi-saved"
            data-severity={saved.aefi.severity}
          >
            {serious ? t('immui.aefi.seriousSteps') : t('immui.aefi.commonSteps')}
            {saved.warnings.map((w) => (
              <Text key={w} size="sm" fw={600}>
                {w}
              </Text>
            ))}
          </Alert>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.close')}
            </Button>
            <Button color={serious ? 'red' : 'orange'} leftSection={<IconPrinter size={16} />} onClick={() => setReport(true)} data-testid="imm-aefi-report">
              {t('immui.aefi.report')}
            </Button>
          </Group>
        </Stack>
        <PdfPreview opened={report} onClose={() => setReport(false)} load={() => api.call('imm.aefiReportPdf', { id: saved.aefi.id }).then(pdfSource)} />
      </Modal>
    );
  }

  const signBox = (s: Sign) => (
    <Checkbox
      key={s}
      value={s}
      label={t(`imm.aefi.sign.${s}` as MessageKey)}
      color={SERIOUS.has(s) ? 'red' : 'orange'}
      data-testid={`imm-aefi-sign-${s}`}
    />
  );
  return (
    <Modal opened onClose={onClose} title={t('immui.aefi.title', { name: entry.person.fullName })} size="60rem" data-testid="imm-aefi">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('immui.aefi.doses')}: {entry.given.map((d) => `${d.label ?? d.vaccineCode} (${t('immui.lot.short')} ${d.lotNumber ?? '—'}, ${timeVi(d.givenAt)})`).join('; ')}
        </Text>
        <SegmentedControl
          value={effective}
          onChange={(v) => setSeverity(v as 'common' | 'serious')}
          color={effective === 'serious' ? 'red' : 'orange'}
          data={[
            { value: 'common', label: t('imm.aefi.severity.common'), disabled: seriousBySign },
            { value: 'serious', label: t('imm.aefi.severity.serious') },
          ]}
          data-testid="imm-aefi-severity"
        />
        {seriousBySign && (
          <Alert color="red" py={6} data-testid="imm-aefi-serious-hint">
            {t('imm.warn.aefiSeriousUpgraded')}
          </Alert>
        )}
        <Checkbox.Group value={signs} onChange={(v) => setSigns(v as Sign[])}>
          <SimpleGrid cols={2} spacing="xs">
            <Stack gap={4}>
              <Text fw={600} size="sm" c="red.8">
                {t('immui.aefi.seriousSigns')}
              </Text>
              {AEFI_SERIOUS_SIGNS.map(signBox)}
            </Stack>
            <Stack gap={4}>
              <Text fw={600} size="sm" c="orange.8">
                {t('immui.aefi.commonSigns')}
              </Text>
              {AEFI_COMMON_SIGNS.map(signBox)}
            </Stack>
          </SimpleGrid>
        </Checkbox.Group>
        <Group align="flex-end">
          <TextInput label={t('immui.aefi.onset')} w={130} value={onset} onChange={(e) => setOnset(e.currentTarget.value)} placeholder="hh:mm" data-testid="imm-aefi-onset" />
          {showGrade && (
            <Select
              label={t('immui.aefi.grade')}
              w={200}
              value={grade}
              onChange={setGrade}
              clearable
              data={['1', '2', '3', '4'].map((g) => ({ value: g, label: t('immui.aefi.gradeN', { grade: ['I', 'II', 'III', 'IV'][Number(g) - 1]! }) }))}
              data-testid="imm-aefi-grade"
            />
          )}
          <Select
            label={t('immui.aefi.outcome')}
            w={200}
            value={outcome}
            allowDeselect={false}
            onChange={(v) => v && setOutcome(v as Outcome)}
            data={AEFI_OUTCOMES.map((o) => ({ value: o, label: t(`imm.aefi.outcome.${o}` as MessageKey) }))}
            data-testid="imm-aefi-outcome"
          />
        </Group>
        <Checkbox.Group label={t('immui.aefi.actions')} value={actions} onChange={(v) => setActions(v as Action[])}>
          <Group gap="md" mt={4}>
            {AEFI_ACTIONS.map((a) => (
              <Checkbox key={a} value={a} label={t(`imm.aefi.action.${a}` as MessageKey)} data-testid={`imm-aefi-action-${a}`} />
            ))}
          </Group>
        </Checkbox.Group>
        <Textarea label={t('immui.aefi.actionsText')} autosize minRows={2} value={actionsText} onChange={(e) => setActionsText(e.currentTarget.value)} data-testid="imm-aefi-actions-text" />
        {(outcome === 'referred' || actions.includes('referred')) && (
          <TextInput label={t('immui.aefi.referredTo')} value={referredTo} onChange={(e) => setReferredTo(e.currentTarget.value)} data-testid="imm-aefi-referred-to" />
        )}
        <TextInput label={t('immui.screen.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
        {error && (
          <Alert color="red" data-testid="imm-aefi-error">
            {error}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button color={effective === 'serious' ? 'red' : 'orange'} loading={record.isPending} onClick={submit} data-testid="imm-aefi-save">
            {t('immui.aefi.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
