import { ActionIcon, Button, Group, NumberInput, Stack, Table, Text } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconCopy, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import type { Followup } from '../../../shared/contract/ncd.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { MedicinePicker } from '../catalog/MedicinePicker.js';
import type { FollowupFormValues } from './followupForm.js';

/** "Amlodipin 5 mg": the name with its strength unless the name already says it. */
const medicineLabel = (m: { name: string; strength: string | null }) => (m.strength && !m.name.includes(m.strength) ? `${m.name} ${m.strength}` : m.name);

/**
 * Medicines dispensed at a follow-up, from the station catalogue: the picker adds a line (name and unit copied) with
 * the days until the next appointment; focus goes to its quantity. "Như lần trước" repeats the last refill, the
 * common case of a monthly visit.
 */
export function DispensedField({ form, intervalDays, previous }: { form: UseFormReturnType<FollowupFormValues>; intervalDays: number; previous: Followup['medicines'] }) {
  const { t } = useI18n();
  const [adderKey, setAdderKey] = useState(0);
  const items = form.values.medicines;
  const focusQuantity = (line: number) => setTimeout(() => document.querySelector<HTMLInputElement>(`[data-testid="ncd-med-quantity-${line}"]`)?.focus(), 0);
  const add = (m: { id: string; name: string; strength: string | null; unit: string } | null) => {
    if (!m) return;
    form.insertListItem('medicines', { medicineId: m.id, name: medicineLabel(m), unit: m.unit, quantity: '', days: intervalDays });
    setAdderKey((k) => k + 1);
    focusQuantity(items.length);
  };
  const repeat = () => {
    form.setFieldValue(
      'medicines',
      previous.map((m) => ({ medicineId: m.medicineId ?? null, name: m.name, unit: m.unit, quantity: m.quantity, days: intervalDays })),
    );
    focusQuantity(0);
  };
  const count = (i: number, key: 'quantity' | 'days') => (
    <NumberInput
      size="xs"
      w={90}
      hideControls
      allowNegative={false}
      allowDecimal={key === 'quantity'}
      aria-label={`${t(`visits.${key}`)} ${i + 1}`}
      data-testid={`ncd-med-${key}-${i}`}
      {...form.getInputProps(`medicines.${i}.${key}`)}
    />
  );
  return (
    <Stack gap="xs" data-testid="ncd-medicines">
      {items.length > 0 && (
        <Table withTableBorder verticalSpacing={4} horizontalSpacing="xs" maw={640}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('visits.medicine')}</Table.Th>
              <Table.Th>{t('visits.unit')}</Table.Th>
              <Table.Th>{t('visits.quantity')}</Table.Th>
              <Table.Th>{t('visits.days')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((item, i) => (
              <Table.Tr key={i} data-testid="ncd-med-line">
                <Table.Td>
                  <Text size="sm" fw={600}>
                    {item.name}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{item.unit}</Text>
                </Table.Td>
                <Table.Td>{count(i, 'quantity')}</Table.Td>
                <Table.Td>{count(i, 'days')}</Table.Td>
                <Table.Td>
                  <ActionIcon variant="subtle" color="red" tabIndex={-1} aria-label={`${t('visits.remove')} ${item.name}`} onClick={() => form.removeListItem('medicines', i)}>
                    <IconTrash size={16} />
                  </ActionIcon>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Group align="flex-end" gap="sm">
        <div style={{ flex: 1, maxWidth: 460 }}>
          <MedicinePicker key={adderKey} placeholder={t('ncdui.fu.addMedicine')} value={null} onChange={add} data-testid="ncd-med-add" />
        </div>
        {previous.length > 0 && items.length === 0 && (
          <Button variant="light" leftSection={<IconCopy size={16} />} onClick={repeat} data-testid="ncd-med-repeat">
            {t('ncdui.fu.repeatMedicines', { count: previous.length })}
          </Button>
        )}
      </Group>
    </Stack>
  );
}
