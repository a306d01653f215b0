import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * One retrievable piece of the knowledge base. Rebuilt from `knowledge/*.md`
 * whenever their content hash changes; the FTS5 table `knowledge_fts`
 * (a custom migration, drizzle has no virtual tables) indexes the same rows.
 */
export const knowledgeChunks = sqliteTable('knowledge_chunks', {
  id: text('id').primaryKey(),
  file: text('file').notNull(),
  position: integer('position').notNull(),
  title: text('title').notNull(),
  tags: text('tags', { mode: 'json' }).$type<string[]>().notNull(),
  sources: text('sources', { mode: 'json' }).$type<string[]>().notNull(),
  body: text('body').notNull(),
});

/** Small key/value facts about the knowledge index, such as the content hash it was built from. */
export const knowledgeState = sqliteTable('knowledge_state', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});
