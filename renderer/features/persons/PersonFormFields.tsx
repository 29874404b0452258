import { Alert, Checkbox, Divider, Select, SimpleGrid, Text, TextInput, Textarea } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import type { ReactNode } from 'react';
import type { MessageKey } from '../../../shared/i18n/index.js';
import { CCCD_PROVINCE_NAMES } from '../../../shared/identifiers/cccd.js';
import { ETHNICITIES } from '../../../shared/reference/ethnicities.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { cccdCheckOf, type PersonFormValues } from './personFormModel.js';

export type PersonFormApi = UseFormReturnType<PersonFormValues>;

const ETHNICITY_OPTIONS = ETHNICITIES.map((e) => ({ value: e.code, label: `${e.code} · ${e.name}` }));

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <>
      <Divider label={title} labelPosition="left" mt="xs" />
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm" verticalSpacing="xs">
        {children}
      </SimpleGrid>
    </>
  );
}

/**
 * Every section A field of the personal health record (QĐ 831), grouped as on the paper form.
 * `cccdConfirmed` / `onCccdConfirm`: the consistency warning is confirmed with a checkbox, it never blocks.
 */
export function PersonFormFields({ form, cccdConfirmed, onCccdConfirm, cccdConfirmError }: {
  form: PersonFormApi;
  cccdConfirmed: boolean;
  onCccdConfirm: (v: boolean) => void;
  cccdConfirmError?: boolean;
}) {
  const { t } = useI18n();
  const f = (path: keyof PersonFormValues) => ({ ...form.getInputProps(path), name: path });
  const err = (path: keyof PersonFormValues) => {
    const e = form.errors[path];
    return typeof e === 'string' ? t(e as MessageKey) : undefined;
  };
  const text = (path: keyof PersonFormValues, label: MessageKey, extra: Record<string, unknown> = {}) => (
    <TextInput label={t(label)} {...f(path)} error={err(path)} {...extra} />
  );
  const check = cccdCheckOf(form.values);
  const province = check?.provinceCode ? CCCD_PROVINCE_NAMES[`0${check.provinceCode}`] : undefined;

  return (
    <>
      <Section title={t('person.section.identity')}>
        {text('fullName', 'person.fullName', { withAsterisk: true, 'data-autofocus': true })}
        <Select
          label={t('person.sex')}
          withAsterisk
          data={[{ value: 'M', label: t('person.sex.M') }, { value: 'F', label: t('person.sex.F') }]}
          allowDeselect={false}
          {...f('sex')}
          error={err('sex')}
        />
        {text('birthDate', 'person.birthDate', { withAsterisk: true, placeholder: t('person.birthDate.placeholder'), title: t('person.birthDate.hint') })}
        <Select label={t('person.ethnicity')} data={ETHNICITY_OPTIONS} searchable allowDeselect={false} {...f('ethnicityCode')} error={err('ethnicityCode')} />
        {text('nationality', 'person.nationality')}
        {text('religion', 'person.religion')}
        {text('occupation', 'person.occupation')}
        <SimpleGrid cols={2} spacing="xs">
          <Select label={t('person.bloodAbo')} data={['A', 'B', 'AB', 'O']} clearable {...f('bloodAbo')} />
          <Select label={t('person.bloodRh')} data={['+', '-']} clearable {...f('bloodRh')} />
        </SimpleGrid>
        {text('birthProvince', 'person.birthProvince')}
      </Section>

      <Section title={t('person.section.cccd')}>
        {text('cccd', 'person.cccd', {
          inputMode: 'numeric',
          maxLength: 14,
          inputWrapperOrder: ['label', 'input', 'description', 'error'],
          'data-testid': 'field-cccd',
          description: check?.valid ? t('person.cccdDecoded', { province: province ?? '—', year: check.birthYear ?? '—', sex: check.sex === 'F' ? t('person.sex.F') : t('person.sex.M') }) : undefined,
        })}
        {text('cccdIssueDate', 'person.cccdIssueDate', { placeholder: 'dd/mm/yyyy' })}
        {text('cccdIssuePlace', 'person.cccdIssuePlace')}
      </Section>
      {check && check.valid && check.warnings.length > 0 && (
        <Alert color="yellow" title={t('person.cccdWarning.title')} data-testid="cccd-warning">
          {check.warnings.map((w) => (
            <Text size="sm" key={w}>
              {t(`cccd.warning.${w}` as MessageKey, { year: check.birthYear ?? '', sex: check.sex === 'F' ? t('person.sex.F') : t('person.sex.M') })}
            </Text>
          ))}
          <Checkbox
            mt="xs"
            label={t('person.cccdWarning.confirm')}
            checked={cccdConfirmed}
            onChange={(e) => onCccdConfirm(e.currentTarget.checked)}
            error={cccdConfirmError ? t('person.cccdWarning.required') : undefined}
            data-testid="cccd-confirm"
          />
        </Alert>
      )}

      <Section title={t('person.section.bhyt')}>
        {text('bhxhNumber', 'person.bhxhNumber', { inputMode: 'numeric', maxLength: 10 })}
        {text('bhytCardCode', 'person.bhytCardCode', { placeholder: 'GD4797912345678' })}
        <Select
          label={t('person.bhytBenefitLevel')}
          data={['1', '2', '3', '4', '5'].map((l) => ({ value: l, label: t(`bhyt.level.${l}` as MessageKey) }))}
          clearable
          {...f('bhytBenefitLevel')}
        />
        {text('bhytValidFrom', 'person.bhytValidFrom', { placeholder: 'dd/mm/yyyy' })}
        {text('bhytValidTo', 'person.bhytValidTo', { placeholder: 'dd/mm/yyyy' })}
        {text('bhytRegistrationFacility', 'person.bhytRegistrationFacility', { maxLength: 5, placeholder: '15123' })}
      </Section>

      <Section title={t('person.section.contact')}>
        {text('permanentAddress', 'person.permanentAddress')}
        {text('currentAddress', 'person.currentAddress')}
        {text('phone', 'person.phone', { inputMode: 'tel' })}
        {text('phone2', 'person.phone2', { inputMode: 'tel' })}
        {text('email', 'person.email', { type: 'email' })}
      </Section>

      <Section title={t('person.section.family')}>
        {text('motherName', 'person.motherName')}
        {text('fatherName', 'person.fatherName')}
        {text('carerName', 'person.carerName')}
        {text('carerRelation', 'person.carerRelation')}
        {text('carerPhone', 'person.carerPhone', { inputMode: 'tel' })}
      </Section>
      <Textarea label={t('person.note')} autosize minRows={1} {...f('note')} />
    </>
  );
}
