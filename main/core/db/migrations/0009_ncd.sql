CREATE TABLE `ncd_calls` (
	`id` text PRIMARY KEY NOT NULL,
	`owner_facility` text NOT NULL,
	`hlc` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`enrollment_id` text NOT NULL,
	`person_id` text NOT NULL,
	`appointment_date` text NOT NULL,
	`call_date` text NOT NULL,
	`called_at` text NOT NULL,
	`outcome` text NOT NULL,
	`remind_on` text,
	`remove_reason` text,
	`note` text,
	`user_name` text,
	FOREIGN KEY (`enrollment_id`) REFERENCES `ncd_enrollments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `ncd_calls_enrollment` ON `ncd_calls` (`enrollment_id`,`called_at`);--> statement-breakpoint
CREATE TABLE `ncd_enrollments` (
	`id` text PRIMARY KEY NOT NULL,
	`owner_facility` text NOT NULL,
	`hlc` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`person_id` text NOT NULL,
	`program` text NOT NULL,
	`enrolled_on` text NOT NULL,
	`icd_code` text NOT NULL,
	`icd_name` text,
	`diagnosed_at` text,
	`baseline_systolic` real,
	`baseline_diastolic` real,
	`baseline_glucose_mgdl` real,
	`baseline_glucose_type` text,
	`baseline_hba1c` real,
	`baseline_weight_kg` real,
	`history_heart_attack` integer DEFAULT false NOT NULL,
	`history_stroke` integer DEFAULT false NOT NULL,
	`risk_notes` text,
	`follow_up_days` integer,
	`first_appointment` text NOT NULL,
	`ended_on` text,
	`end_reason` text,
	`end_note` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `ncd_enrollments_person` ON `ncd_enrollments` (`person_id`);--> statement-breakpoint
CREATE INDEX `ncd_enrollments_program` ON `ncd_enrollments` (`program`,`enrolled_on`);--> statement-breakpoint
CREATE TABLE `ncd_followups` (
	`id` text PRIMARY KEY NOT NULL,
	`owner_facility` text NOT NULL,
	`hlc` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`enrollment_id` text NOT NULL,
	`person_id` text NOT NULL,
	`visit_id` text,
	`followup_date` text NOT NULL,
	`systolic1` integer,
	`diastolic1` integer,
	`systolic2` integer,
	`diastolic2` integer,
	`systolic` real,
	`diastolic` real,
	`pulse` integer,
	`weight_kg` real,
	`glucose_mgdl` real,
	`glucose_type` text,
	`glucose_unit_entered` text,
	`hba1c` real,
	`symptoms` text,
	`adherence` text,
	`complications` text,
	`medicines` text DEFAULT '[]' NOT NULL,
	`next_appointment` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`enrollment_id`) REFERENCES `ncd_enrollments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`visit_id`) REFERENCES `visits`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `ncd_followups_enrollment` ON `ncd_followups` (`enrollment_id`,`followup_date`);--> statement-breakpoint
CREATE INDEX `ncd_followups_date` ON `ncd_followups` (`followup_date`);