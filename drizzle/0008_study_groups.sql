CREATE TABLE `group_digests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`group_id` integer NOT NULL,
	`week` text NOT NULL,
	`status` text NOT NULL,
	`text` text,
	`claimed_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `group_digests_group_week` ON `group_digests` (`group_id`,`week`);--> statement-breakpoint
CREATE TABLE `group_members` (
	`group_id` integer NOT NULL,
	`member_id` text NOT NULL,
	`display_name` text NOT NULL,
	`share` integer NOT NULL,
	`joined_at` integer NOT NULL,
	PRIMARY KEY(`group_id`, `member_id`),
	FOREIGN KEY (`group_id`) REFERENCES `study_groups`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `study_groups` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`place` text NOT NULL,
	`name` text NOT NULL,
	`channel_id` text NOT NULL,
	`owner_id` text NOT NULL,
	`weekday` integer NOT NULL,
	`time` text NOT NULL,
	`timezone` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `study_groups_place_name` ON `study_groups` (`place`,`name`);