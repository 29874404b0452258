import { Badge, Group, Stack, Text } from '@mantine/core';
import { keepPreviousData } from '@tanstack/react-query';
import type { Medicine } from '../../../shared/contract/catalog.js';
import { useApiQuery } from '../../api/hooks.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { SearchPicker, usePickerSearch, type PickerFieldProps } from './SearchPicker.js';

/** A chosen medicine as forms keep it (a prescription line copies name, strength and unit). */
export interface MedicineValue {
  id: string;
  name: string;
  strength: string | null;
  unit: string;
}

export const formatMedicine = (m: MedicineValue) =>
  `${m.name}${m.strength && !m.name.includes(m.strength) ? ` ${m.strength}` : ''} (${m.unit})`;

/** Medicine picker: active medicines of the station, searched by name, active ingredient or code, accents optional. */
export function MedicinePicker({ value, onChange, ...field }: PickerFieldProps & { value: MedicineValue | null; onChange: (value: MedicineValue | null, item: Medicine | null) => void }) {
  const { t } = useI18n();
  const valueText = value ? formatMedicine(value) : '';
  const { search, setSearch, query, active } = usePickerSearch(valueText);
  const results = useApiQuery('catalog.medicineSearch', { q: query, limit: 20 }, { enabled: active, placeholderData: keepPreviousData });
  const settling = search.trim() !== query && search !== valueText;
  return (
    <SearchPicker
      {...field}
      placeholder={field.placeholder ?? t('catalog.medicine.placeholder')}
      search={search}
      onSearchChange={setSearch}
      valueText={valueText}
      items={active ? (results.data?.items ?? []) : []}
      loading={results.isFetching || settling}
      nothingFound={t('catalog.medicine.nothing')}
      optionKey={(m) => m.id}
      renderOption={(m) => (
        <Stack gap={0}>
          <Group gap="xs" wrap="nowrap">
            <Text size="sm" fw={600}>
              {formatMedicine(m)}
            </Text>
            {m.bhytCovered && (
              <Badge size="xs" variant="light">
                {t('catalog.medicine.bhytShort')}
              </Badge>
            )}
          </Group>
          <Text size="xs" c="dimmed">
            {[m.activeIngredient, m.route, m.code].filter(Boolean).join(' · ')}
          </Text>
        </Stack>
      )}
      onPick={(m) => onChange(m ? { id: m.id, name: m.name, strength: m.strength, unit: m.unit } : null, m)}
    />
  );
}
