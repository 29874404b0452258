import { Select } from '@mantine/core';
import { useI18n } from '../../i18n/I18nProvider.js';
import { useHamletOptions, usePrograms } from './usePrograms.js';

/** The program and hamlet filters of the patient lists (empty = all); test ids `<testIdPrefix>-program` / `-hamlet`. */
export function ListFilters(props: {
  program: string | null;
  onProgram: (code: string | null) => void;
  hamletId: string | null;
  onHamlet: (id: string | null) => void;
  testIdPrefix: string;
}) {
  const { t } = useI18n();
  const { options: programOptions } = usePrograms();
  const hamlets = useHamletOptions();
  return (
    <>
      <Select label={t('ncdui.program')} placeholder={t('ncdui.allPrograms')} data={programOptions} value={props.program} onChange={props.onProgram} clearable w={230} data-testid={`${props.testIdPrefix}-program`} />
      <Select label={t('ncdui.hamlet')} placeholder={t('ncdui.allHamlets')} data={hamlets} value={props.hamletId} onChange={props.onHamlet} clearable searchable w={190} data-testid={`${props.testIdPrefix}-hamlet`} />
    </>
  );
}
