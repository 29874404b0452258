-- imm_coverage_cache (docs/immunization.md "Coverage speed"): a row goes stale whenever what a child's coverage facts
-- depend on changes — birth date, household (hamlet), deletion or merge, doses — whoever writes it (handlers, sync,
-- merges), as imm_due_cache. A household arriving after its members (sync order) makes them stale too, so the
-- cached hamlet is never the "no household" of a member that came first. Every existing person starts stale.
INSERT INTO imm_coverage_cache (person_id, stale) SELECT id, 1 FROM persons WHERE true ON CONFLICT(person_id) DO UPDATE SET stale = 1;
--> statement-breakpoint
CREATE TRIGGER imm_coverage_cache_person_insert AFTER INSERT ON persons
BEGIN
  INSERT INTO imm_coverage_cache (person_id, stale) VALUES (NEW.id, 1) ON CONFLICT(person_id) DO UPDATE SET stale = 1;
END;
--> statement-breakpoint
CREATE TRIGGER imm_coverage_cache_person_update AFTER UPDATE OF birth_date, sex, household_id, status, deleted, merged_into ON persons
BEGIN
  INSERT INTO imm_coverage_cache (person_id, stale) VALUES (NEW.id, 1) ON CONFLICT(person_id) DO UPDATE SET stale = 1;
END;
--> statement-breakpoint
CREATE TRIGGER imm_coverage_cache_household_insert AFTER INSERT ON households
BEGIN
  UPDATE imm_coverage_cache SET stale = 1 WHERE person_id IN (SELECT id FROM persons WHERE household_id = NEW.id);
END;
--> statement-breakpoint
CREATE TRIGGER imm_coverage_cache_household_hamlet AFTER UPDATE OF hamlet_id ON households
BEGIN
  UPDATE imm_coverage_cache SET stale = 1 WHERE person_id IN (SELECT id FROM persons WHERE household_id = NEW.id);
END;
--> statement-breakpoint
CREATE TRIGGER imm_coverage_cache_dose_insert AFTER INSERT ON imm_doses
BEGIN
  INSERT INTO imm_coverage_cache (person_id, stale) VALUES (NEW.person_id, 1) ON CONFLICT(person_id) DO UPDATE SET stale = 1;
END;
--> statement-breakpoint
CREATE TRIGGER imm_coverage_cache_dose_update AFTER UPDATE ON imm_doses
BEGIN
  INSERT INTO imm_coverage_cache (person_id, stale) VALUES (NEW.person_id, 1) ON CONFLICT(person_id) DO UPDATE SET stale = 1;
  INSERT INTO imm_coverage_cache (person_id, stale) VALUES (OLD.person_id, 1) ON CONFLICT(person_id) DO UPDATE SET stale = 1;
END;
--> statement-breakpoint
CREATE TRIGGER imm_coverage_cache_dose_delete AFTER DELETE ON imm_doses
BEGIN
  INSERT INTO imm_coverage_cache (person_id, stale) VALUES (OLD.person_id, 1) ON CONFLICT(person_id) DO UPDATE SET stale = 1;
END;
