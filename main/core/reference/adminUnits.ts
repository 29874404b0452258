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
  // Sorted by the proper name, so "Tỉnh Lào Cai" sits under L, not under T with every other province.
  const collator = new Intl.Collator('vi');
  const bare = (name: string) => name.replace(/^(Thành phố|Tỉnh|Xã|Phường|Đặc khu)\s+/, '');
  const byName = (a: { name: string }, b: { name: string }) => collator.compare(bare(a.name), bare(b.name));
  for (const list of communesByProvince.values()) list.sort(byName);
  const units: AdminUnits = {
    provinces: [...provinces].map(([code, name]) => ({ code, name })).sort(byName),
    communesByProvince,
  };
  cache = { file, units };
  return units;
}
