import { auditHandlers } from './audit/handlers.js';
import { authHandlers } from './auth/handlers.js';
import { catalogHandlers } from './catalog/handlers.js';
import type { HandlerMap } from './dispatch/types.js';
import { healthRecordHandlers } from './health-record/handlers.js';
import { householdsHandlers } from './households/handlers.js';
import { personsHandlers } from './persons/handlers.js';
import { referenceHandlers } from './reference/handlers.js';
import { appointmentsHandlers, referralsHandlers } from './referrals/handlers.js';
import { settingsHandlers } from './settings/handlers.js';
import { setupHandlers } from './setup/handlers.js';
import { usersHandlers } from './users/handlers.js';
import { visitsHandlers } from './visits/handlers.js';
import { ncdHandlers } from './ncd/handlers.js';
import { syncHandlers } from './sync/handlers.js';
import { immunizationHandlers } from './immunization/handlers.js';

/** Every contract procedure bound to its implementation; a missing one is a type error. */
export const handlers: HandlerMap = {
  ...authHandlers,
  ...setupHandlers,
  ...usersHandlers,
  ...settingsHandlers,
  ...auditHandlers,
  ...referenceHandlers,
  ...catalogHandlers,
  ...personsHandlers,
  ...householdsHandlers,
  ...healthRecordHandlers,
  ...visitsHandlers,
  ...ncdHandlers,
  ...referralsHandlers,
  ...appointmentsHandlers,
  ...syncHandlers,
  ...immunizationHandlers,
};
