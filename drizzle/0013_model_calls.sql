CREATE TABLE `model_calls` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`member_id` text NOT NULL,
	`purpose` text NOT NULL,
	`model` text NOT NULL,
	`status` text NOT NULL,
	`prompt_tokens` integer NOT NULL,
	`completion_tokens` integer NOT NULL,
	`estimated` integer NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `model_calls_member_time_idx` ON `model_calls` (`member_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `model_calls_created_idx` ON `model_calls` (`created_at`);