import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KnowledgeFile } from './load.ts';
import type { TopicExample } from './topic-model.ts';

/** The folder of lines in members' words: what they ask about, what they do not, and which card answers what. */
export const SCOPE_EXAMPLES_DIR = 'scope';
/** Each file's lines: about the switch or not; `card-asks.txt` names the card that answers each (`<card id><TAB><question>`). */
const FILES = { 'in-scope.txt': true, 'off-topic.txt': false, 'card-asks.txt': true } as const;
const CARD_ASKS = 'card-asks.txt';
const MAX_LINE_CHARS = 500;

/** A line in members' words: about the switch or not, and for some the card that answers it. */
export type ScopeExample = TopicExample & { card?: string };

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
 * line too long to be a member's question, one filed on both sides, or a card
 * ask naming no card in `cardIds` fails naming the file and the line.
 */
export function parseScopeExamples(files: readonly KnowledgeFile[], cardIds: ReadonlySet<string>): ScopeExample[] {
  const seen = new Map<string, { where: string; inScope: boolean }>();
  const examples: ScopeExample[] = [];
  for (const file of files) {
    const base = file.name.slice(SCOPE_EXAMPLES_DIR.length + 1) as keyof typeof FILES;
    const inScope = FILES[base];
    if (inScope === undefined) throw new ScopeExamplesError(`${file.name}: not one of ${Object.keys(FILES).join(', ')}`);
    file.content.split('\n').forEach((raw, i) => {
      const line = raw.trim();
      if (!line || line.startsWith('#')) return;
      const where = `${file.name} line ${i + 1}`;
      const [card, text] = base === CARD_ASKS ? cardAsk(line, where, cardIds) : [undefined, line];
      if (text.length > MAX_LINE_CHARS) throw new ScopeExamplesError(`${where}: longer than ${MAX_LINE_CHARS} characters`);
      const key = text.toLowerCase();
      const earlier = seen.get(key);
      if (earlier && earlier.inScope !== inScope) throw new ScopeExamplesError(`${where}: also filed on the other side, at ${earlier.where}`);
      seen.set(key, { where, inScope });
      examples.push(card ? { text, inScope, card } : { text, inScope });
    });
  }
  return examples;
}

function cardAsk(line: string, where: string, cardIds: ReadonlySet<string>): [string, string] {
  const tab = line.indexOf('\t');
  const card = line.slice(0, Math.max(0, tab)).trim();
  const text = line.slice(tab + 1).trim();
  if (tab < 0 || !text) throw new ScopeExamplesError(`${where}: expected a card id, a tab and a question`);
  if (!cardIds.has(card)) throw new ScopeExamplesError(`${where}: no card has the id "${card}"`);
  return [card, text];
}
