CREATE TABLE `sync_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`started_at` text NOT NULL,
	`finished_at` text,
	`via` text NOT NULL,
	`ok` integer,
	`pushed` integer DEFAULT 0 NOT NULL,
	`pulled` integer DEFAULT 0 NOT NULL,
	`rejected` integer DEFAULT 0 NOT NULL,
	`bytes_up` integer DEFAULT 0 NOT NULL,
	`bytes_down` integer DEFAULT 0 NOT NULL,
	`round_trips` integer DEFAULT 0 NOT NULL,
	`error_code` text,
	`error_detail` text
);
