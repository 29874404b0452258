-- imm_due_cache: a household arriving after its members (sync order) makes them stale, so the cached hamlet is never
-- the "no household" of a member that came first (imm_coverage_cache has the same trigger).
CREATE TRIGGER imm_due_cache_household_insert AFTER INSERT ON households
BEGIN
  UPDATE imm_due_cache SET stale = 1 WHERE person_id IN (SELECT id FROM persons WHERE household_id = NEW.id);
END;
