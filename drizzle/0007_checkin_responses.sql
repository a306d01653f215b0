ALTER TABLE `checkin_deliveries` ADD `response` text;--> statement-breakpoint
ALTER TABLE `checkin_deliveries` ADD `blocker` text;