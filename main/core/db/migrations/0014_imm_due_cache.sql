CREATE TABLE `imm_due_cache` (
	`person_id` text PRIMARY KEY NOT NULL,
	`stale` integer DEFAULT 1 NOT NULL,
	`schedule_id` text,
	`birth_date` text,
	`sex` text,
	`hamlet_id` text,
	`last_dose_on` text,
	`first_due` text,
	`until` text,
	`series` text
);
--> statement-breakpoint
CREATE INDEX `imm_due_cache_due` ON `imm_due_cache` (`first_due`);--> statement-breakpoint
CREATE INDEX `imm_due_cache_stale` ON `imm_due_cache` (`stale`);