import type { Db } from '../db/client.ts';
import type { Logger } from '../log.ts';

/**
 * What a function of any layer may be handed: the database, the log and the clock.
 * Each folder widens it with what it adds (`AnswerDeps` in answer/answer.ts,
 * `ResumeDeps`, `InterviewDeps`, `GroupDeps` in their folders' deps.ts), and
 * `CoreDeps` (commands/registry.ts) is the whole set a command handler receives.
 */
export type BaseDeps = { db: Db; log: Logger; now: () => number };
