CREATE TABLE `knowledge_chunks` (
	`id` text PRIMARY KEY NOT NULL,
	`file` text NOT NULL,
	`position` integer NOT NULL,
	`title` text NOT NULL,
	`tags` text NOT NULL,
	`sources` text NOT NULL,
	`body` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `knowledge_state` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
