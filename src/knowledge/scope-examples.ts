import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KnowledgeFile } from './load.ts';
import type { TopicExample } from './topic-model.ts';

/** The folder of lines that teach the scope gate what members ask about and what they do not. */
export const SCOPE_EXAMPLES_DIR = 'scope';
const FILES = { 'in-scope.txt': true, 'off-topic.txt': false } as const;
const MAX_LINE_CHARS = 500;

export class ScopeExamplesError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScopeExamplesError';
  }
}

/** The example files as read, for hashing with the cards; none when the folder has no `scope/`. */
export function readScopeExampleFiles(knowledgeDir: string): KnowledgeFile[] {
  return Object.keys(FILES)
    .map((name) => ({ name: `${SCOPE_EXAMPLES_DIR}/${name}`, path: join(knowledgeDir, SCOPE_EXAMPLES_DIR, name) }))
    .filter(({ path }) => existsSync(path))
    .map(({ name, path }) => ({ name, content: readFileSync(path, 'utf8') }));
}

/**
 * One example a line; blank lines and lines opening with `#` are skipped. A
 * line too long to be a member's question, or one filed on both sides, fails
 * naming the file and the line.
 */
export function parseScopeExamples(files: readonly KnowledgeFile[]): TopicExample[] {
  const seen = new Map<string, string>();
  const examples: TopicExample[] = [];
  for (const file of files) {
    const base = file.name.slice(SCOPE_EXAMPLES_DIR.length + 1) as keyof typeof FILES;
    const inScope = FILES[base];
    if (inScope === undefined) throw new ScopeExamplesError(`${file.name}: not one of ${Object.keys(FILES).join(', ')}`);
    file.content.split('\n').forEach((raw, i) => {
      const text = raw.trim();
      if (!text || text.startsWith('#')) return;
      const where = `${file.name} line ${i + 1}`;
      if (text.length > MAX_LINE_CHARS) throw new ScopeExamplesError(`${where}: longer than ${MAX_LINE_CHARS} characters`);
      const key = text.toLowerCase();
      const earlier = seen.get(key);
      if (earlier?.startsWith(file.name) === false) throw new ScopeExamplesError(`${where}: also filed on the other side, at ${earlier}`);
      seen.set(key, where);
      examples.push({ text, inScope });
    });
  }
  return examples;
}
