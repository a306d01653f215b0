CREATE TABLE `discord_inbox` (
	`message_id` text PRIMARY KEY NOT NULL,
	`channel_id` text NOT NULL,
	`member_id` text NOT NULL,
	`conversation_id` text,
	`reply_channel_id` text,
	`reply_to_id` text,
	`status` text NOT NULL,
	`turn_id` integer,
	`parts` text,
	`parts_sent` integer DEFAULT 0 NOT NULL,
	`last_sent_id` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`received_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `discord_inbox_status_idx` ON `discord_inbox` (`status`,`received_at`);--> statement-breakpoint
CREATE INDEX `discord_inbox_received_idx` ON `discord_inbox` (`received_at`);--> statement-breakpoint
ALTER TABLE `checkin_deliveries` ADD `claimed_by` text;--> statement-breakpoint
CREATE INDEX `proposals_member_conversation_idx` ON `proposals` (`member_id`,`conversation_id`);