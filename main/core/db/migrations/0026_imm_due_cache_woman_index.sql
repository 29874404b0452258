DROP INDEX `imm_due_cache_birth`;--> statement-breakpoint
CREATE INDEX `imm_due_cache_woman` ON `imm_due_cache` (`sex`,`birth_date`);