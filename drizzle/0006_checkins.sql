CREATE TABLE `checkin_deliveries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`member_id` text NOT NULL,
	`week` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer NOT NULL,
	`text` text,
	`claimed_at` integer NOT NULL,
	`sent_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `checkin_member_week` ON `checkin_deliveries` (`member_id`,`week`);--> statement-breakpoint
CREATE TABLE `checkin_schedules` (
	`member_id` text PRIMARY KEY NOT NULL,
	`weekday` integer NOT NULL,
	`time` text NOT NULL,
	`timezone` text NOT NULL,
	`enabled` integer NOT NULL,
	`undeliverable_at` integer,
	`updated_at` integer NOT NULL
);
