CREATE TABLE `imm_coverage_cache` (
	`person_id` text PRIMARY KEY NOT NULL,
	`stale` integer DEFAULT 1 NOT NULL,
	`schedule_id` text,
	`birth_date` text,
	`hamlet_id` text,
	`valid` text,
	`hepb_within_24h` integer,
	`dpt_doses` text,
	`last_dpt_on` text
);
--> statement-breakpoint
CREATE INDEX `imm_coverage_cache_birth` ON `imm_coverage_cache` (`birth_date`);--> statement-breakpoint
CREATE INDEX `imm_coverage_cache_stale` ON `imm_coverage_cache` (`stale`);--> statement-breakpoint
CREATE INDEX `imm_coverage_cache_dpt` ON `imm_coverage_cache` (`last_dpt_on`);