import type { z } from 'zod';
import { appointmentsProcedures } from './appointments.js';
import { auditProcedures } from './audit.js';
import { authProcedures } from './auth.js';
import { catalogProcedures } from './catalog.js';
import { healthRecordProcedures } from './health-record.js';
import { householdsProcedures } from './households.js';
import { personsProcedures } from './persons.js';
import { referenceProcedures } from './reference.js';
import { referralsProcedures } from './referrals.js';
import { settingsProcedures } from './settings.js';
import { hamletProcedures, setupProcedures } from './setup.js';
import { usersProcedures } from './users.js';
import { visitsProcedures } from './visits.js';
import { ncdProcedures } from './ncd.js';
import { syncProcedures } from './sync.js';
import { immunizationProcedures } from './immunization.js';

/** The API: every procedure the backend offers, whichever transport carries it. */
export const contract = {
  ...authProcedures,
  ...setupProcedures,
  ...hamletProcedures,
  ...usersProcedures,
  ...settingsProcedures,
  ...auditProcedures,
  ...referenceProcedures,
  ...catalogProcedures,
  ...personsProcedures,
  ...householdsProcedures,
  ...healthRecordProcedures,
  ...visitsProcedures,
  ...ncdProcedures,
  ...referralsProcedures,
  ...appointmentsProcedures,
  ...syncProcedures,
  ...immunizationProcedures,
};

export type Contract = typeof contract;
export type ProcedureName = keyof Contract;
export type ProcedureInput<N extends ProcedureName> = z.input<Contract[N]['input']>;
export type ProcedureParsedInput<N extends ProcedureName> = z.output<Contract[N]['input']>;
export type ProcedureOutput<N extends ProcedureName> = z.output<Contract[N]['output']>;

export function isProcedureName(name: string): name is ProcedureName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

export * from './procedure.js';
export { eventContract, type EventName, type EventPayload } from './events.js';
