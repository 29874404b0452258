/** The schedule versions shipped with the product (resources/schedules/*.json hold the same data). */
import type { Schedule } from '../schedule-schema.js';
import { TETANUS_WOMEN } from './tetanus-women.js';
import { TT10_2024_CHILDREN } from './tt10-2024.js';

export { TETANUS_WOMEN, TT10_2024_CHILDREN };

/** File name in resources/schedules/ → the shipped version. */
export const SHIPPED_SCHEDULE_FILES: Readonly<Record<string, Schedule>> = {
  'tt10-2024-children.json': TT10_2024_CHILDREN,
  'tetanus-women.json': TETANUS_WOMEN,
};

export const SHIPPED_SCHEDULES: readonly Schedule[] = [TT10_2024_CHILDREN, TETANUS_WOMEN];
