/**
 * Vaccine need of a session (issue 7 §3): vials = ceil(doses × wastage factor / vial size), compared with the stock
 * on hand; the shortfall is what to request. Pure; the factors and vial sizes are data (./vaccines.ts, or the lot).
 */

export interface NeedInput {
  readonly vaccineCode: string;
  readonly vaccineName: string;
  readonly doses: number;
  readonly vialSize: number;
  readonly wastageFactor: number;
  readonly onHandDoses: number;
  readonly nearestExpiry: string | null;
}

export interface NeedRow extends NeedInput {
  readonly vials: number;
  readonly onHandVials: number;
  readonly shortfallVials: number;
}

/** Vials to open for `doses` doses; a tiny epsilon keeps 10 × 1.1 / 11 from becoming 2 through rounding error. */
export function vialsNeeded(doses: number, wastageFactor: number, vialSize: number): number {
  if (!(doses > 0) || !(vialSize > 0)) return 0;
  const factor = Number.isFinite(wastageFactor) && wastageFactor >= 1 ? wastageFactor : 1;
  return Math.ceil((doses * factor) / vialSize - 1e-9);
}

export function vaccineNeed(inputs: readonly NeedInput[]): NeedRow[] {
  return inputs
    .map((i) => {
      const vials = vialsNeeded(i.doses, i.wastageFactor, i.vialSize);
      // Only whole vials on the shelf count toward the session (an opened vial stays at the station).
      const onHandVials = i.vialSize > 0 ? Math.floor(Math.max(0, i.onHandDoses) / i.vialSize) : 0;
      return { ...i, vials, onHandVials, shortfallVials: Math.max(0, vials - onHandVials) };
    })
    .sort((a, b) => a.vaccineCode.localeCompare(b.vaccineCode));
}
