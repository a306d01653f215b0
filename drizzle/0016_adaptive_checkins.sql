CREATE TABLE `checkin_reminders` (
	`member_id` text NOT NULL,
	`week` text NOT NULL,
	`remind_at` integer NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`claimed_at` integer,
	`claimed_by` text,
	`sent_at` integer,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`member_id`, `week`)
);
--> statement-breakpoint
CREATE INDEX `checkin_reminders_due_idx` ON `checkin_reminders` (`status`,`remind_at`);--> statement-breakpoint
ALTER TABLE `checkin_deliveries` ADD `answered_at` integer;--> statement-breakpoint
ALTER TABLE `checkin_deliveries` ADD `milestone_id` text;--> statement-breakpoint
ALTER TABLE `checkin_schedules` ADD `paused_until` integer;--> statement-breakpoint
ALTER TABLE `checkin_schedules` ADD `active_at` integer;--> statement-breakpoint
ALTER TABLE `checkin_schedules` ADD `quiet_stopped_at` integer;--> statement-breakpoint
ALTER TABLE `study_groups` ADD `thread_id` text;