CREATE TABLE `practice_sessions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`member_id` text NOT NULL,
	`conversation_id` text NOT NULL,
	`question_id` text NOT NULL,
	`status` text NOT NULL,
	`answer` text,
	`scores` text,
	`feedback` text,
	`mode` text,
	`asked_at` integer NOT NULL,
	`answered_at` integer
);
--> statement-breakpoint
CREATE INDEX `practice_member_idx` ON `practice_sessions` (`member_id`,`id`);