import { useState } from 'react';
import { reportApiError, reportSuccess } from '../../app/feedback.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { saveApiFile } from '../referrals/files.js';

/**
 * An export button's behaviour on the chronic-disease screens: build the file on the backend, save it, say so (or
 * show the error); `exporting` drives the button's spinner.
 */
export function useXlsxExport() {
  const { t } = useI18n();
  const [exporting, setExporting] = useState(false);
  const run = async (build: () => Promise<{ fileName: string; contentBase64: string }>) => {
    setExporting(true);
    try {
      const file = await build();
      saveApiFile(file);
      reportSuccess(t('ncdui.exported', { file: file.fileName }));
    } catch (e) {
      reportApiError(e);
    } finally {
      setExporting(false);
    }
  };
  return { exporting, run };
}
