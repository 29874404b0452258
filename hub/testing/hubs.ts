import type { FacilityLevel } from '../../shared/sync/protocol.js';
import type { HubDb } from '../db.js';
import { issueCredential, registerFacility } from '../facilities.js';
import { Hub } from '../hub.js';
import { memoryLogger } from '../log.js';

/** Test helpers: a hub on a fresh database, and enrolment in one call. */
export async function openTestHub(db: HubDb, code: string, level: FacilityLevel = 'province', parent: string | null = null) {
  const log = memoryLogger();
  const hub = await Hub.open(db, { code, name: `Hub ${code}`, level, parent }, log);
  return { hub, log };
}

export async function enroll(hub: Hub, code: string, level: FacilityLevel = 'station', parent = hub.identity.code, expiresAt: Date | null = null): Promise<string> {
  return hub.db.tx(async (q) => {
    await registerFacility(q, { code, name: `Cơ sở ${code}`, level, parent });
    return (await issueCredential(q, code, expiresAt)).credential;
  });
}
