import type { Db } from '../db/client.ts';

export type DiscordState = 'ready' | 'connecting' | 'off';
export type Health = { healthy: boolean; body: { db: 'ok' | 'error'; discord: DiscordState; knowledge_chunks: number } };

/** Healthy when the database answers and the gateway is ready (or Discord is not configured). */
export function checkHealth(db: Db, discord: DiscordState): Health {
  let chunks = 0;
  let dbOk = true;
  try {
    chunks = db.$client.prepare('SELECT count(*) FROM knowledge_chunks').pluck().get() as number;
  } catch {
    dbOk = false;
  }
  return { healthy: dbOk && discord !== 'connecting', body: { db: dbOk ? 'ok' : 'error', discord, knowledge_chunks: chunks } };
}
