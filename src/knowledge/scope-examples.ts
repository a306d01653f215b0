import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KnowledgeFile } from './load.ts';

/** The folder of lines in members' words: what they ask about, what they do not, which card answers what, and what is only chatter. */
export const SCOPE_EXAMPLES_DIR = 'scope';
/**
 * Each file's lines: about the switch or not; `card-asks.txt` names the card
 * that answers each (`<card id><TAB><question>`); `small-talk.txt` names the
 * kind of chatter each is (`<kind><TAB><line>`), or `question` for a line
 * worded like chatter that asks something.
 */
const FILES = { 'in-scope.txt': 'in', 'off-topic.txt': 'off', 'card-asks.txt': 'card-asks', 'small-talk.txt': 'small-talk' } as const;
type FileKind = (typeof FILES)[keyof typeof FILES];
const MAX_LINE_CHARS = 500;

/** The kinds of chatter the coach answers in character, without the guides. */
export const SMALL_TALK_KINDS = [
  'greeting',
  'thanks',
  'goodbye',
  'identity',
  'abilities',
  'privacy',
  'wellbeing',
  'acknowledgement',
  'mood',
  'never-mind',
  'criticism',
] as const;
export type SmallTalkKind = (typeof SMALL_TALK_KINDS)[number];
/** A chatter example's label: its kind, or a line that only looks like chatter. */
export type TalkLabel = SmallTalkKind | 'question';
const TALK_LABELS = new Set<string>([...SMALL_TALK_KINDS, 'question']);

/**
 * A line in members' words: about the switch or not (`inScope`), for some the
 * card that answers it, and for the chatter examples their label (no `inScope`:
 * chatter is neither side of the topic).
 */
export type ScopeExample = { text: string; inScope?: boolean; card?: string; talk?: TalkLabel };

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
 * line too long to be a member's question, one filed on two sides (in scope
 * and off topic, or chatter and a question), a card ask naming no card in
 * `cardIds`, or chatter of no known kind fails naming the file and the line.
 */
export function parseScopeExamples(files: readonly KnowledgeFile[], cardIds: ReadonlySet<string>): ScopeExample[] {
  const seen = new Map<string, { where: string; side: Side }[]>();
  const examples: ScopeExample[] = [];
  for (const file of files) {
    const base = file.name.slice(SCOPE_EXAMPLES_DIR.length + 1);
    if (!Object.hasOwn(FILES, base)) throw new ScopeExamplesError(`${file.name}: not one of ${Object.keys(FILES).join(', ')}`);
    const kind = FILES[base as keyof typeof FILES];
    file.content.split('\n').forEach((raw, i) => {
      const line = raw.trim();
      if (!line || line.startsWith('#')) return;
      const where = `${file.name} line ${i + 1}`;
      const example = exampleOf(kind, line, where, cardIds);
      if (example.text.length > MAX_LINE_CHARS) throw new ScopeExamplesError(`${where}: longer than ${MAX_LINE_CHARS} characters`);
      const side = sideOf(example);
      const key = example.text.toLowerCase();
      const earlier = seen.get(key) ?? [];
      const clash = earlier.find((e) => !compatible(e.side, side));
      if (clash) throw new ScopeExamplesError(`${where}: also filed on another side, at ${clash.where}`);
      seen.set(key, [...earlier, { where, side }]);
      examples.push(example);
    });
  }
  return examples;
}

type Side = 'in' | 'off' | TalkLabel;
const sideOf = (example: ScopeExample): Side => example.talk ?? (example.inScope ? 'in' : 'off');
/** A line may be filed twice on one side; a chatter line labelled `question` may also be filed in scope or off topic. */
const compatible = (a: Side, b: Side) => a === b || (a === 'question' && (b === 'in' || b === 'off')) || (b === 'question' && (a === 'in' || a === 'off'));

function exampleOf(kind: FileKind, line: string, where: string, cardIds: ReadonlySet<string>): ScopeExample {
  if (kind === 'card-asks') {
    const [card, text] = labelled(line, where, 'a card id');
    if (!cardIds.has(card)) throw new ScopeExamplesError(`${where}: no card has the id "${card}"`);
    return { text, inScope: true, card };
  }
  if (kind === 'small-talk') {
    const [talk, text] = labelled(line, where, 'a kind of small talk');
    if (!TALK_LABELS.has(talk)) throw new ScopeExamplesError(`${where}: "${talk}" is not one of ${[...TALK_LABELS].join(', ')}`);
    return { text, talk: talk as TalkLabel };
  }
  return { text: line, inScope: kind === 'in' };
}

function labelled(line: string, where: string, what: string): [string, string] {
  const tab = line.indexOf('\t');
  const label = line.slice(0, Math.max(0, tab)).trim();
  const text = line.slice(tab + 1).trim();
  if (tab < 0 || !text) throw new ScopeExamplesError(`${where}: expected ${what}, a tab and a line`);
  return [label, text];
}
