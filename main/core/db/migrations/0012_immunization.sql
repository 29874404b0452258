CREATE TABLE `imm_aefi` (
	`id` text PRIMARY KEY NOT NULL,
	`owner_facility` text NOT NULL,
	`hlc` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`person_id` text NOT NULL,
	`session_id` text,
	`attendance_id` text,
	`dose_ids` text NOT NULL,
	`onset_at` text NOT NULL,
	`severity` text NOT NULL,
	`signs` text NOT NULL,
	`anaphylaxis_grade` integer,
	`actions` text NOT NULL,
	`actions_text` text,
	`outcome` text NOT NULL,
	`referred_to` text,
	`note` text,
	`reporter_name` text,
	`urgent_sync` integer DEFAULT false NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `imm_aefi_person` ON `imm_aefi` (`person_id`);--> statement-breakpoint
CREATE INDEX `imm_aefi_session` ON `imm_aefi` (`session_id`);--> statement-breakpoint
CREATE INDEX `imm_aefi_onset` ON `imm_aefi` (`onset_at`);--> statement-breakpoint
CREATE TABLE `imm_attendance` (
	`id` text PRIMARY KEY NOT NULL,
	`owner_facility` text NOT NULL,
	`hlc` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`session_id` text NOT NULL,
	`person_id` text NOT NULL,
	`checked_in_at` text NOT NULL,
	`walk_in` integer DEFAULT false NOT NULL,
	`screening_id` text,
	`injected_at` text,
	`left_at` text,
	`left_override_reason` text,
	`note` text,
	`checked_in_by` text,
	FOREIGN KEY (`session_id`) REFERENCES `imm_sessions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `imm_attendance_session` ON `imm_attendance` (`session_id`);--> statement-breakpoint
CREATE INDEX `imm_attendance_person` ON `imm_attendance` (`person_id`);--> statement-breakpoint
CREATE TABLE `imm_doses` (
	`id` text PRIMARY KEY NOT NULL,
	`owner_facility` text NOT NULL,
	`hlc` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`person_id` text NOT NULL,
	`vaccine_code` text NOT NULL,
	`series_key` text,
	`schedule_id` text,
	`dose_number_recorded` integer,
	`given_on` text NOT NULL,
	`given_at` text,
	`given_elsewhere` integer DEFAULT false NOT NULL,
	`place` text,
	`lot_id` text,
	`lot_number` text,
	`expiry` text,
	`site` text,
	`route` text,
	`vaccinator_name` text,
	`session_id` text,
	`attendance_id` text,
	`within_24h` integer,
	`valid_when_recorded` integer NOT NULL,
	`invalid_reason` text,
	`note` text,
	`voided_at` text,
	`void_reason` text,
	`recorded_by` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `imm_doses_person` ON `imm_doses` (`person_id`,`given_on`);--> statement-breakpoint
CREATE INDEX `imm_doses_date` ON `imm_doses` (`given_on`);--> statement-breakpoint
CREATE INDEX `imm_doses_session` ON `imm_doses` (`session_id`);--> statement-breakpoint
CREATE TABLE `imm_lots` (
	`id` text PRIMARY KEY NOT NULL,
	`owner_facility` text NOT NULL,
	`hlc` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`vaccine_code` text NOT NULL,
	`lot_number` text NOT NULL,
	`expiry` text NOT NULL,
	`vial_size` integer NOT NULL,
	`gtin` text,
	`manufacturer` text,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `imm_lots_vaccine` ON `imm_lots` (`vaccine_code`,`expiry`);--> statement-breakpoint
CREATE INDEX `imm_lots_number` ON `imm_lots` (`lot_number`);--> statement-breakpoint
CREATE TABLE `imm_movements` (
	`id` text PRIMARY KEY NOT NULL,
	`owner_facility` text NOT NULL,
	`hlc` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`lot_id` text NOT NULL,
	`kind` text NOT NULL,
	`doses` integer NOT NULL,
	`delta` integer NOT NULL,
	`occurred_on` text NOT NULL,
	`session_id` text,
	`dose_id` text,
	`reason` text,
	`note` text,
	`user_name` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`lot_id`) REFERENCES `imm_lots`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `imm_movements_lot` ON `imm_movements` (`lot_id`);--> statement-breakpoint
CREATE INDEX `imm_movements_session` ON `imm_movements` (`session_id`);--> statement-breakpoint
CREATE INDEX `imm_movements_date` ON `imm_movements` (`occurred_on`);--> statement-breakpoint
CREATE TABLE `imm_pregnancies` (
	`id` text PRIMARY KEY NOT NULL,
	`owner_facility` text NOT NULL,
	`hlc` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`person_id` text NOT NULL,
	`lmp` text,
	`expected_delivery` text NOT NULL,
	`gravida` integer,
	`ended_on` text,
	`outcome` text,
	`note` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `imm_pregnancies_person` ON `imm_pregnancies` (`person_id`);--> statement-breakpoint
CREATE INDEX `imm_pregnancies_edd` ON `imm_pregnancies` (`expected_delivery`);--> statement-breakpoint
CREATE TABLE `imm_screenings` (
	`id` text PRIMARY KEY NOT NULL,
	`owner_facility` text NOT NULL,
	`hlc` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`attendance_id` text NOT NULL,
	`session_id` text NOT NULL,
	`person_id` text NOT NULL,
	`screened_at` text NOT NULL,
	`screener_name` text,
	`answers` text NOT NULL,
	`other_text` text,
	`temperature` real,
	`newborn` text,
	`derived_outcome` text NOT NULL,
	`reasons` text NOT NULL,
	`excluded_series` text NOT NULL,
	`outcome` text NOT NULL,
	`override_reason` text,
	`return_date` text,
	`refer_to` text,
	`note` text,
	FOREIGN KEY (`attendance_id`) REFERENCES `imm_attendance`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `imm_screenings_attendance` ON `imm_screenings` (`attendance_id`);--> statement-breakpoint
CREATE INDEX `imm_screenings_session` ON `imm_screenings` (`session_id`);--> statement-breakpoint
CREATE TABLE `imm_session_vials` (
	`id` text PRIMARY KEY NOT NULL,
	`owner_facility` text NOT NULL,
	`hlc` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`session_id` text NOT NULL,
	`lot_id` text NOT NULL,
	`opened_vials` integer NOT NULL,
	`wasted_doses` integer NOT NULL,
	`reason` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`session_id`) REFERENCES `imm_sessions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`lot_id`) REFERENCES `imm_lots`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `imm_session_vials_session` ON `imm_session_vials` (`session_id`);--> statement-breakpoint
CREATE TABLE `imm_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`owner_facility` text NOT NULL,
	`hlc` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`session_date` text NOT NULL,
	`place` text NOT NULL,
	`hamlet_ids` text NOT NULL,
	`status` text NOT NULL,
	`note` text,
	`created_by` text,
	`created_at` text NOT NULL,
	`closed_at` text
);
--> statement-breakpoint
CREATE INDEX `imm_sessions_date` ON `imm_sessions` (`session_date`);--> statement-breakpoint
CREATE TABLE `vaccine_schedules` (
	`id` text PRIMARY KEY NOT NULL,
	`owner_facility` text NOT NULL,
	`hlc` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`schedule_id` text NOT NULL,
	`family` text NOT NULL,
	`effective_from` text NOT NULL,
	`json` text NOT NULL,
	`loaded_by` text,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `vaccine_schedules_family` ON `vaccine_schedules` (`family`,`effective_from`);