CREATE TABLE `health_record_changes` (
	`id` text PRIMARY KEY NOT NULL,
	`owner_facility` text NOT NULL,
	`hlc` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`person_id` text NOT NULL,
	`section` text NOT NULL,
	`value` text NOT NULL,
	`changed_by` text,
	`changed_at` text NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `health_record_changes_person` ON `health_record_changes` (`person_id`);--> statement-breakpoint
CREATE TABLE `health_records` (
	`id` text PRIMARY KEY NOT NULL,
	`owner_facility` text NOT NULL,
	`hlc` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`person_id` text NOT NULL,
	`birth` text,
	`risk_factors` text,
	`allergies` text,
	`diseases` text,
	`disabilities` text,
	`surgeries` text,
	`family_history` text,
	`reproductive` text,
	`other_problems` text,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `health_records_person` ON `health_records` (`person_id`);--> statement-breakpoint
CREATE TABLE `households` (
	`id` text PRIMARY KEY NOT NULL,
	`owner_facility` text NOT NULL,
	`hlc` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`code` text NOT NULL,
	`hamlet_id` text NOT NULL,
	`address` text NOT NULL,
	`head_person_id` text,
	`note` text,
	`dissolved` integer DEFAULT false NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`hamlet_id`) REFERENCES `hamlets`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `households_code` ON `households` (`code`);--> statement-breakpoint
CREATE INDEX `households_hamlet` ON `households` (`hamlet_id`);--> statement-breakpoint
CREATE TABLE `person_events` (
	`id` text PRIMARY KEY NOT NULL,
	`owner_facility` text NOT NULL,
	`hlc` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`person_id` text NOT NULL,
	`household_id` text,
	`kind` text NOT NULL,
	`date` text NOT NULL,
	`details` text NOT NULL,
	`recorded_by` text,
	`recorded_at` text NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `person_events_person` ON `person_events` (`person_id`);--> statement-breakpoint
CREATE INDEX `person_events_household` ON `person_events` (`household_id`);--> statement-breakpoint
CREATE TABLE `person_merges` (
	`id` text PRIMARY KEY NOT NULL,
	`owner_facility` text NOT NULL,
	`hlc` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`survivor_id` text NOT NULL,
	`merged_id` text NOT NULL,
	`reason` text NOT NULL,
	`merged_by` text,
	`merged_at` text NOT NULL,
	`moved` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `persons` (
	`id` text PRIMARY KEY NOT NULL,
	`owner_facility` text NOT NULL,
	`hlc` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`household_id` text,
	`relation_to_head` text NOT NULL,
	`full_name` text NOT NULL,
	`name_folded` text NOT NULL,
	`sex` text NOT NULL,
	`birth_date` text NOT NULL,
	`birth_year` integer NOT NULL,
	`ethnicity_code` text NOT NULL,
	`nationality` text NOT NULL,
	`religion` text,
	`occupation` text,
	`blood_abo` text,
	`blood_rh` text,
	`cccd` text,
	`cccd_issue_date` text,
	`cccd_issue_place` text,
	`bhxh_number` text,
	`bhyt_card_code` text,
	`bhyt_benefit_level` integer,
	`bhyt_valid_from` text,
	`bhyt_valid_to` text,
	`bhyt_registration_facility` text,
	`birth_province` text,
	`permanent_address` text,
	`current_address` text,
	`phone` text,
	`phone2` text,
	`email` text,
	`mother_name` text,
	`father_name` text,
	`carer_name` text,
	`carer_relation` text,
	`carer_phone` text,
	`note` text,
	`status` text NOT NULL,
	`died_on` text,
	`moved_away_on` text,
	`moved_to` text,
	`moved_in_from` text,
	`merged_into` text,
	`allergy_alert` integer DEFAULT false NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `persons_household` ON `persons` (`household_id`);--> statement-breakpoint
CREATE INDEX `persons_cccd` ON `persons` (`cccd`);--> statement-breakpoint
CREATE INDEX `persons_bhxh` ON `persons` (`bhxh_number`);--> statement-breakpoint
CREATE INDEX `persons_bhyt` ON `persons` (`bhyt_card_code`);--> statement-breakpoint
CREATE INDEX `persons_phone` ON `persons` (`phone`);--> statement-breakpoint
CREATE INDEX `persons_name_year` ON `persons` (`name_folded`,`birth_year`);