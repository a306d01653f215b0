// The benchmark dataset: a SQLite file built through the real migrations, kept in data/bench/ and reused while its
// stamp (generator version and parameters) matches. Each run works on a copy, so runs never change the dataset.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openDatabase } from '../src/db/client.ts';
import { ensureKnowledgeIndex } from '../src/knowledge/index-store.ts';
import { DEFAULT_KNOWLEDGE_DIR } from '../src/knowledge/load.ts';
import { loadRoadmaps } from '../src/members/roadmap.ts';
import { DATASET_NOW, type DatasetSpec, insertMembers, insertTurns } from './dataset-rows.ts';
import { progress } from './progress.ts';

/** Bump when the rows the generator writes change, so stale datasets are rebuilt. */
const GENERATOR_VERSION = 2;

export const FULL_DATASET: DatasetSpec = { members: 10_000, turns: 1_000_000 };
export const QUICK_DATASET: DatasetSpec = { members: 1_000, turns: 50_000 };

export const BENCH_DATA_DIR = resolve(import.meta.dirname, '../data/bench');

type Stamp = { generator: number; members: number; turns: number; endsAt: string };

const stampFor = (spec: DatasetSpec): Stamp => ({
  generator: GENERATOR_VERSION,
  members: spec.members,
  turns: spec.turns,
  endsAt: new Date(DATASET_NOW).toISOString(),
});

const log = (line: string) => process.stderr.write(`${line}\n`);

function readStamp(file: string): Stamp | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Stamp;
  } catch {
    return undefined;
  }
}

/**
 * The dataset file for `spec`, generated when missing or stamped by another generator version. A reused dataset is
 * brought up to date with any new migration and knowledge change once, here, so runs do not pay for it.
 */
export function ensureDataset(spec: DatasetSpec): string {
  mkdirSync(BENCH_DATA_DIR, { recursive: true });
  const name = `dataset-${spec.members}m-${spec.turns}t`;
  const file = join(BENCH_DATA_DIR, `${name}.db`);
  const stampFile = join(BENCH_DATA_DIR, `${name}.json`);
  const expected = JSON.stringify(stampFor(spec));
  if (existsSync(file) && JSON.stringify(readStamp(stampFile)) === expected) {
    log(`dataset: reusing ${name}`);
    const db = openDatabase(file);
    ensureKnowledgeIndex(db, DEFAULT_KNOWLEDGE_DIR);
    db.$client.close();
    return file;
  }
  generate(spec, file);
  writeFileSync(stampFile, `${expected}\n`);
  return file;
}

function generate(spec: DatasetSpec, file: string): void {
  const n = (value: number) => value.toLocaleString('en-GB');
  log(`dataset: generating ${n(spec.members)} members and ${n(spec.turns)} turns (once; reused by later runs)`);
  const started = performance.now();
  const partial = `${file}.partial`;
  for (const f of [file, partial, `${partial}-wal`, `${partial}-shm`]) rmSync(f, { force: true });
  const db = openDatabase(partial);
  ensureKnowledgeIndex(db, DEFAULT_KNOWLEDGE_DIR);
  const sql = db.$client;
  // A file nobody else reads until it is renamed: no write-ahead log to copy back, no syncs, a large cache for
  // building the indexes. (better-sqlite3's defensive mode refuses journal_mode = OFF; MEMORY journals only the
  // few pages that existed before the transaction.)
  sql.pragma('journal_mode = MEMORY');
  sql.pragma('synchronous = OFF');
  sql.pragma('cache_size = -262144');
  const roadmaps = loadRoadmaps(join(DEFAULT_KNOWLEDGE_DIR, 'roadmaps'));
  sql.transaction(() => {
    insertMembers(db, spec, roadmaps, progress('dataset members', spec.members));
    insertTurns(db, spec, progress('dataset turns', spec.turns));
  })();
  sql.pragma('journal_mode = WAL');
  sql.close();
  renameSync(partial, file);
  log(`dataset: ready in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

/** A throwaway copy of the dataset for one run; remove it with `removeWorkingCopy`. */
export function workingCopy(dataset: string): string {
  removeAbandonedCopies();
  const copy = join(BENCH_DATA_DIR, `run-${process.pid}.db`);
  removeWorkingCopy(copy);
  copyFileSync(dataset, copy);
  return copy;
}

/** Copies left by runs that were interrupted (their process is gone); each is as large as the dataset. */
function removeAbandonedCopies(): void {
  for (const name of readdirSync(BENCH_DATA_DIR)) {
    const pid = Number(/^run-(\d+)\.db$/.exec(name)?.[1]);
    if (pid && !isRunning(pid)) removeWorkingCopy(join(BENCH_DATA_DIR, name));
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function removeWorkingCopy(copy: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${copy}${suffix}`, { force: true });
}
