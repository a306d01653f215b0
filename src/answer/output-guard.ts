import { stripInvisible } from '../core/sanitize.ts';
import { type FoldedWord, foldedWords, type KnownWords } from './fold-words.ts';

/** A run this long shared with our instructions is a copy of them, not a coincidence. */
export const LEAK_MIN_WORDS = 12;
/** Model text past this is cut: with max_tokens set a real answer is under ~3,500 characters. */
export const MAX_MODEL_TEXT_CHARS = 6000;
/** Fewer words than this left around a removed copy are not an answer. */
const MIN_MEANINGFUL_WORDS = 8;
const REMOVED = '[…]';
const PLACEHOLDER = /\{\{\w+\}\}/;

export const LEAK_REFUSAL =
  'I keep my instructions to myself, but I am glad to keep coaching: ask me about your plan, the skills to learn, your CV or interviews.';

export type GuardedText = {
  text: string;
  /** Words removed because they copied our instructions. */
  leakedWords: number;
  /** False when a copy was removed and too little is left to be worth showing. */
  meaningful: boolean;
};

/** Checks text a model wrote before anyone sees or stores it. */
export type OutputGuard = { check(modelText: string): GuardedText };

/**
 * Builds the guard over every text we give a model as instructions (prompt
 * templates, tool descriptions). Each template is split at its placeholders,
 * so what we fill in (excerpts, the member's own words) is never treated as
 * ours. The shingles are computed once here; a check costs one pass over the
 * model's words plus a set lookup per window of words that are all ours.
 */
export function createOutputGuard(instructions: string[], minWords = LEAK_MIN_WORDS): OutputGuard {
  const shingles = new Set<string>();
  const vocabulary = new Set<string>();
  for (const segment of instructions.flatMap((text) => text.split(PLACEHOLDER))) {
    const keys = foldedWords(segment).map((w) => w.key);
    for (let i = 0; i + minWords <= keys.length; i++) {
      const window = keys.slice(i, i + minWords);
      for (const key of window) vocabulary.add(key);
      shingles.add(window.join(' '));
    }
  }
  const known: KnownWords = { has: (key) => vocabulary.has(key), maxLength: Math.max(0, ...[...vocabulary].map((key) => key.length)) };

  const leakedFlags = (words: FoldedWord[]): Uint8Array => {
    const leaked = new Uint8Array(words.length);
    let ours = 0;
    for (let i = 0; i < words.length; i++) {
      ours = vocabulary.has(words[i]?.key ?? '') ? ours + 1 : 0;
      if (ours < minWords) continue;
      const first = i - minWords + 1;
      const window = words
        .slice(first, i + 1)
        .map((w) => w.key)
        .join(' ');
      if (shingles.has(window)) leaked.fill(1, first, i + 1);
    }
    return leaked;
  };

  return {
    check(modelText) {
      const text = capLength(stripInvisible(modelText).trim());
      const words = foldedWords(text, known);
      const leaked = leakedFlags(words);
      const leakedWords = leaked.reduce((sum, flag) => sum + flag, 0);
      if (leakedWords === 0) return { text, leakedWords, meaningful: true };
      let out = '';
      let from = 0;
      for (let i = 0; i < words.length; i++) {
        if (!leaked[i] || leaked[i - 1]) continue;
        let last = i;
        while (leaked[last + 1]) last++;
        out += `${text.slice(from, hugStart(text, words[i]?.start ?? 0, from))}${REMOVED}`;
        from = hugEnd(text, words[last]?.end ?? text.length);
      }
      out += text.slice(from);
      return { text: out.trim(), leakedWords, meaningful: words.length - leakedWords >= MIN_MEANINGFUL_WORDS };
    },
  };
}

/** Markup and punctuation touching a removed copy (`**`, quotes, a full stop) go with it. */
const hugStart = (text: string, at: number, floor: number) => {
  let i = at;
  while (i > floor && /[^\s\p{L}\p{N}]/u.test(text[i - 1] ?? '')) i--;
  return i;
};
const hugEnd = (text: string, at: number) => {
  let i = at;
  while (i < text.length && /[^\s\p{L}\p{N}]/u.test(text[i] ?? '')) i++;
  return i;
};

/** Cuts text over the cap at a space, without splitting a character, and says so. */
function capLength(text: string): string {
  if (text.length <= MAX_MODEL_TEXT_CHARS) return text;
  const space = text.lastIndexOf(' ', MAX_MODEL_TEXT_CHARS);
  let at = space > MAX_MODEL_TEXT_CHARS / 2 ? space : MAX_MODEL_TEXT_CHARS;
  const code = text.charCodeAt(at - 1);
  if (code >= 0xd800 && code <= 0xdbff) at--;
  return `${text.slice(0, at).trimEnd()} …`;
}
