import { Checkbox, NumberInput, Select, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import type { NcdExtraField } from '../../../shared/ncd/program-schema.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import type { FollowupFormValues } from './followupForm.js';

/**
 * A program's own field on the follow-up form (program.extraFields: peak flow for COPD and asthma, or what an
 * administrator defined): number, text, yes/no or a choice, sent in `extra` under its key.
 */
export function ExtraField({ field, form }: { field: NcdExtraField; form: UseFormReturnType<FollowupFormValues> }) {
  const { t, locale } = useI18n();
  const name = locale === 'en' ? field.labelEn : field.labelVi;
  const label = field.type === 'number' && field.unit ? `${name} (${field.unit})` : name;
  const path = `extra.${field.key}`;
  const props = form.getInputProps(path);
  const value = form.values.extra[field.key];
  const common = { label, withAsterisk: field.required, 'data-testid': `ncd-extra-${field.key}` };
  switch (field.type) {
    case 'number':
      return (
        <NumberInput
          {...common}
          hideControls
          allowDecimal={!field.integer}
          allowNegative={field.min === undefined || field.min < 0}
          w={170}
          {...props}
          value={typeof value === 'number' ? value : ''}
        />
      );
    case 'text':
      return <TextInput {...common} w={240} maxLength={field.maxLength} {...props} value={typeof value === 'string' ? value : ''} />;
    case 'boolean':
      return (
        <Checkbox
          {...common}
          mt={28}
          checked={value === true}
          error={props.error}
          onChange={(e) => form.setFieldValue(path, e.currentTarget.checked)}
        />
      );
    case 'choice':
      return (
        <Select
          {...common}
          w={220}
          clearable
          placeholder={t('ncdui.fu.choose')}
          data={field.options.map((o) => ({ value: o.value, label: locale === 'en' ? o.labelEn : o.labelVi }))}
          {...props}
          value={typeof value === 'string' && value ? value : null}
          onChange={(v) => form.setFieldValue(path, v ?? '')}
        />
      );
  }
}
