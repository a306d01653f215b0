/**
 * Checks for hostile-input tests, written apart from the code they check:
 * copied prompt text, another member's data, pings, masked links, invisible
 * characters, and every table's rows before and after.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Db } from '../../src/db/client.ts';
import { PROPOSE_MILESTONE_TOOL } from '../../src/members/proposals.ts';

export const RUN_WORDS = 12;

const PROMPTS_DIR = resolve(import.meta.dirname, '../../prompts');
const LOOKALIKE: Record<string, string> = { а: 'a', е: 'e', о: 'o', с: 'c', р: 'p', х: 'x', у: 'y', і: 'i' };

/** Lower-case words as a reader sees them: accents, styled letters, look-alikes and invisible characters do not count. */
export function readerWords(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/[\p{Cf}\p{M}]/gu, '')
    .toLowerCase()
    .replace(/[а-яі]/g, (c) => LOOKALIKE[c] ?? ' ')
    .split(/[^a-z0-9£$%]+/)
    .filter(Boolean);
}

const ourTexts = [
  ...readdirSync(PROMPTS_DIR)
    .filter((f) => f.endsWith('.md'))
    .flatMap((f) => readFileSync(join(PROMPTS_DIR, f), 'utf8').split(/\{\{\w+\}\}/)),
  PROPOSE_MILESTONE_TOOL.function.description,
];
/**
 * The letters a reader makes out, in order, with nothing between words: so a
 * copy is found however its words are joined or split (invisible characters
 * or combining marks in place of spaces). Look-alike letters, small capitals,
 * a dotless i and leetspeak digits read as the letters they imitate.
 */
const READER_LETTERS: Record<string, string> = {
  ...LOOKALIKE,
  ı: 'i',
  ɪ: 'i',
  l: 'i',
  '1': 'i',
  '0': 'o',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  $: 's',
  ...Object.fromEntries([...'ᴀʙᴄᴅᴇꜰɢʜɪᴊᴋʟᴍɴᴏᴘꞯʀꜱᴛᴜᴠᴡxʏᴢ'].map((c, i) => [c, String.fromCharCode(97 + i)])),
};
function readerLetters(text: string): string {
  return [
    ...text
      .normalize('NFKD')
      .replace(/[\p{Cf}\p{M}\p{Default_Ignorable_Code_Point}]/gu, '')
      .toLowerCase(),
  ]
    .map((c) => READER_LETTERS[c] ?? c)
    .join('')
    .replace(/[^a-z]/g, '');
}

const promptWindows = ourTexts.flatMap((text) => {
  const words = readerWords(text);
  return words.slice(0, Math.max(0, words.length - RUN_WORDS + 1)).map((_, i) => words.slice(i, i + RUN_WORDS).join(' '));
});
const promptWindowLetters = promptWindows.map((window) => [window, readerLetters(window)] as const);

/** The first run of 12 words the text shares with our prompts or tool descriptions, however dressed, if any. */
export function promptRun(text: string): string | undefined {
  const letters = readerLetters(text);
  return promptWindowLetters.find(([, windowLetters]) => letters.includes(windowLetters))?.[0];
}

/** Another member, seeded with a unique marker in every field we store. */
export const VICTIM = {
  id: '900000000000000777',
  markers: {
    role: 'qz7role',
    stack: 'qz7stack',
    goal: 'qz7goal',
    project: 'qz7project',
    summary: 'qz7summary',
    url: 'qz7url',
    question: 'qz7question',
    answer: 'qz7answer',
  },
};

/** The victim's markers found in a text, however it is dressed. */
export function victimMarkersIn(text: string): string[] {
  const words = readerWords(text).join('');
  return Object.values(VICTIM.markers).filter((m) => words.includes(m));
}

/** Mention syntax Discord would render as a ping or a pill. */
export const RAW_MENTION = /@(everyone|here)\b|<@[!&]?\d+>/;
/** `[label](http…)`: a link whose label hides its target. */
export const MASKED_LINK = /\]\(\s*<?https?:/i;
/** Control, bidirectional and zero-width characters (tab and newline allowed). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
export const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;

export type TableRows = Map<string, string[]>;

/** Every row of every table (SQLite's own bookkeeping and virtual tables aside; their shadow tables are included). */
export function snapshotTables(db: Db): TableRows {
  const tables = db.$client
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name")
    .pluck()
    .all() as string[];
  return new Map(tables.map((t) => [t, (db.$client.prepare(`SELECT * FROM "${t}"`).all() as unknown[]).map((r) => JSON.stringify(r)).sort()]));
}

export type TableChange = { table: string; removed: string[]; added: string[] };

/** Rows that disappeared or appeared, per table. */
export function tableChanges(before: TableRows, after: TableRows): TableChange[] {
  const names = [...new Set([...before.keys(), ...after.keys()])];
  return names.flatMap((table) => {
    const was = before.get(table) ?? [];
    const now = after.get(table) ?? [];
    const removed = was.filter((r) => !now.includes(r));
    const added = now.filter((r) => !was.includes(r));
    return removed.length || added.length ? [{ table, removed, added }] : [];
  });
}
