CREATE TABLE `turns` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`member_id` text NOT NULL,
	`conversation_id` text NOT NULL,
	`question` text NOT NULL,
	`answer` text NOT NULL,
	`chunk_ids` text NOT NULL,
	`cited_ids` text NOT NULL,
	`mode` text NOT NULL,
	`model` text,
	`prompt_tokens` integer DEFAULT 0 NOT NULL,
	`completion_tokens` integer DEFAULT 0 NOT NULL,
	`latency_ms` integer NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `turns_conversation_idx` ON `turns` (`conversation_id`,`id`);--> statement-breakpoint
CREATE INDEX `turns_member_time_idx` ON `turns` (`member_id`,`created_at`);