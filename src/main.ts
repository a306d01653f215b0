import { join } from 'node:path';
import { createOutputGuard } from './answer/output-guard.ts';
import { loadPrompts, modelInstructions } from './answer/prompts.ts';
import { createTurnStore } from './answer/turns.ts';
import { buildCommandRegistry } from './commands/index.ts';
import type { CommandRegistry, CoreDeps } from './commands/registry.ts';
import type { Config } from './config.ts';
import type { Db } from './db/client.ts';
import { watchDatabaseFile } from './db/file-watch.ts';
import { openDatabaseOrExplain } from './db/open-errors.ts';
import { loadQuestionBank } from './interview/bank.ts';
import { ensureKnowledgeIndex, type IndexProgress, type IndexStatus } from './knowledge/index-store.ts';
import { DEFAULT_KNOWLEDGE_DIR } from './knowledge/load.ts';
import { createOpenAiLlm, type Llm } from './llm/client.ts';
import { createMeteredLlm } from './llm/metered.ts';
import type { Logger } from './log.ts';
import { PROPOSE_MILESTONE_TOOL } from './members/proposals.ts';
import { loadRoadmaps } from './members/roadmap.ts';
import { createMentorSignIn } from './mentors/sign-in.ts';
import { loadResumeVocabulary } from './resume/vocabulary.ts';

export type App = {
  config: Config;
  log: Logger;
  db: Db;
  knowledge: IndexStatus;
  core: CoreDeps;
  commands: CommandRegistry;
  close(): void;
};

export type AppOptions = {
  config: Config;
  log: Logger;
  onIndexProgress?: IndexProgress;
  /** Replaces the configured model (tests, benchmarks); `null` forces offline answers. */
  llm?: Llm | null;
  now?: () => number;
  /** Told if the database file is deleted or replaced while the app runs (not watched without it). */
  onDatabaseLost?: (message: string) => void;
};

/** The composition root: builds everything once and hands it to whoever needs it. */
export function createApp(options: AppOptions): App {
  const { config, log } = options;
  const db = openDatabaseOrExplain(config.databasePath);
  const { onDatabaseLost } = options;
  const watch =
    onDatabaseLost && config.databasePath !== ':memory:'
      ? watchDatabaseFile(config.databasePath, (why) =>
          onDatabaseLost(
            `The database file ${config.databasePath} ${why} while Pivot was running; stopping, since nothing written now would be kept. Restore it from a backup and start Pivot again.`,
          ),
        )
      : undefined;
  const knowledgeDir = config.knowledgeDir ?? DEFAULT_KNOWLEDGE_DIR;
  const started = performance.now();
  const knowledge = ensureKnowledgeIndex(db, knowledgeDir, options.onIndexProgress);
  if (knowledge.rebuilt) {
    log.info({ chunks: knowledge.chunks, ms: Math.round(performance.now() - started) }, 'knowledge index rebuilt');
  } else {
    log.debug({ chunks: knowledge.chunks }, 'knowledge index up to date');
  }
  const prompts = loadPrompts();
  const endpoint = options.llm === undefined ? (config.llm ? createOpenAiLlm(config.llm) : undefined) : (options.llm ?? undefined);
  const now = options.now ?? Date.now;
  // Commands get only the metered gateway, so no model call escapes the limits or the usage records.
  const llm = endpoint && createMeteredLlm({ llm: endpoint, db, limits: config.limits, now });
  const core: CoreDeps = {
    db,
    turns: createTurnStore(db),
    roadmaps: loadRoadmaps(join(knowledgeDir, 'roadmaps')),
    interviews: loadQuestionBank(join(knowledgeDir, 'interview-questions.json')),
    resumeVocabulary: loadResumeVocabulary(knowledgeDir),
    llm,
    prompts,
    outputGuard: createOutputGuard(modelInstructions(prompts, [PROPOSE_MILESTONE_TOOL])),
    limits: config.limits,
    log,
    now,
    coachChannelIds: config.discord?.coachChannelIds,
    dashboard: config.web && createMentorSignIn(config.web.publicUrl ?? `http://${config.web.host}:${config.web.port}`, now),
  };
  return {
    config,
    log,
    db,
    knowledge,
    core,
    commands: buildCommandRegistry(),
    close: () => {
      watch?.stop();
      db.$client.close();
    },
  };
}
