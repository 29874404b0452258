import { ActionIcon, Button, Group, Stack, Text, TextInput, Textarea, Title, Tooltip } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useI18n } from '../../i18n/I18nProvider.js';
import { IcdPicker } from '../catalog/IcdPicker.js';
import type { ReferralFormValues } from './referralFormModel.js';

type Form = UseFormReturnType<ReferralFormValues>;

/** ICD-10 codes of the referral: prefilled from the visit; one main, others secondary. */
export function ReferralDiagnoses({ form }: { form: Form }) {
  const { t } = useI18n();
  const [adder, setAdder] = useState(0);
  const list = form.values.diagnoses;
  const set = (next: ReferralFormValues['diagnoses']) => form.setFieldValue('diagnoses', next);
  return (
    <Stack gap={4} data-testid="referral-diagnoses">
      <Text size="sm" fw={500}>
        {t('referrals.diagnoses')}
      </Text>
      {list.map((d) => (
        <Group key={d.icdCode} gap="xs" wrap="nowrap">
          <Text size="sm" ff="monospace" fw={600} miw={56}>
            {d.icdCode}
          </Text>
          <Text size="sm" fw={d.isMain ? 600 : 400} style={{ flex: 1 }}>
            {d.icdName}
          </Text>
          {!d.isMain && (
            <Tooltip label={t('visits.makeMain')}>
              <ActionIcon variant="subtle" aria-label={t('visits.makeMain')} onClick={() => set(list.map((x) => ({ ...x, isMain: x.icdCode === d.icdCode })))}>
                <IconArrowUp size={16} />
              </ActionIcon>
            </Tooltip>
          )}
          <ActionIcon variant="subtle" color="red" aria-label={`${t('visits.remove')} ${d.icdCode}`} onClick={() => {
            const rest = list.filter((x) => x.icdCode !== d.icdCode);
            set(d.isMain ? rest.map((x, i) => ({ ...x, isMain: i === 0 })) : rest);
          }}>
            <IconTrash size={16} />
          </ActionIcon>
        </Group>
      ))}
      <IcdPicker
        key={adder}
        label={t('visits.diagnosisSecondary')}
        value={null}
        onChange={(v) => {
          if (!v) return;
          setAdder((k) => k + 1);
          if (list.some((x) => x.icdCode === v.code)) return;
          set([...list, { icdCode: v.code, icdName: v.name, isMain: list.length === 0 }]);
        }}
      />
    </Stack>
  );
}

/** Procedures with their start and end times (station time, datetime-local inputs). */
export function ReferralProcedures({ form }: { form: Form }) {
  const { t } = useI18n();
  const rows = form.values.procedures;
  return (
    <Stack gap={4} data-testid="referral-procedures">
      <Text size="sm" fw={500}>
        {t('referrals.procedures')}
      </Text>
      {rows.map((_, i) => (
        <Group key={i} gap="xs" align="flex-end" wrap="nowrap">
          <TextInput label={t('referrals.procedure.name')} style={{ flex: 1 }} data-testid={`procedure-name-${i}`} {...form.getInputProps(`procedures.${i}.name`)} />
          <TextInput type="datetime-local" label={t('referrals.procedure.start')} w={200} data-testid={`procedure-start-${i}`} {...form.getInputProps(`procedures.${i}.startAt`)} />
          <TextInput type="datetime-local" label={t('referrals.procedure.end')} w={200} data-testid={`procedure-end-${i}`} {...form.getInputProps(`procedures.${i}.endAt`)} />
          <ActionIcon variant="subtle" color="red" mb={6} aria-label={t('visits.remove')} onClick={() => form.removeListItem('procedures', i)}>
            <IconTrash size={16} />
          </ActionIcon>
        </Group>
      ))}
      <Group>
        <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => form.insertListItem('procedures', { name: '', startAt: '', endAt: '' })} data-testid="procedure-add">
          {t('referrals.procedure.add')}
        </Button>
      </Group>
    </Stack>
  );
}

/** "Đã được khám bệnh, điều trị: Tại … (Cấp …) từ ngày … đến ngày …" — two lines as on the form. */
export function ReferralPriorCare({ form }: { form: Form }) {
  const { t } = useI18n();
  const rows = form.values.priorCare;
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        {t('referrals.priorCare')}
      </Text>
      {rows.map((_, i) => (
        <Group key={i} gap="xs" wrap="nowrap" align="flex-end">
          <TextInput label={t('referrals.priorCare.place')} style={{ flex: 1 }} {...form.getInputProps(`priorCare.${i}.place`)} />
          <TextInput label={t('referrals.priorCare.level')} w={110} {...form.getInputProps(`priorCare.${i}.level`)} />
          <TextInput type="date" label={t('referrals.priorCare.from')} w={160} {...form.getInputProps(`priorCare.${i}.from`)} />
          <TextInput type="date" label={t('referrals.priorCare.to')} w={160} {...form.getInputProps(`priorCare.${i}.to`)} />
          <ActionIcon variant="subtle" color="red" mb={6} aria-label={t('visits.remove')} onClick={() => form.removeListItem('priorCare', i)}>
            <IconTrash size={16} />
          </ActionIcon>
        </Group>
      ))}
      {rows.length < 2 && (
        <Group>
          <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => form.insertListItem('priorCare', { place: '', level: '', from: '', to: '' })}>
            {t('referrals.priorCare')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

/** The case summary (TÓM TẮT BỆNH ÁN). */
export function ReferralSummaryFields({ form }: { form: Form }) {
  const { t } = useI18n();
  const area = (key: keyof ReferralFormValues, label: string) => <Textarea label={label} autosize minRows={2} data-testid={`referral-${key}`} {...form.getInputProps(key)} />;
  return (
    <Stack gap="xs">
      <Title order={5}>{t('referrals.section.summary')}</Title>
      {area('clinicalSigns', t('referrals.clinicalSigns'))}
      {area('diseaseCourse', t('referrals.diseaseCourse'))}
      {area('mainResults', t('referrals.mainResults'))}
      <TextInput label={t('referrals.diagnosisText')} data-testid="referral-diagnosisText" {...form.getInputProps('diagnosisText')} />
      <ReferralDiagnoses form={form} />
      <ReferralProcedures form={form} />
      {area('treatment', t('referrals.treatment'))}
      {area('medicines', t('referrals.medicines'))}
      {area('stateAtTransfer', t('referrals.stateAtTransfer'))}
    </Stack>
  );
}
