import { ActionIcon, Group, NumberInput, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useI18n } from '../../i18n/I18nProvider.js';
import { MedicinePicker } from '../catalog/MedicinePicker.js';
import type { VisitFormValues } from './visitForm.js';

/**
 * The prescription: a medicine picker adds a line (name, strength and unit copied from the catalogue, so the
 * record survives later catalogue edits); each line has dose, quantity, days and instructions.
 */
export function PrescriptionField({ form, disabled }: { form: UseFormReturnType<VisitFormValues>; disabled: boolean }) {
  const { t } = useI18n();
  const [adderKey, setAdderKey] = useState(0);
  const items = form.values.prescription;
  const add = (m: { id: string; name: string; strength: string | null; unit: string } | null) => {
    if (!m) return;
    form.insertListItem('prescription', { medicineId: m.id, medicineName: m.name, strength: m.strength ?? '', unit: m.unit, dose: '', quantity: '', days: '', instructions: '' });
    setAdderKey((k) => k + 1);
    // Next: the new line's dose.
    const line = items.length;
    setTimeout(() => document.querySelector<HTMLInputElement>(`[data-testid="rx-dose-${line}"]`)?.focus(), 0);
  };
  const cell = (i: number, key: 'strength' | 'unit' | 'dose' | 'instructions', w?: number) => (
    <TextInput size="xs" w={w} disabled={disabled} aria-label={`${t(`visits.${key}`)} ${i + 1}`} data-testid={`rx-${key}-${i}`} {...form.getInputProps(`prescription.${i}.${key}`)} />
  );
  const count = (i: number, key: 'quantity' | 'days') => (
    <NumberInput
      size="xs"
      w={80}
      hideControls
      allowNegative={false}
      allowDecimal={key === 'quantity'}
      disabled={disabled}
      aria-label={`${t(`visits.${key}`)} ${i + 1}`}
      data-testid={`rx-${key}-${i}`}
      {...form.getInputProps(`prescription.${i}.${key}`)}
    />
  );
  return (
    <Stack gap="xs" data-testid="prescription">
      <Title order={4}>{t('visits.prescription')}</Title>
      {items.length > 0 ? (
        <Table withTableBorder verticalSpacing={4} horizontalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('visits.medicine')}</Table.Th>
              <Table.Th>{t('visits.strength')}</Table.Th>
              <Table.Th>{t('visits.unit')}</Table.Th>
              <Table.Th>{t('visits.dose')}</Table.Th>
              <Table.Th>{t('visits.quantity')}</Table.Th>
              <Table.Th>{t('visits.days')}</Table.Th>
              <Table.Th>{t('visits.instructions')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((item, i) => (
              <Table.Tr key={i} data-testid="rx-line">
                <Table.Td>
                  <Text size="sm" fw={600}>
                    {item.medicineName}
                  </Text>
                </Table.Td>
                <Table.Td>{cell(i, 'strength', 90)}</Table.Td>
                <Table.Td>{cell(i, 'unit', 70)}</Table.Td>
                <Table.Td>{cell(i, 'dose', 170)}</Table.Td>
                <Table.Td>{count(i, 'quantity')}</Table.Td>
                <Table.Td>{count(i, 'days')}</Table.Td>
                <Table.Td>{cell(i, 'instructions', 150)}</Table.Td>
                <Table.Td>
                  {!disabled && (
                    <ActionIcon variant="subtle" color="red" aria-label={`${t('visits.remove')} ${item.medicineName}`} onClick={() => form.removeListItem('prescription', i)}>
                      <IconTrash size={16} />
                    </ActionIcon>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : (
        <Text size="sm" c="dimmed">
          {t('visits.noMedicine')}
        </Text>
      )}
      {!disabled && (
        <Group>
          <div style={{ flex: 1, maxWidth: 520 }}>
            <MedicinePicker key={adderKey} label={t('visits.addMedicine')} value={null} onChange={add} data-testid="rx-add" />
          </div>
        </Group>
      )}
    </Stack>
  );
}
