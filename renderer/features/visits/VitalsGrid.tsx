import { NumberInput, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { VITAL_KEYS, type Vitals } from '../../../shared/contract/visits.js';
import { bmi } from '../../../shared/visits/plausibility.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import type { VisitFormValues } from './visitForm.js';

/** Measures typed with a decimal point (temperature, weight, height, waist); the others are whole numbers. */
const DECIMALS: Partial<Record<keyof Vitals, number>> = { temperature: 1, weightKg: 2, heightCm: 1, waistCm: 1 };

/** Vital signs in a grid, BMI computed live from weight and height (never stored). */
export function VitalsGrid({ form, disabled }: { form: UseFormReturnType<VisitFormValues>; disabled: boolean }) {
  const { t } = useI18n();
  const { weightKg, heightCm } = form.values.vitals;
  const value = bmi(weightKg === '' ? null : weightKg, heightCm === '' ? null : heightCm);
  return (
    <Stack gap="xs">
      <Title order={4}>{t('visits.vitals')}</Title>
      <SimpleGrid cols={{ base: 2, sm: 5 }} spacing="sm">
        {VITAL_KEYS.map((key, i) => (
          <NumberInput
            key={key}
            label={t(`visits.vitals.${key}`)}
            autoFocus={i === 0 && !disabled}
            data-autofocus={i === 0 || undefined}
            disabled={disabled}
            hideControls
            allowNegative={false}
            allowDecimal={DECIMALS[key] !== undefined}
            decimalScale={DECIMALS[key]}
            data-testid={`vital-${key}`}
            {...form.getInputProps(`vitals.${key}`)}
          />
        ))}
        <Paper withBorder px="sm" py={6} bg="var(--mantine-color-gray-0)">
          <Text size="sm" fw={500}>
            {t('visits.bmi')}
          </Text>
          <Text size="lg" fw={700} data-testid="vital-bmi">
            {value === null ? '—' : value.toFixed(1)}
          </Text>
        </Paper>
      </SimpleGrid>
    </Stack>
  );
}
