import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './support/cli.ts';

const ROOT = resolve(import.meta.dirname, '..');

describe('the compiled build the Docker image runs', () => {
  it('compiles, then answers from the guides with plain Node, from any working directory', () => {
    const build = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.build.json')], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(build.stdout + build.stderr).toBe('');
    expect(build.status).toBe(0);
    const dir = tempDir();
    const run = spawnSync(
      process.execPath,
      ['--max-semi-space-size=2', join(ROOT, 'dist/cli.js'), 'ask', '--json', 'How long does the switch to ML engineering take?'],
      {
        cwd: dir,
        env: { PATH: process.env.PATH ?? '', DATABASE_PATH: join(dir, 'pivot.db'), LOG_LEVEL: 'warn' },
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const answer = JSON.parse(run.stdout) as { mode: string; citations: unknown[] };
    expect(answer.mode).toBe('offline');
    expect(answer.citations.length).toBeGreaterThan(0);
  }, 180_000);

  it('ships production dependencies without development tooling, and the installed tree is consistent', () => {
    const ls = spawnSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], { cwd: ROOT, encoding: 'utf8' });
    expect(ls.status).toBe(0);
    const packages = ls.stdout.split('\n').map((line) => line.split('node_modules/').slice(1).join('node_modules/'));
    for (const tool of ['tsx', 'esbuild', 'drizzle-kit', 'typescript', 'vitest', '@biomejs/biome']) expect(packages).not.toContain(tool);
    // Type packages that runtime libraries pull in themselves are deleted by the Dockerfile; none is ours.
    const ours = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(Object.keys(ours.dependencies).filter((name) => name.startsWith('@types/') || name === 'tsx')).toEqual([]);
    expect(spawnSync('npm', ['ls'], { cwd: ROOT, encoding: 'utf8' }).status).toBe(0);
  }, 60_000);
});
