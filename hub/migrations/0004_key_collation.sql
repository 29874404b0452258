-- Keys compared byte by byte (docs/sync.md, "Hub storage"): row ids, table names and facility codes are ASCII, and
-- only equality and a stable order matter. Under a locale collation (even C.UTF-8) every index comparison goes
-- through strcoll, a large part of the cost of looking up and inserting rows.
ALTER TABLE rows
  ALTER COLUMN table_name TYPE text COLLATE "C",
  ALTER COLUMN row_id TYPE text COLLATE "C",
  ALTER COLUMN owner TYPE text COLLATE "C",
  ALTER COLUMN subject TYPE text COLLATE "C",
  ALTER COLUMN resident_of TYPE text COLLATE "C";
