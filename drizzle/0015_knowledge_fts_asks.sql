-- The full-text index gains the chunks' asks (member-style questions) as a
-- column of its own, weighted at query time. The index is rebuilt from
-- knowledge/ on start-up whenever its content hash changes, so no rows move.
DROP TABLE IF EXISTS `knowledge_fts`;--> statement-breakpoint
CREATE VIRTUAL TABLE `knowledge_fts` USING fts5(
	`chunk_id` UNINDEXED,
	`title`,
	`asks`,
	`tags`,
	`body`,
	tokenize = 'porter unicode61 remove_diacritics 2'
);--> statement-breakpoint
DELETE FROM `knowledge_state` WHERE `key` = 'content_hash';
