import type { SessionUser } from '../../shared/contract/auth.js';
import type { PersonFields } from '../../shared/contract/persons.js';
import type { Relation } from '../../shared/persons/relations.js';
import type { BatchCall } from '../../main/core/dispatch/batch.js';
import type { EthnicGroup } from './names.js';
import type { CommuneProfile } from './population.js';
import type { Rng } from './rng.js';

/** What the generator is asked for. */
export interface GenerateOptions {
  persons: number;
  seed: string;
  /** The station's "today" (yyyy-mm-dd): ages, card validity and the two years of visits end here. */
  today: string;
  ethnicMix: 'plains' | 'mountain';
  /** Years of visits before `today`. */
  visitYears: number;
}

/** Chronic conditions known at registration (health record section B3); chronic visits follow them. */
export type Condition = 'hypertension' | 'diabetes' | 'chronic_lung' | 'asthma' | 'stomach' | 'goitre' | 'hepatitis' | 'epilepsy' | 'mental_illness';

/** A person as planned (pure data, no database); `id` is set once the core registered them. */
export interface PersonPlan {
  key: number;
  householdKey: number;
  relation: Relation;
  group: EthnicGroup;
  fields: PersonFields;
  birthYear: number;
  /** When the person is registered (ms): the initial campaign, or a few days after birth for the newborns. */
  registerAt: number;
  motherKey: number | null;
  fatherKey: number | null;
  conditions: Condition[];
  /** BHYT card renewal planned (12-month cards): new validity, applied on `at`. */
  renewal: { at: number; validFrom: string; validTo: string } | null;
  /** Leaves the station during the visit window. */
  leaves: { kind: 'died' | 'moved_away'; date: string; place?: string } | null;
  /** A second record of `duplicateOf` typed without diacritics (an intentional duplicate). */
  duplicateOf: number | null;
  /** Intentional data-entry anomalies the core must be told about. */
  confirmCccdWarnings: boolean;
  id: string | null;
}

export interface HouseholdPlan {
  key: number;
  code: string;
  hamletIndex: number;
  address: string;
  memberKeys: number[];
  poor: boolean;
  registerAt: number;
  id: string | null;
}

export interface StaffUsers {
  admin: SessionUser;
  clerk: SessionUser;
  physicians: SessionUser[];
  nurses: SessionUser[];
}

/** Everything the shapes share: the plan of the population and the station's fixed points. */
export interface World {
  options: GenerateOptions;
  profile: CommuneProfile;
  hamletNames: string[];
  /** Hamlet ids in the order of hamletNames, after setup. */
  hamletIds: string[];
  households: HouseholdPlan[];
  persons: PersonPlan[];
  /** Start of the initial registration campaign, start and end of the visit window (ms). */
  campaignStart: number;
  windowStart: number;
  windowEnd: number;
  staff: StaffUsers | null;
  facilityCode: string;
}

/** One unit of work at a moment of the station's life: the generator sets the clock to `at` and runs it. */
export interface Task {
  at: number;
  run(env: TaskEnv): void;
}

export interface TaskEnv {
  call: BatchCall;
  world: World;
  staff: StaffUsers;
  /** Moves the station's clock within a task (e.g. the exam finishes 20 minutes after arrival). */
  setClock(ms: number): void;
}

/**
 * A shape of synthetic data (households and persons, health records, visits, life events, later chronic patients,
 * vaccination histories, stock…). Shapes run in list order for planning; their tasks are merged by time.
 */
export interface Shape {
  name: string;
  /** Why the shape cannot run on this build (its procedures do not exist yet), or null. */
  unavailable?(): string | null;
  /** Adds to the world model (pure; may read what earlier shapes planned). */
  plan?(world: World, rng: Rng): void;
  /** Runs once after setup, before any task (e.g. loads the medicine list the visits prescribe from). */
  prepare?(env: TaskEnv): void;
  /** Time-stamped tasks, called after setup (ids of earlier tasks are filled in as they run). */
  tasks(world: World, rng: Rng): Task[];
  /** One-line summary for the report, after the run. */
  summary?(world: World): string;
}
