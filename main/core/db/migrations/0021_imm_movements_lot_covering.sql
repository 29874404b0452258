DROP INDEX `imm_movements_lot`;--> statement-breakpoint
CREATE INDEX `imm_movements_lot` ON `imm_movements` (`lot_id`,`deleted`,`delta`);