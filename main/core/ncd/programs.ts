import type { NcdProgram } from '../../../shared/ncd/program-schema.js';
import { BUILT_IN_PROGRAMS } from '../../../shared/ncd/programs.js';

/** The programs known to this station: the shipped ones (resources/ncd/programs.json, same as the TS copy). */
export function allPrograms(): readonly NcdProgram[] {
  return BUILT_IN_PROGRAMS;
}

export function findProgram(code: string): NcdProgram | undefined {
  return allPrograms().find((p) => p.code === code);
}

export function programName(code: string): string {
  return findProgram(code)?.nameVi ?? code;
}

/** Programs whose enrollment makes the person "with diabetes" for the BP target. */
export function isDiabetesProgram(code: string): boolean {
  return findProgram(code)?.control === 'diabetes';
}
