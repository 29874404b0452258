import type { z } from 'zod';
import type { Role } from '../roles.js';

/**
 * Who may call a procedure: `public` needs no session (login, setup status), `anyUser` any signed-in role,
 * otherwise the listed roles.
 */
export type Access = 'public' | 'anyUser' | readonly Role[];

export interface ProcedureDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  kind: 'read' | 'write';
  input: I;
  output: O;
  access: Access;
  /** One line for the API listing (`GET /api/_contract`). */
  summary: string;
  /** Allowed while the screen is locked (unlock, logout, session status). */
  allowWhenLocked?: boolean;
}

export function procedure<I extends z.ZodType, O extends z.ZodType>(def: ProcedureDef<I, O>): ProcedureDef<I, O> {
  return def;
}
