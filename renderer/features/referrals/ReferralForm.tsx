import { Alert, Button, Checkbox, Group, Loader, Modal, Radio, Select, SimpleGrid, Stack, TextInput, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect, type ReactNode } from 'react';
import type { MessageKey } from '../../../shared/i18n/index.js';
import type { Referral } from '../../../shared/contract/referrals.js';
import { REFERRAL_FORM_VERSIONS, REFERRAL_REASONS } from '../../../shared/referrals/snapshot.js';
import { useApiMutation, useApiQuery } from '../../api/hooks.js';
import { reportApiError, reportSuccess } from '../../app/feedback.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { ReferralPriorCare, ReferralSummaryFields } from './ReferralFormSections.js';
import { fieldsInputOf, formValuesOf, type ReferralFormValues } from './referralFormModel.js';

/**
 * The referral form (phiếu chuyển cơ sở KBCB): new from a visit (prefilled with its signs, diagnoses, treatment
 * and medicines) or from a person, or editing an existing referral (an issued one is saved as a new version).
 */
export function ReferralForm({
  opened,
  onClose,
  onSaved,
  visitId,
  personId,
  referral,
}: {
  opened: boolean;
  onClose: () => void;
  onSaved?: (referral: Referral) => void;
  visitId?: string;
  personId?: string;
  referral?: Referral;
}) {
  const { t } = useI18n();
  const prefill = useApiQuery('referrals.prefill', { visitId, personId: visitId ? undefined : personId }, { enabled: opened && !referral && Boolean(visitId || personId), staleTime: 0, gcTime: 0 });
  const facilities = useApiQuery('referrals.facilities', {}, { enabled: opened });
  const create = useApiMutation('referrals.create');
  const update = useApiMutation('referrals.update');
  const form = useForm<ReferralFormValues>({ initialValues: formValuesOf({}) });
  const issued = Boolean(referral && referral.status !== 'draft');

  useEffect(() => {
    if (!opened) return;
    if (referral) form.setValues(formValuesOf(referral.fields));
    else if (prefill.data) form.setValues(formValuesOf(prefill.data.fields));
    form.resetDirty();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [opened, referral, prefill.data]);

  // Contract paths are `referral.<field>`; the form's fields are top-level.
  const errorsTo = { setFieldError: (path: string, message: ReactNode) => form.setFieldError(path.replace(/^referral\./, ''), message) };
  const submit = (v: ReferralFormValues) => {
    const fields = fieldsInputOf(v);
    const done = (r: { referral: Referral }) => {
      reportSuccess(t('referrals.saved'));
      onSaved?.(r.referral);
      onClose();
    };
    if (referral) update.mutate({ id: referral.id, referral: fields, note: v.note }, { onSuccess: done, onError: (e) => reportApiError(e, errorsTo) });
    else {
      const pid = prefill.data?.personId ?? personId;
      if (!pid) return;
      create.mutate({ personId: pid, visitId: prefill.data?.visitId ?? visitId, referral: fields }, { onSuccess: done, onError: (e) => reportApiError(e, errorsTo) });
    }
  };

  const title = referral ? (referral.number ? t('referrals.edit', { number: referral.number }) : t('referrals.editDraft')) : t('referrals.newFor', { name: prefill.data?.personName ?? '' });
  const loading = !referral && prefill.isLoading;
  const text = (key: keyof ReferralFormValues, label: string) => <TextInput label={label} data-testid={`referral-${key}`} {...form.getInputProps(key)} />;

  return (
    <Modal opened={opened} onClose={onClose} title={title} size="xl" closeOnClickOutside={false}>
      {loading && <Loader />}
      {prefill.error && <Alert color="red">{prefill.error.message}</Alert>}
      {!loading && (
        <form onSubmit={form.onSubmit(submit)} data-testid="referral-form">
          <Stack gap="sm">
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Select
                label={t('referrals.destination')}
                withAsterisk
                searchable
                data={(facilities.data?.facilities ?? []).map((f) => ({ value: f.id, label: `${f.name} (${f.code})` }))}
                data-testid="referral-destination"
                {...form.getInputProps('destinationId')}
              />
              <Select
                label={t('referrals.form.version')}
                allowDeselect={false}
                data={REFERRAL_FORM_VERSIONS.map((v) => ({ value: v, label: t(`referrals.form.${v}` as MessageKey) }))}
                data-testid="referral-formVersion"
                {...form.getInputProps('formVersion')}
              />
            </SimpleGrid>
            <Radio.Group label={t('referrals.reason')} withAsterisk {...form.getInputProps('reason')} data-testid="referral-reason">
              <Stack gap={4} mt={4}>
                {REFERRAL_REASONS.map((r) => (
                  <Radio key={r} value={r} label={t(`referrals.reason.${r}` as MessageKey)} data-testid={`referral-reason-${r}`} />
                ))}
              </Stack>
            </Radio.Group>
            <Title order={5}>{t('referrals.section.patient')}</Title>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              {text('workplace', t('referrals.workplace'))}
              {text('recordNumber', t('referrals.recordNumber'))}
            </SimpleGrid>
            <ReferralPriorCare form={form} />
            <ReferralSummaryFields form={form} />
            <Title order={5}>{t('referrals.section.transfer')}</Title>
            <Textarea label={t('referrals.treatmentDirection')} autosize minRows={2} data-testid="referral-treatmentDirection" {...form.getInputProps('treatmentDirection')} />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput type="datetime-local" label={t('referrals.transferAt')} data-testid="referral-transferAt" {...form.getInputProps('transferAt')} />
              {text('transport', t('referrals.transport'))}
              {text('escortName', t('referrals.escortName'))}
              {text('escortTitle', t('referrals.escortTitle'))}
            </SimpleGrid>
            <Checkbox label={t('referrals.validOneYear')} data-testid="referral-validOneYear" {...form.getInputProps('validOneYear', { type: 'checkbox' })} />
            <Title order={5}>{t('referrals.section.signature')}</Title>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              {text('physicianName', t('referrals.physicianName'))}
              {text('physicianTitle', t('referrals.physicianTitle'))}
              {text('physicianLicense', t('referrals.physicianLicense'))}
            </SimpleGrid>
            {issued && text('note', t('referrals.versionNote'))}
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={create.isPending || update.isPending} data-testid="referral-save">
                {issued ? t('referrals.saveVersion') : t('referrals.saveDraft')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
