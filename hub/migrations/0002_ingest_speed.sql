-- Speed of ingest and pull (docs/benchmarks.md, "Sync"), measured on the initial upload of a 100,000-person station.
-- origin: the replica every field's newest value came from, when that is one replica (null when mixed). A pull
-- skips the caller's own rows in SQL instead of loading them to find nothing to send back.
ALTER TABLE rows ADD COLUMN origin text;

UPDATE rows SET origin = (SELECT CASE WHEN count(DISTINCT e.value ->> 2) = 1 THEN min(e.value ->> 2) END FROM jsonb_each(meta) AS e);

-- Rows about a person the hub does not know yet (it arrived later than its facts): usually none. When the person
-- arrives, only these are looked at, instead of every row about every person of the batch.
CREATE INDEX rows_orphans ON rows (subject) WHERE resident_of IS NULL AND subject IS NOT NULL;

-- A pull from a low cursor (a new station's first sync, a district catching up) finds the caller's rows through
-- these instead of reading every row after the cursor in sequence order. Rows about a station's residents made
-- elsewhere (resident_of <> owner) are few: a small partial index.
CREATE INDEX rows_owner_seq ON rows (owner, seq);

CREATE INDEX rows_resident_seq ON rows (resident_of, seq) WHERE resident_of <> owner;

-- Versions stay unique per (table, row, clock), with the clock first: a batch's clocks ascend, so its entries go to
-- the same few index pages instead of one random page per row (the unique index was the largest cost of ingest).
ALTER TABLE versions DROP CONSTRAINT versions_table_name_row_id_hlc_key;

CREATE UNIQUE INDEX versions_change ON versions (hlc, table_name, row_id);
