CREATE TABLE `prescription_items` (
	`id` text PRIMARY KEY NOT NULL,
	`owner_facility` text NOT NULL,
	`hlc` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`visit_id` text NOT NULL,
	`medicine_id` text,
	`medicine_name` text NOT NULL,
	`strength` text,
	`unit` text NOT NULL,
	`dose` text,
	`quantity` real NOT NULL,
	`days` integer NOT NULL,
	`instructions` text,
	`sort` integer NOT NULL,
	FOREIGN KEY (`visit_id`) REFERENCES `visits`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `prescription_items_visit` ON `prescription_items` (`visit_id`);--> statement-breakpoint
CREATE INDEX `prescription_items_medicine` ON `prescription_items` (`medicine_id`);--> statement-breakpoint
CREATE TABLE `visit_diagnoses` (
	`id` text PRIMARY KEY NOT NULL,
	`owner_facility` text NOT NULL,
	`hlc` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`visit_id` text NOT NULL,
	`icd_code` text NOT NULL,
	`icd_name` text NOT NULL,
	`is_main` integer NOT NULL,
	`sort` integer NOT NULL,
	FOREIGN KEY (`visit_id`) REFERENCES `visits`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `visit_diagnoses_visit` ON `visit_diagnoses` (`visit_id`);--> statement-breakpoint
CREATE INDEX `visit_diagnoses_icd` ON `visit_diagnoses` (`icd_code`);--> statement-breakpoint
CREATE TABLE `visits` (
	`id` text PRIMARY KEY NOT NULL,
	`owner_facility` text NOT NULL,
	`hlc` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`person_id` text NOT NULL,
	`kind` text DEFAULT 'general' NOT NULL,
	`visit_date` text NOT NULL,
	`queue_number` integer NOT NULL,
	`arrived_at` text NOT NULL,
	`reason` text NOT NULL,
	`insured` integer NOT NULL,
	`bhyt_card_code` text,
	`status` text NOT NULL,
	`examiner_user_id` text,
	`examiner_name` text,
	`pulse` integer,
	`temperature` real,
	`systolic` integer,
	`diastolic` integer,
	`respiratory_rate` integer,
	`weight_kg` real,
	`height_cm` real,
	`spo2` integer,
	`waist_cm` real,
	`symptoms` text,
	`history` text,
	`findings` text,
	`treatment` text,
	`advice` text,
	`return_date` text,
	`outcome` text,
	`finished_at` text,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `visits_date_queue` ON `visits` (`owner_facility`,`visit_date`,`queue_number`);--> statement-breakpoint
CREATE INDEX `visits_person_date` ON `visits` (`person_id`,`visit_date`);