-- Row values and clocks as json (text checked on input) instead of jsonb (docs/sync.md, "Hub storage"). The hub
-- never looks inside them in SQL: it reads and merges them in the hub process. Building jsonb was most of the
-- database's cost of writing a row (an upload writes 1.6 M of them); json is only checked, and read back as written.
ALTER TABLE rows
  ALTER COLUMN vals TYPE json USING vals::json,
  ALTER COLUMN meta TYPE json USING meta::json;
