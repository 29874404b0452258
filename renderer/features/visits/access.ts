import type { Role } from '../../../shared/roles.js';
import { stationDate } from '../../../shared/visits/station-date.js';
import { useApiQuery } from '../../api/hooks.js';

/** The signed-in user's role (from the session query App already keeps). */
export function useRole(): Role | null {
  const session = useApiQuery('auth.session', {});
  return session.data?.session?.user.role ?? null;
}

/** Receive patients and cancel or requeue them (the desk). */
export const canReceive = (role: Role | null) => role === 'admin' || role === 'physician' || role === 'nurse' || role === 'clerk';
/** Record an examination (vital signs, diagnoses, prescription). */
export const canExamine = (role: Role | null) => role === 'admin' || role === 'physician' || role === 'nurse';

/** Today at the station (UTC+7), whatever the workstation's zone. */
export const stationToday = () => stationDate(new Date());
