CREATE TABLE `catalog_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`catalog` text NOT NULL,
	`version` text NOT NULL,
	`imported_at` text NOT NULL,
	`row_count` integer NOT NULL,
	`source_file` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `icd10` (
	`code` text PRIMARY KEY NOT NULL,
	`code_nodot` text NOT NULL,
	`name_vi` text NOT NULL,
	`name_en` text,
	`name_folded` text NOT NULL,
	`chapter` text,
	`category_code` text NOT NULL,
	`is_category` integer NOT NULL,
	`dagger_asterisk` text,
	`not_main` integer DEFAULT false NOT NULL,
	`sex_only` text,
	`age_rule` text,
	`source` text NOT NULL,
	`version` text NOT NULL,
	`seq` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `icd10_code_nodot` ON `icd10` (`code_nodot`);--> statement-breakpoint
CREATE UNIQUE INDEX `icd10_seq` ON `icd10` (`seq`);--> statement-breakpoint
CREATE TABLE `medicines` (
	`id` text PRIMARY KEY NOT NULL,
	`owner_facility` text NOT NULL,
	`hlc` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`active_ingredient` text NOT NULL,
	`strength` text,
	`unit` text NOT NULL,
	`route` text,
	`name_folded` text NOT NULL,
	`bhyt_covered` integer DEFAULT false NOT NULL,
	`active` integer DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `medicines_owner_code_live` ON `medicines` (`owner_facility`,`code`) WHERE deleted = 0;--> statement-breakpoint
CREATE INDEX `medicines_name_folded` ON `medicines` (`name_folded`);