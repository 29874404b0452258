CREATE TABLE `appointments` (
	`id` text PRIMARY KEY NOT NULL,
	`owner_facility` text NOT NULL,
	`hlc` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`person_id` text NOT NULL,
	`visit_id` text NOT NULL,
	`status` text NOT NULL,
	`year` integer NOT NULL,
	`seq` integer NOT NULL,
	`number` text NOT NULL,
	`return_date` text NOT NULL,
	`diagnosis_text` text,
	`diagnoses` text NOT NULL,
	`comorbidities` text,
	`note` text,
	`physician_name` text,
	`physician_title` text,
	`physician_license` text,
	`form_version` text NOT NULL,
	`content` text NOT NULL,
	`issued_at` text NOT NULL,
	`issued_by` text,
	`cancelled_at` text,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`visit_id`) REFERENCES `visits`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `appointments_number` ON `appointments` (`owner_facility`,`year`,`seq`);--> statement-breakpoint
CREATE INDEX `appointments_person` ON `appointments` (`person_id`);--> statement-breakpoint
CREATE INDEX `appointments_visit` ON `appointments` (`visit_id`);--> statement-breakpoint
CREATE INDEX `appointments_return` ON `appointments` (`status`,`return_date`);--> statement-breakpoint
CREATE TABLE `facilities` (
	`id` text PRIMARY KEY NOT NULL,
	`owner_facility` text NOT NULL,
	`hlc` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`level` text,
	`address` text,
	`province_name` text,
	`active` integer DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `facilities_code` ON `facilities` (`code`);--> statement-breakpoint
CREATE TABLE `print_log` (
	`id` text PRIMARY KEY NOT NULL,
	`owner_facility` text NOT NULL,
	`hlc` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`document_type` text NOT NULL,
	`document_id` text NOT NULL,
	`version` integer NOT NULL,
	`number` text NOT NULL,
	`form_version` text NOT NULL,
	`printed_at` text NOT NULL,
	`printed_by` text,
	`printed_by_name` text,
	`workstation` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `print_log_document` ON `print_log` (`document_type`,`document_id`);--> statement-breakpoint
CREATE TABLE `referral_versions` (
	`id` text PRIMARY KEY NOT NULL,
	`owner_facility` text NOT NULL,
	`hlc` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`referral_id` text NOT NULL,
	`version` integer NOT NULL,
	`form_version` text NOT NULL,
	`number` text NOT NULL,
	`content` text NOT NULL,
	`note` text,
	`created_at` text NOT NULL,
	`created_by` text,
	`created_by_name` text,
	FOREIGN KEY (`referral_id`) REFERENCES `referrals`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `referral_versions_version` ON `referral_versions` (`referral_id`,`version`);--> statement-breakpoint
CREATE TABLE `referrals` (
	`id` text PRIMARY KEY NOT NULL,
	`owner_facility` text NOT NULL,
	`hlc` text NOT NULL,
	`deleted` integer DEFAULT false NOT NULL,
	`person_id` text NOT NULL,
	`visit_id` text,
	`destination_id` text NOT NULL,
	`status` text NOT NULL,
	`form_version` text NOT NULL,
	`year` integer,
	`seq` integer,
	`number` text,
	`record_number` text,
	`reason` text NOT NULL,
	`clinical_signs` text,
	`disease_course` text,
	`main_results` text,
	`diagnosis_text` text,
	`diagnoses` text NOT NULL,
	`procedures` text NOT NULL,
	`treatment` text,
	`medicines` text NOT NULL,
	`state_at_transfer` text,
	`treatment_direction` text,
	`transfer_at` text,
	`transport` text,
	`escort_name` text,
	`escort_title` text,
	`valid_one_year` integer DEFAULT false NOT NULL,
	`prior_care` text NOT NULL,
	`workplace` text,
	`physician_name` text,
	`physician_title` text,
	`physician_license` text,
	`version` integer DEFAULT 0 NOT NULL,
	`content` text,
	`issued_at` text,
	`issued_by` text,
	`created_at` text NOT NULL,
	`created_by` text,
	`created_by_name` text,
	`received_at` text,
	`receiving_diagnosis` text,
	`outcome` text,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`visit_id`) REFERENCES `visits`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`destination_id`) REFERENCES `facilities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `referrals_number` ON `referrals` (`owner_facility`,`year`,`seq`);--> statement-breakpoint
CREATE INDEX `referrals_person` ON `referrals` (`person_id`);--> statement-breakpoint
CREATE INDEX `referrals_visit` ON `referrals` (`visit_id`);--> statement-breakpoint
CREATE INDEX `referrals_status` ON `referrals` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `referrals_destination` ON `referrals` (`destination_id`);--> statement-breakpoint
-- Sample receiving facilities so a new station can refer at once (issue 5). Reference rows owned by no station
-- ('00000') with the lowest clock stamp, so any edit by the station or by sync wins. The 5-character codes are
-- placeholders to check against the province's BHYT facility list before exporting XML; the admin edits or
-- deactivates them under Chuyển tuyến → Cơ sở tiếp nhận.
INSERT INTO `facilities` (`id`, `owner_facility`, `hlc`, `deleted`, `code`, `name`, `level`, `address`, `province_name`, `active`) VALUES
('01900000-0000-7000-8000-00000000f001', '00000', '000000000000000-0000-seed', 0, '15001', 'Bệnh viện Đa khoa tỉnh Lào Cai', 'co_ban', 'Phường Cam Đường, Tỉnh Lào Cai', 'Tỉnh Lào Cai', 1),
('01900000-0000-7000-8000-00000000f002', '00000', '000000000000000-0000-seed', 0, '15002', 'Bệnh viện Sản Nhi tỉnh Lào Cai', 'co_ban', 'Phường Cam Đường, Tỉnh Lào Cai', 'Tỉnh Lào Cai', 1),
('01900000-0000-7000-8000-00000000f003', '00000', '000000000000000-0000-seed', 0, '15010', 'Trung tâm Y tế khu vực Bảo Thắng', 'co_ban', 'Xã Bảo Thắng, Tỉnh Lào Cai', 'Tỉnh Lào Cai', 1),
('01900000-0000-7000-8000-00000000f004', '00000', '000000000000000-0000-seed', 0, '15011', 'Trung tâm Y tế khu vực Bảo Yên', 'co_ban', 'Xã Bảo Yên, Tỉnh Lào Cai', 'Tỉnh Lào Cai', 1),
('01900000-0000-7000-8000-00000000f005', '00000', '000000000000000-0000-seed', 0, '15003', 'Bệnh viện Y dược cổ truyền tỉnh Lào Cai', 'co_ban', 'Phường Cam Đường, Tỉnh Lào Cai', 'Tỉnh Lào Cai', 1);
