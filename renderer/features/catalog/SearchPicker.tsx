import { CloseButton, Combobox, InputBase, Loader, useCombobox } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState, type ReactNode } from 'react';
import { useI18n } from '../../i18n/I18nProvider.js';

/** Field props shared by the catalogue pickers (passed through to the input). */
export interface PickerFieldProps {
  label?: ReactNode;
  description?: ReactNode;
  error?: ReactNode;
  withAsterisk?: boolean;
  disabled?: boolean;
  autoFocus?: boolean;
  placeholder?: string;
  'data-testid'?: string;
}

/**
 * The typing state of a picker: the input text, and the debounced query to send once the text differs from the
 * shown value (the input shows the chosen value's text when nothing is being typed).
 */
export function usePickerSearch(valueText: string, delay = 200) {
  const [search, setSearch] = useState(valueText);
  useEffect(() => setSearch(valueText), [valueText]);
  const [debounced] = useDebouncedValue(search, delay);
  const query = debounced.trim();
  return { search, setSearch, query, active: query !== '' && debounced !== valueText };
}

interface SearchPickerProps<T> extends PickerFieldProps {
  search: string;
  onSearchChange: (text: string) => void;
  /** Text of the chosen value, '' when none. */
  valueText: string;
  items: T[];
  loading: boolean;
  nothingFound: string;
  optionKey: (item: T) => string;
  renderOption: (item: T) => ReactNode;
  /** An item was chosen, or null when the field was cleared. */
  onPick: (item: T | null) => void;
}

/**
 * A server-searched combobox usable from the keyboard alone: type, ↑/↓ to move (the first match is highlighted),
 * Enter to choose, Esc to close; leaving the field without choosing keeps the previous value.
 */
export function SearchPicker<T>(props: SearchPickerProps<T>) {
  const { search, onSearchChange, valueText, items, loading, nothingFound, optionKey, renderOption, onPick } = props;
  const { t } = useI18n();
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  const keys = items.map(optionKey).join('|');
  useEffect(() => {
    if (keys) combobox.selectFirstOption();
  }, [keys]);
  const typing = search.trim() !== '' && search !== valueText;

  return (
    <Combobox
      store={combobox}
      withinPortal
      onOptionSubmit={(key) => {
        const item = items.find((i) => optionKey(i) === key);
        if (item) onPick(item);
        combobox.closeDropdown();
      }}
    >
      <Combobox.Target>
        <InputBase
          label={props.label}
          description={props.description}
          error={props.error}
          withAsterisk={props.withAsterisk}
          disabled={props.disabled}
          autoFocus={props.autoFocus}
          data-autofocus={props.autoFocus || undefined}
          placeholder={props.placeholder}
          data-testid={props['data-testid']}
          value={search}
          autoComplete="off"
          onChange={(e) => {
            const text = e.currentTarget.value;
            onSearchChange(text);
            combobox.openDropdown();
            combobox.updateSelectedOptionIndex();
            if (text.trim() === '' && valueText) onPick(null);
          }}
          onFocus={(e) => e.currentTarget.select()}
          onClick={() => combobox.openDropdown()}
          onBlur={() => {
            combobox.closeDropdown();
            onSearchChange(valueText);
          }}
          rightSection={
            loading ? (
              <Loader size="xs" />
            ) : valueText && !props.disabled ? (
              <CloseButton size="sm" aria-label={t('common.cancel')} onMouseDown={(e) => e.preventDefault()} onClick={() => (onSearchChange(''), onPick(null))} />
            ) : null
          }
          rightSectionPointerEvents={valueText && !loading ? 'all' : 'none'}
        />
      </Combobox.Target>
      <Combobox.Dropdown hidden={!typing}>
        <Combobox.Options mah={360} style={{ overflowY: 'auto' }}>
          {items.length > 0 ? (
            items.map((item) => (
              <Combobox.Option value={optionKey(item)} key={optionKey(item)}>
                {renderOption(item)}
              </Combobox.Option>
            ))
          ) : (
            <Combobox.Empty>{loading ? t('common.loading') : nothingFound}</Combobox.Empty>
          )}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}
