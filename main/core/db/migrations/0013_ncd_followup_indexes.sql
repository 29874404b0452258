DROP INDEX `ncd_followups_enrollment`;--> statement-breakpoint
CREATE INDEX `ncd_followups_enrollment_cover` ON `ncd_followups` (`enrollment_id`,`followup_date`,`created_at`,`deleted`,`next_appointment`,`systolic`,`diastolic`,`glucose_mgdl`,`glucose_type`,`hba1c`,(medicines != '[]'));--> statement-breakpoint
CREATE INDEX `ncd_followups_person` ON `ncd_followups` (`person_id`,`followup_date`);