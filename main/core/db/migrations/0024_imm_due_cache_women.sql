ALTER TABLE `imm_due_cache` ADD `active` integer;--> statement-breakpoint
ALTER TABLE `imm_due_cache` ADD `woman_series` text;--> statement-breakpoint
ALTER TABLE `imm_due_cache` ADD `woman_last_dose_on` text;--> statement-breakpoint
CREATE INDEX `imm_due_cache_birth` ON `imm_due_cache` (`birth_date`);