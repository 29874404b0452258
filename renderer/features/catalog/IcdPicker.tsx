import { Badge, Group, Text } from '@mantine/core';
import { keepPreviousData } from '@tanstack/react-query';
import type { IcdItem } from '../../../shared/contract/catalog.js';
import { useApiQuery } from '../../api/hooks.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { SearchPicker, usePickerSearch, type PickerFieldProps } from './SearchPicker.js';

/** A chosen ICD-10 entry as forms keep it. */
export interface IcdValue {
  code: string;
  name: string;
}

export const formatIcd = (v: { code: string; name: string }) => `${v.code} — ${v.name}`;

/** Flags of an entry (not as main diagnosis, sex only) as small badges. */
export function IcdFlags({ item }: { item: Pick<IcdItem, 'notMain' | 'sexOnly'> }) {
  const { t } = useI18n();
  return (
    <>
      {item.notMain && (
        <Badge size="xs" color="orange" variant="light">
          {t('catalog.icd.notMain')}
        </Badge>
      )}
      {item.sexOnly && (
        <Badge size="xs" color="grape" variant="light">
          {t(item.sexOnly === 'F' ? 'catalog.icd.sexF' : 'catalog.icd.sexM')}
        </Badge>
      )}
    </>
  );
}

/**
 * ICD-10 picker (QĐ 4469): type a code ("J06.9", "j069") or words without accents ("viem hong"); shows
 * "J06.9 — Nhiễm trùng đường hô hấp trên cấp, không phân loại". `onChange` also gets the entry's flags, so a form can
 * warn when a code is not allowed as the main diagnosis.
 */
export function IcdPicker({ value, onChange, ...field }: PickerFieldProps & { value: IcdValue | null; onChange: (value: IcdValue | null, item: IcdItem | null) => void }) {
  const { t } = useI18n();
  const valueText = value ? formatIcd(value) : '';
  const { search, setSearch, query, active } = usePickerSearch(valueText);
  const results = useApiQuery('catalog.icdSearch', { q: query, limit: 20 }, { enabled: active, placeholderData: keepPreviousData, staleTime: 5 * 60_000 });
  const settling = search.trim() !== query && search !== valueText;
  return (
    <SearchPicker
      {...field}
      placeholder={field.placeholder ?? t('catalog.icd.placeholder')}
      search={search}
      onSearchChange={setSearch}
      valueText={valueText}
      items={active ? (results.data?.items ?? []) : []}
      loading={results.isFetching || settling}
      nothingFound={t('catalog.icd.nothing')}
      optionKey={(i) => i.code}
      renderOption={(i) => (
        <Group gap="xs" wrap="nowrap" align="flex-start">
          <Text size="sm" fw={600} miw={56} ff="monospace">
            {i.code}
          </Text>
          <Text size="sm" fw={i.isCategory ? 600 : undefined} style={{ flex: 1 }}>
            {i.name} <IcdFlags item={i} />
          </Text>
        </Group>
      )}
      onPick={(i) => onChange(i ? { code: i.code, name: i.name } : null, i)}
    />
  );
}
