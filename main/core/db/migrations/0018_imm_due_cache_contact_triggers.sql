-- imm_due_cache rows now carry the contact details a due list prints (docs/immunization.md "Due list speed"): a
-- change to a person's name, parents, phones, address or CCCD, or to any member of their household (the mother's,
-- father's or head's phone), or to the household's address or head, makes the household's rows stale.
CREATE TRIGGER imm_due_cache_person_contact AFTER UPDATE OF full_name, phone, phone2, carer_name, carer_phone, mother_name, father_name, current_address, cccd, household_id ON persons
BEGIN
  INSERT INTO imm_due_cache (person_id, stale) VALUES (NEW.id, 1) ON CONFLICT(person_id) DO UPDATE SET stale = 1;
  UPDATE imm_due_cache SET stale = 1 WHERE person_id IN (SELECT id FROM persons WHERE household_id IN (NEW.household_id, OLD.household_id));
END;
--> statement-breakpoint
CREATE TRIGGER imm_due_cache_household_contact AFTER UPDATE OF address, head_person_id ON households
BEGIN
  UPDATE imm_due_cache SET stale = 1 WHERE person_id IN (SELECT id FROM persons WHERE household_id = NEW.id);
END;
--> statement-breakpoint
UPDATE imm_due_cache SET stale = 1;
