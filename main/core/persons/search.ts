import type Database from 'better-sqlite3';
import type { SearchHit } from '../../../shared/contract/persons.js';
import { foldVietnamese } from '../../../shared/text/fold.js';
import { summariesByIds } from './repo.js';

type MatchedBy = SearchHit['matchedBy'];

/** Statements are prepared once per connection: search runs on every keystroke. */
const statements = new WeakMap<Database.Database, ReturnType<typeof prepare>>();

function prepare(sqlite: Database.Database) {
  return {
    cccd: sqlite.prepare("SELECT id FROM persons WHERE cccd = ? AND status != 'merged' LIMIT 20"),
    cccdPrefix: sqlite.prepare("SELECT id FROM persons WHERE cccd >= ? AND cccd < ? AND status != 'merged' LIMIT ?"),
    bhxh: sqlite.prepare("SELECT id FROM persons WHERE bhxh_number = ? AND status != 'merged' LIMIT 20"),
    bhyt: sqlite.prepare("SELECT id FROM persons WHERE bhyt_card_code >= ? AND bhyt_card_code < ? AND status != 'merged' LIMIT ?"),
    // Two indexed lookups: an OR across the two columns would scan the table.
    phone: sqlite.prepare(
      "SELECT id FROM persons WHERE phone = ? AND status != 'merged' UNION SELECT id FROM persons WHERE phone2 = ? AND status != 'merged' LIMIT 20",
    ),
    household: sqlite.prepare(
      "SELECT p.id FROM persons p JOIN households h ON h.id = p.household_id WHERE h.code = ? AND p.status != 'merged' ORDER BY p.relation_to_head = 'head' DESC LIMIT 30",
    ),
    exactName: sqlite.prepare(
      "SELECT id, name_folded AS name, status, birth_year AS year FROM persons WHERE name_folded = ? AND status != 'merged' LIMIT 50",
    ),
    // Candidates with only what ranking needs; summaries (with their joins) are read for the final page only.
    name: sqlite.prepare(
      `SELECT p.id, p.name_folded AS name, p.status, p.birth_year AS year
       FROM person_fts JOIN person_search_keys k ON k.key = person_fts.rowid JOIN persons p ON p.id = k.person_id
       WHERE person_fts MATCH ? LIMIT ?`,
    ),
  };
}

function stmts(sqlite: Database.Database) {
  let s = statements.get(sqlite);
  if (!s) statements.set(sqlite, (s = prepare(sqlite)));
  return s;
}

/** Upper bound for a prefix range scan on a text index: "0123" → ["0123", "0124"). */
function prefixEnd(prefix: string): string {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}

/**
 * Person search: identifiers first (CCCD, social-insurance number, BHYT card, phone, household code), then names
 * folded without diacritics (đ → d), every word matched as a prefix, in any order. A 4-digit word in a name query
 * is taken as the birth year.
 */
export function searchPersons(sqlite: Database.Database, rawQuery: string, limit: number, includeInactive = true): SearchHit[] {
  const q = rawQuery.normalize('NFC').trim();
  if (!q) return [];
  const s = stmts(sqlite);
  const found: { id: string; by: MatchedBy }[] = [];
  const seen = new Set<string>();
  const add = (rows: unknown[], by: MatchedBy) => {
    for (const r of rows as { id: string }[]) {
      if (!seen.has(r.id)) {
        seen.add(r.id);
        found.push({ id: r.id, by });
      }
    }
  };

  const compact = q.replace(/[\s.\-]/g, '');
  if (/^\+?\d+$/.test(compact)) {
    const digits = compact.replace(/^\+84/, '0');
    if (digits.length === 12) add(s.cccd.all(digits), 'cccd');
    if (digits.length === 10) add(s.bhxh.all(digits), 'bhxh');
    if (digits.length >= 9 && digits.length <= 11) add(s.phone.all(digits, digits), 'phone');
    if (digits.length >= 4 && digits.length < 12) add(s.cccdPrefix.all(digits, prefixEnd(digits), limit), 'cccd');
  }
  const upper = compact.toUpperCase();
  if (/^[A-Z]{2}\d{0,13}$/.test(upper) && upper.length >= 3) add(s.bhyt.all(upper, prefixEnd(upper), limit), 'bhyt');
  if (/^[A-Z0-9-]{2,20}$/i.test(compact)) add(s.household.all(upper), 'household');

  if (found.length < limit) {
    const folded = foldVietnamese(q);
    const words = folded.split(' ').filter((w) => /^[a-z0-9]+$/.test(w));
    const year = words.find((w) => /^(19|20)\d{2}$/.test(w));
    const nameWords = words.filter((w) => w !== year && /[a-z]/.test(w));
    if (nameWords.length > 0) {
      const match = nameWords.map((w) => `"${w}"*`).join(' ');
      // The exact full name through its index first (a common name can have thousands of prefix matches),
      // then prefix matches; extra rows let exact-name and birth-year ordering pick the best ones.
      type Candidate = { id: string; name: string; status: string; year: number };
      const exact = nameWords.length > 1 ? (s.exactName.all(nameWords.join(' ')) as Candidate[]) : [];
      // When the exact name is found, fewer prefix matches are needed to fill the page behind it.
      const rows = [...exact, ...(s.name.all(match, exact.length > 0 ? limit * 3 : Math.max(limit * 10, 200)) as Candidate[])];
      const ranked = rows
        .filter((c) => c.status !== 'merged' && (!year || c.year === Number(year)))
        .map((c) => ({ c, score: rankName(c.name, nameWords, c.status === 'active') }))
        .sort((a, b) => b.score - a.score || (a.c.name < b.c.name ? -1 : a.c.name > b.c.name ? 1 : 0));
      add(ranked.map((r) => ({ id: r.c.id })), 'name');
    }
  }

  const summaries = summariesByIds(sqlite, found.slice(0, limit * 2).map((f) => f.id));
  const hits: SearchHit[] = [];
  for (const f of found) {
    const summary = summaries.get(f.id);
    if (!summary || (!includeInactive && summary.status !== 'active')) continue;
    hits.push({ ...summary, matchedBy: f.by });
    if (hits.length >= limit) break;
  }
  return hits;
}

/** Exact full name first, then names whose given name (last word) matches, then the rest; active people first. */
function rankName(name: string, words: string[], active: boolean): number {
  const query = words.join(' ');
  let score = active ? 1 : 0;
  if (name === query) score += 100;
  else if (name.endsWith(` ${query}`)) score += 50;
  const given = name.split(' ').pop() ?? '';
  if (given === words[words.length - 1]) score += 20;
  else if (given.startsWith(words[words.length - 1]!)) score += 10;
  return score;
}
