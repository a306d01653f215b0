import type { Config } from './config.ts';
import { type Db, openDatabase } from './db/client.ts';
import { type IndexProgress, type IndexStatus, ensureKnowledgeIndex } from './knowledge/index-store.ts';
import { DEFAULT_KNOWLEDGE_DIR } from './knowledge/load.ts';
import type { Logger } from './log.ts';

export type App = {
  config: Config;
  log: Logger;
  db: Db;
  knowledge: IndexStatus;
  close(): void;
};

/** The composition root: builds everything once and hands it to whoever needs it. */
export function createApp(options: { config: Config; log: Logger; onIndexProgress?: IndexProgress }): App {
  const { config, log } = options;
  const db = openDatabase(config.databasePath);
  const knowledgeDir = config.knowledgeDir ?? DEFAULT_KNOWLEDGE_DIR;
  const started = performance.now();
  const knowledge = ensureKnowledgeIndex(db, knowledgeDir, options.onIndexProgress);
  if (knowledge.rebuilt) {
    log.info({ chunks: knowledge.chunks, ms: Math.round(performance.now() - started) }, 'knowledge index rebuilt');
  } else {
    log.debug({ chunks: knowledge.chunks }, 'knowledge index up to date');
  }
  return { config, log, db, knowledge, close: () => db.$client.close() };
}
