CREATE TABLE `members` (
	`id` text PRIMARY KEY NOT NULL,
	`role` text,
	`years` integer,
	`stack` text,
	`track` text,
	`hours` integer,
	`market` text,
	`timezone` text,
	`target_date` text,
	`goal` text,
	`onboarding_step` text,
	`onboarding_offered_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `milestone_progress` (
	`member_id` text NOT NULL,
	`milestone_id` text NOT NULL,
	`done_at` integer NOT NULL,
	PRIMARY KEY(`member_id`, `milestone_id`),
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `projects` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`member_id` text NOT NULL,
	`name` text NOT NULL,
	`url` text,
	`summary` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `proposals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`member_id` text NOT NULL,
	`conversation_id` text NOT NULL,
	`milestone_id` text NOT NULL,
	`status` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `state_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`member_id` text NOT NULL,
	`kind` text NOT NULL,
	`undo` text NOT NULL,
	`undone_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `state_changes_member_idx` ON `state_changes` (`member_id`,`id`);