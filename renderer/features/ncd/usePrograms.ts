import type { ProgramEntry } from '../../../shared/contract/ncd.js';
import { useApiQuery } from '../../api/hooks.js';
import { useI18n } from '../../i18n/I18nProvider.js';

/**
 * The station's chronic-disease programs (data from `ncd.programs`: shipped and administrator-defined) and their
 * names in the UI language. Archived programs are included so old enrollments keep their names; `options` (for
 * choosing a program) leaves them out.
 */
export function usePrograms() {
  const { locale } = useI18n();
  const q = useApiQuery('ncd.programs', { includeArchived: true }, { staleTime: 5 * 60_000 });
  const programs: readonly ProgramEntry[] = q.data?.programs ?? [];
  const byCode = (code: string) => programs.find((p) => p.code === code);
  const label = (p: ProgramEntry) => (locale === 'en' ? p.nameEn : p.nameVi);
  const nameOf = (code: string) => {
    const p = byCode(code);
    return p ? label(p) : code;
  };
  const options = programs.filter((p) => !p.archived).map((p) => ({ value: p.code, label: label(p) }));
  return { programs, byCode, nameOf, options, loading: q.isPending, error: q.error };
}

/** Hamlets as select options (filters of the overdue list and indicators). */
export function useHamletOptions() {
  const q = useApiQuery('hamlets.list', {}, { staleTime: 5 * 60_000 });
  return (q.data?.hamlets ?? []).map((h) => ({ value: h.id, label: h.name }));
}
