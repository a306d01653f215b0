import { count } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { knowledgeChunks } from '../db/schema.ts';

export type DiscordState = 'ready' | 'connecting' | 'off';
export type Health = { healthy: boolean; body: { db: 'ok' | 'error'; discord: DiscordState; knowledge_chunks: number } };

/** Healthy when the database answers and the gateway is ready (or Discord is not configured). */
export function checkHealth(db: Db, discord: DiscordState): Health {
  let chunks = 0;
  let dbOk = true;
  try {
    chunks = db.select({ n: count() }).from(knowledgeChunks).get()?.n ?? 0;
  } catch {
    dbOk = false;
  }
  return { healthy: dbOk && discord !== 'connecting', body: { db: dbOk ? 'ok' : 'error', discord, knowledge_chunks: chunks } };
}
