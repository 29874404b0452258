import { ActionIcon, Alert, Group, Stack, Text, Title, Tooltip } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconArrowUp, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useI18n } from '../../i18n/I18nProvider.js';
import { IcdPicker } from '../catalog/IcdPicker.js';
import type { DiagnosisValue, VisitFormValues } from './visitForm.js';

/**
 * ICD-10 diagnoses: one main (its own picker), any number of secondary ones (added with a picker that empties
 * after each choice). Exactly one main is kept by construction; the rule is still checked on both ends.
 */
export function DiagnosesField({ form, disabled }: { form: UseFormReturnType<VisitFormValues>; disabled: boolean }) {
  const { t } = useI18n();
  const [adderKey, setAdderKey] = useState(0);
  const diagnoses = form.values.diagnoses;
  const main = diagnoses.find((d) => d.isMain) ?? null;
  const secondary = diagnoses.filter((d) => !d.isMain);
  const set = (next: DiagnosisValue[]) => {
    form.setFieldValue('diagnoses', next);
    form.clearFieldError('diagnoses');
  };
  const setMain = (value: { code: string; name: string } | null) => {
    const rest = secondary.filter((d) => d.icdCode !== value?.code);
    set(value ? [{ icdCode: value.code, icdName: value.name, isMain: true }, ...rest] : rest.map((d, i) => ({ ...d, isMain: i === 0 })));
  };
  const addSecondary = (value: { code: string; name: string } | null) => {
    if (!value) return;
    setAdderKey((k) => k + 1);
    if (diagnoses.some((d) => d.icdCode === value.code)) return;
    const entry = { icdCode: value.code, icdName: value.name, isMain: !main };
    set([...diagnoses, entry]);
  };
  const promote = (code: string) => set(diagnoses.map((d) => ({ ...d, isMain: d.icdCode === code })));
  const remove = (code: string) => set(diagnoses.filter((d) => d.icdCode !== code));

  return (
    <Stack gap="xs" data-testid="diagnoses">
      <Title order={4}>{t('visits.diagnoses')}</Title>
      <IcdPicker
        label={t('visits.diagnosisMain')}
        value={main ? { code: main.icdCode, name: main.icdName } : null}
        onChange={setMain}
        disabled={disabled}
        data-testid="diagnosis-main"
      />
      {secondary.length > 0 && (
        <Stack gap={4}>
          {secondary.map((d) => (
            <Group key={d.icdCode} gap="xs" wrap="nowrap" data-testid="diagnosis-secondary">
              <Text size="sm" ff="monospace" fw={600} miw={56}>
                {d.icdCode}
              </Text>
              <Text size="sm" style={{ flex: 1 }}>
                {d.icdName}
              </Text>
              {!disabled && (
                <>
                  <Tooltip label={t('visits.makeMain')}>
                    <ActionIcon variant="subtle" aria-label={t('visits.makeMain')} onClick={() => promote(d.icdCode)}>
                      <IconArrowUp size={16} />
                    </ActionIcon>
                  </Tooltip>
                  <ActionIcon variant="subtle" color="red" aria-label={`${t('visits.remove')} ${d.icdCode}`} onClick={() => remove(d.icdCode)}>
                    <IconTrash size={16} />
                  </ActionIcon>
                </>
              )}
            </Group>
          ))}
        </Stack>
      )}
      {!disabled && (
        <IcdPicker key={adderKey} label={t('visits.diagnosisSecondary')} value={null} onChange={addSecondary} autoFocus={adderKey > 0} data-testid="diagnosis-add" />
      )}
      {form.errors.diagnoses && (
        <Alert color="red" p="xs">
          {form.errors.diagnoses}
        </Alert>
      )}
      {disabled && diagnoses.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('common.none')}
        </Text>
      )}
    </Stack>
  );
}
