ALTER TABLE `imm_due_cache` ADD `computed_on` text;--> statement-breakpoint
ALTER TABLE `imm_due_cache` ADD `next_expiry` text;--> statement-breakpoint
CREATE INDEX `imm_due_cache_expiry` ON `imm_due_cache` (`next_expiry`);--> statement-breakpoint
UPDATE `imm_due_cache` SET `stale` = 1;
