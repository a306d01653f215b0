import { openDatabase } from '../../src/db/client.ts';
import { ensureKnowledgeIndex } from '../../src/knowledge/index-store.ts';
import { DEFAULT_KNOWLEDGE_DIR } from '../../src/knowledge/load.ts';

/** A fresh, really migrated in-memory database indexed from the shipped knowledge base. */
export function shippedKnowledgeDb() {
  const db = openDatabase(':memory:');
  ensureKnowledgeIndex(db, DEFAULT_KNOWLEDGE_DIR);
  return db;
}
