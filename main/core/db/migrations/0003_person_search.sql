-- Person name search: FTS5 over the folded name (foldVietnamese: no diacritics, đ → d), kept in step by triggers.
-- person_search_keys gives each person a stable integer key (an explicit INTEGER PRIMARY KEY survives VACUUM,
-- unlike the implicit rowid of a table keyed by a UUID text id).
CREATE TABLE person_search_keys (
  key INTEGER PRIMARY KEY,
  person_id TEXT NOT NULL UNIQUE
);
--> statement-breakpoint
CREATE VIRTUAL TABLE person_fts USING fts5(name_folded, tokenize = 'unicode61 remove_diacritics 0', prefix = '1 2 3');
--> statement-breakpoint
CREATE TRIGGER persons_fts_insert AFTER INSERT ON persons
BEGIN
  INSERT INTO person_search_keys (person_id) VALUES (new.id);
  INSERT INTO person_fts (rowid, name_folded) VALUES ((SELECT key FROM person_search_keys WHERE person_id = new.id), new.name_folded);
END;
--> statement-breakpoint
CREATE TRIGGER persons_fts_update AFTER UPDATE OF name_folded ON persons
BEGIN
  DELETE FROM person_fts WHERE rowid = (SELECT key FROM person_search_keys WHERE person_id = new.id);
  INSERT INTO person_fts (rowid, name_folded) VALUES ((SELECT key FROM person_search_keys WHERE person_id = new.id), new.name_folded);
END;
