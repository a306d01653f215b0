-- Full-text index over knowledge_chunks. Porter stemming over unicode61 so
-- "salaries" finds "salary"; bm25() weights columns at query time.
CREATE VIRTUAL TABLE `knowledge_fts` USING fts5(
	`chunk_id` UNINDEXED,
	`title`,
	`tags`,
	`body`,
	tokenize = 'porter unicode61 remove_diacritics 2'
);
