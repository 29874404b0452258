import type { Role } from '../../../shared/roles.js';
import { useApiQuery } from '../../api/hooks.js';

/** The signed-in user's role (the session query App already keeps cached). */
export function useSessionRole(): Role | null {
  const q = useApiQuery('auth.session', {}, { staleTime: 60_000 });
  return q.data?.session?.user.role ?? null;
}

export const EDITOR_ROLES: readonly Role[] = ['admin', 'physician', 'nurse', 'clerk'];
export const CLINICAL_ROLES: readonly Role[] = ['admin', 'physician', 'nurse'];
export const MERGE_ROLES: readonly Role[] = ['admin', 'physician'];
