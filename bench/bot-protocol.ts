// What the runner and the bot's process say to each other over the IPC channel. The runner plays Discord and the
// members; the child process is the bot, so its memory and start-up are the bot's alone.
import { type ChildProcess, execFileSync, fork } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { AnswerLoad } from './answer-load.ts';

export type DiscordEndpoint = { token: string; appId: string; apiURL: string };

/** Given to the bot's process on its command line. */
export type BotSettings = { databasePath: string; discord: DiscordEndpoint };

export type ToBot =
  | { kind: 'answers'; load: AnswerLoad; retrievalPasses: number }
  | { kind: 'checkins'; discord: DiscordEndpoint; members: number; concurrency: number };

export type FromBot =
  | { kind: 'ready'; importMs: number; appMs: number; loginMs: number; readyMs: number; startRssMb: number; rssMb: number }
  // The timed calls' prompts come first, a batch per message as the answers run: kept until the end and sent as one
  // message they would be the biggest thing in the bot's memory, and the figure is the bot's memory, not the benchmark's.
  | { kind: 'prompts'; prompts: string[][] }
  | { kind: 'answers'; retrieval: number[]; answers: number[]; cpuMsPerAnswer: number; promptBatches: number; rssMb: number }
  | { kind: 'checkins'; ms: number; sent: number; failed: number; skipped: number; rssMb: number }
  | { kind: 'done'; peakRssMb: number };

export type BotProcess = {
  send(message: ToBot): void;
  /** The bot's next message of this kind; rejects if the process exits first or the time runs out. */
  next<K extends FromBot['kind']>(kind: K, timeoutMs: number): Promise<Extract<FromBot, { kind: K }>>;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
  stop(): void;
};

const ROOT = resolve(import.meta.dirname, '..');
const BUILD_DIR = join(ROOT, 'data', 'bench', 'build');

/**
 * Compiles the bot's process and the app to JavaScript, as `npm run build` does for the Docker image, so the
 * bot runs on plain Node and its memory and start-up are what production sees (no TypeScript loader).
 */
export function compileBotProcess(): string {
  mkdirSync(BUILD_DIR, { recursive: true });
  const config = join(BUILD_DIR, 'tsconfig.json');
  writeFileSync(
    config,
    JSON.stringify({
      extends: relative(BUILD_DIR, join(ROOT, 'tsconfig.json')),
      compilerOptions: { noEmit: false, rewriteRelativeImportExtensions: true, rootDir: relative(BUILD_DIR, ROOT), outDir: '.' },
      include: [],
      files: [relative(BUILD_DIR, join(ROOT, 'bench', 'bot-process.ts'))],
    }),
  );
  execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', config], { stdio: ['ignore', 2, 2] });
  return join(BUILD_DIR, 'bench', 'bot-process.js');
}

/**
 * Starts the compiled bot's process (see compileBotProcess) with plain Node and the Docker image's flags (a small
 * young generation: short-lived objects are collected sooner instead of growing the heap). Output goes to stderr.
 */
export function startBotProcess(entry: string, settings: BotSettings): BotProcess {
  const child: ChildProcess = fork(entry, [JSON.stringify(settings)], {
    cwd: ROOT,
    execArgv: ['--max-semi-space-size=2'],
    stdio: ['ignore', 2, 2, 'ipc'],
  });
  const inbox: FromBot[] = [];
  const waiters = new Set<{ kind: string; resolve: (m: FromBot) => void; reject: (e: Error) => void }>();
  let ended: Error | undefined;
  child.on('message', (raw) => {
    const message = raw as FromBot;
    for (const waiter of waiters) {
      if (waiter.kind === message.kind) {
        waiters.delete(waiter);
        waiter.resolve(message);
        return;
      }
    }
    inbox.push(message);
  });
  const exited = new Promise<number | null>((done) => {
    child.on('exit', (code, signal) => {
      ended = new Error(`the bot's process ended (${signal ?? `exit code ${code}`})`);
      for (const waiter of waiters) waiter.reject(ended);
      waiters.clear();
      done(code);
    });
  });
  return {
    send: (message) => child.send(message),
    next(kind, timeoutMs) {
      const queued = inbox.findIndex((m) => m.kind === kind);
      if (queued >= 0) return Promise.resolve(inbox.splice(queued, 1)[0] as Extract<FromBot, { kind: typeof kind }>);
      if (ended) return Promise.reject(ended);
      return new Promise((resolvePromise, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`the bot's process sent no "${kind}" within ${timeoutMs / 1000} s`));
        }, timeoutMs);
        const waiter = {
          kind,
          resolve: (m: FromBot) => {
            clearTimeout(timer);
            resolvePromise(m as Extract<FromBot, { kind: typeof kind }>);
          },
          reject: (e: Error) => {
            clearTimeout(timer);
            reject(e);
          },
        };
        waiters.add(waiter);
      });
    },
    exited,
    stop: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill();
    },
  };
}
