import { Button, Group, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconQrcode } from '@tabler/icons-react';
import { useEffect, useState, type ReactNode } from 'react';
import type { PersonFields, PersonSummary } from '../../../shared/contract/persons.js';
import { ApiCallError, api } from '../../api/client.js';
import { reportApiError, reportSuccess } from '../../app/feedback.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { CandidatesAlert, CccdOwnerAlert, ServerMismatchAlert, type Candidate } from './DuplicateAlerts.js';
import { PersonFormFields } from './PersonFormFields.js';
import { cccdCheckOf, emptyPersonValues, toPersonFields, validatePersonValues, valuesFromCard, type PersonFormValues } from './personFormModel.js';
import { ScanDialog } from './ScanDialog.js';
import { useCardWedge, type ScannedCard } from './useCardWedge.js';

export interface PersonSaveOptions {
  confirmCccdWarnings: boolean;
  confirmNotDuplicate: boolean;
}

export interface PersonFormProps {
  initial?: Partial<PersonFormValues>;
  /** Prefill from a scanned card when the form opens. */
  card?: ScannedCard | null;
  /** Editing an existing person: left out of the duplicate check. */
  excludeId?: string;
  /** The hamlet the person will live in (the duplicate check looks there first). */
  hamletId?: string;
  /** Fields the caller adds above the person's (household, relation…), and their own check. */
  before?: ReactNode;
  validateBefore?: () => boolean;
  submitLabel?: string;
  /** Saves; throws the API error (duplicates and CCCD problems are handled here). */
  onSave: (fields: PersonFields, options: PersonSaveOptions) => Promise<void>;
  onCancel: () => void;
}

/** The registration / correction form for a person (section A), with duplicate checks and card scanning. */
export function PersonForm({ initial, card, excludeId, hamletId, before, validateBefore, submitLabel, onSave, onCancel }: PersonFormProps) {
  const { t } = useI18n();
  const form = useForm<PersonFormValues>({ initialValues: { ...emptyPersonValues(), ...initial, ...(card ? valuesFromCard(card) : {}) } });
  const [cccdConfirmed, setCccdConfirmed] = useState(false);
  const [cccdConfirmError, setCccdConfirmError] = useState(false);
  const [serverMismatch, setServerMismatch] = useState<string | null>(null);
  const [owner, setOwner] = useState<PersonSummary | null>(null);
  const [candidates, setCandidates] = useState<Candidate[]>([]);
  const [busy, setBusy] = useState(false);
  const [scanOpen, setScanOpen] = useState(false);

  const applyCard = (c: ScannedCard, fieldName: string | null = null, previous = '') => {
    form.setValues({ ...form.values, ...(fieldName && fieldName in form.values ? { [fieldName]: previous } : {}), ...valuesFromCard(c) });
    form.clearErrors();
    reportSuccess(t(c.kind === 'cccd' ? 'scan.filledCccd' : 'scan.filledBhyt', { name: c.fullName }));
  };
  const wedge = useCardWedge(applyCard);

  // Whatever changes in name, birth date or CCCD makes the last duplicate answer stale.
  const { fullName, birthDate, cccd } = form.values;
  useEffect(() => {
    setOwner(null);
    setCandidates([]);
  }, [fullName, birthDate, cccd]);
  useEffect(() => setCccdConfirmError(false), [cccdConfirmed]);

  async function findDuplicates(fields: PersonFields) {
    const r = await api.call('persons.checkDuplicates', {
      fullName: fields.fullName,
      birthDate: fields.birthDate,
      ...(fields.cccd ? { cccd: fields.cccd } : {}),
      ...(hamletId ? { hamletId } : {}),
      ...(fields.motherName ? { motherName: fields.motherName } : {}),
      ...(fields.fatherName ? { fatherName: fields.fatherName } : {}),
      ...(excludeId ? { excludeId } : {}),
    });
    const o = r.cccdOwner && r.cccdOwner.id !== excludeId ? r.cccdOwner : null;
    return { owner: o, candidates: r.candidates.filter((c) => c.id !== excludeId) };
  }

  async function submit(confirmNotDuplicate: boolean) {
    const v = form.values;
    const errors = validatePersonValues(v);
    form.setErrors(errors);
    const beforeOk = validateBefore ? validateBefore() : true;
    if (Object.keys(errors).length > 0 || !beforeOk) return;
    const localWarnings = cccdCheckOf(v)?.warnings ?? [];
    if ((localWarnings.length > 0 || serverMismatch) && !cccdConfirmed) return setCccdConfirmError(true);
    const fields = toPersonFields(v);
    setBusy(true);
    try {
      const dups = await findDuplicates(fields);
      setOwner(dups.owner);
      setCandidates(dups.owner ? [] : dups.candidates);
      if (dups.owner || (dups.candidates.length > 0 && !confirmNotDuplicate)) return;
      await onSave(fields, { confirmCccdWarnings: cccdConfirmed, confirmNotDuplicate });
    } catch (e) {
      await explain(e, fields);
    } finally {
      setBusy(false);
    }
  }

  async function explain(e: unknown, fields: PersonFields) {
    if (!(e instanceof ApiCallError)) return reportApiError(e);
    if (e.code === 'PERSON_CCCD_DUPLICATE' || e.code === 'PERSON_POSSIBLE_DUPLICATE') {
      const dups = await findDuplicates(fields).catch(() => null);
      if (dups && (dups.owner || dups.candidates.length)) {
        setOwner(dups.owner);
        setCandidates(dups.owner ? [] : dups.candidates);
        return;
      }
    }
    if (e.code === 'PERSON_CCCD_MISMATCH') {
      setServerMismatch(e.message);
      setCccdConfirmError(true);
      return;
    }
    if (e.code === 'VALIDATION_FAILED') {
      for (const f of e.fields) form.setFieldError(f.path.replace(/^(person|head)\./, ''), f.message);
    }
    reportApiError(e);
  }

  const showServerMismatch = serverMismatch !== null && (cccdCheckOf(form.values)?.warnings.length ?? 0) === 0;
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void submit(false);
      }}
      {...wedge}
      data-testid="person-form"
    >
      <Stack gap="xs">
        <Group justify="space-between">
          <Text size="sm" c="dimmed">
            {t('person.form.hint')}
          </Text>
          <Button variant="light" size="xs" leftSection={<IconQrcode size={16} />} onClick={() => setScanOpen(true)} data-testid="form-scan">
            {t('scan.button')}
          </Button>
        </Group>
        {before}
        <PersonFormFields form={form} cccdConfirmed={cccdConfirmed} onCccdConfirm={setCccdConfirmed} cccdConfirmError={cccdConfirmError} />
        {serverMismatch !== null && showServerMismatch && <ServerMismatchAlert message={serverMismatch} confirmed={cccdConfirmed} onConfirm={setCccdConfirmed} />}
        {owner && <CccdOwnerAlert owner={owner} cccd={form.values.cccd.trim()} onOpen={onCancel} />}
        {candidates.length > 0 && <CandidatesAlert candidates={candidates} busy={busy} onOpen={onCancel} onConfirm={() => void submit(true)} />}
        <Group justify="flex-end" mt="xs">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={busy} data-testid="person-save">
            {submitLabel ?? t('common.save')}
          </Button>
        </Group>
      </Stack>
      <ScanDialog opened={scanOpen} onClose={() => setScanOpen(false)} onResult={(c) => applyCard(c)} />
    </form>
  );
}
