import { z } from 'zod';

/** Events pushed from the backend to every window/browser (IPC send or server-sent events). */
export const eventContract = {
  /** Tables touched by a committed write, so clients can refetch. */
  'data.changed': z.object({ tables: z.array(z.string()), procedure: z.string() }),
  /** Reserved for the sync module. */
  'sync.progress': z.object({ phase: z.string(), done: z.number(), total: z.number() }),
};
export type EventName = keyof typeof eventContract;
export type EventPayload<N extends EventName> = z.infer<(typeof eventContract)[N]>;
