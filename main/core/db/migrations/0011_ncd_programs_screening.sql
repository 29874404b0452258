CREATE TABLE `ncd_programs` (
	`id` text PRIMARY KEY NOT NULL,
	`owner_facility` text NOT NULL,
	`hlc` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`code` text NOT NULL,
	`definition` text NOT NULL,
	`archived` integer DEFAULT false NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text
);
--> statement-breakpoint
CREATE TABLE `ncd_screenings` (
	`id` text PRIMARY KEY NOT NULL,
	`owner_facility` text NOT NULL,
	`hlc` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`person_id` text NOT NULL,
	`visit_id` text,
	`screened_on` text NOT NULL,
	`systolic1` integer,
	`diastolic1` integer,
	`systolic2` integer,
	`diastolic2` integer,
	`systolic` real,
	`diastolic` real,
	`glucose_mgdl` real,
	`glucose_type` text,
	`glucose_unit_entered` text,
	`hba1c` real,
	`note` text,
	`offered` text DEFAULT '[]' NOT NULL,
	`user_name` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`visit_id`) REFERENCES `visits`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `ncd_screenings_person` ON `ncd_screenings` (`person_id`,`screened_on`);--> statement-breakpoint
CREATE INDEX `ncd_screenings_visit` ON `ncd_screenings` (`visit_id`);--> statement-breakpoint
ALTER TABLE `ncd_followups` ADD `extra` text;