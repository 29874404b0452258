import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';

/**
 * The 2025 administrative units (QĐ 19/2025/QĐ-TTg; 34 provinces, 3,321 communes), shipped from
 * shared/data/admin_units_2025.csv as resources/data/admin_units_2025.csv. Loaded once, on first use.
 */
export interface AdminUnits {
  provinces: { code: string; name: string }[];
  communesByProvince: Map<string, { code: string; name: string; type: string }[]>;
}

let cache: { file: string; units: AdminUnits } | null = null;

export function loadAdminUnits(resourcesDir: string): AdminUnits {
  const file = path.join(resourcesDir, 'data', 'admin_units_2025.csv');
  if (cache?.file === file) return cache.units;
  const rows = parse(fs.readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  const provinces = new Map<string, string>();
  const communesByProvince = new Map<string, { code: string; name: string; type: string }[]>();
  for (const r of rows) {
    const pc = r.province_code!;
    provinces.set(pc, r.province_name!);
    const list = communesByProvince.get(pc) ?? [];
    list.push({ code: r.commune_code!, name: r.commune_name!, type: r.commune_type! });
    communesByProvince.set(pc, list);
  }
  const collator = new Intl.Collator('vi');
  for (const list of communesByProvince.values()) list.sort((a, b) => collator.compare(a.name, b.name));
  const units: AdminUnits = {
    provinces: [...provinces].map(([code, name]) => ({ code, name })).sort((a, b) => collator.compare(a.name, b.name)),
    communesByProvince,
  };
  cache = { file, units };
  return units;
}
