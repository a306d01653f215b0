/** Pieces every part of the honesty guard shares: word boundaries, spans, phrase patterns, fixed phrases. */

/** Letters and digits of the scripts that separate words with spaces: a tool or number touching one is part of a longer word. */
export const W = 'A-Za-z0-9_\\u00C0-\\u024F\\u0370-\\u03FF\\u0400-\\u04FF';
export const L = 'A-Za-z\\u00C0-\\u024F\\u0370-\\u03FF\\u0400-\\u04FF';
export const SP = '[ \\t\\u00A0\\u202F]';

export const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
/** A literal phrase as a pattern, any run of spaces between its words. */
export const phrasePattern = (s: string) => escapeRe(s).replace(/ +/g, `${SP}+`);
export const collapse = (s: string) => s.replace(/\s+/g, ' ');
export const round = (n: number) => Number(n.toPrecision(12));

/** `needle` occurs in `haystack` as whole words, case-insensitively. */
export function containsWords(haystack: string, needle: string): boolean {
  const n = needle.trim();
  if (!n) return false;
  const before = /^[A-Za-z0-9_]/.test(n) ? `(?<![${W}])` : '';
  const after = /[A-Za-z0-9_]$/.test(n) ? `(?![${W}])` : '';
  return new RegExp(`${before}${phrasePattern(n)}${after}`, 'iu').test(haystack);
}

export type Span = { start: number; end: number };

/** What the guard puts in place of a fact the member did not give. */
export const PLACEHOLDERS = ['[metric]', '[tool]', '[employer]', '[title]', '[credential]', '[ML work]'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

export type Candidate = Span & {
  /** A placeholder, or for an upgraded verb the member's own level of part ("contributed to"). */
  replacement: string;
  /** Lower wins an overlap: titles, credentials, employers named after "at", tools, other employers, tech-looking words, ML scope, numbers. */
  priority: number;
  allowed: boolean;
};

/** Offers a span of a rewrite for replacement; the guard keeps, of overlapping spans, the lowest priority. */
export type AddCandidate = (start: number, end: number, replacement: string, priority: number, allowed: boolean) => void;

export const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;

export function* matches(re: RegExp, text: string): Generator<RegExpExecArray> {
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0] === '') re.lastIndex++;
    yield m;
  }
}

/** Spans that are never facts: fixed phrases ("go-live", "24/7", "TF-IDF", "R&D"), list numbering, placeholders. */
export const IGNORE_RE = new RegExp(
  `(?<![${W}])(?:go[- ]live|go-to(?:-market)?|tf-idf|r&d|24/7|24x7|1:1s?|1-on-1s?|one-on-ones?|covid-19|2fa|[23]-?d|a/b|utf-8|iso[- ]?8601|iso[- ]?27001|soc[- ]?2|b2b|b2c)(?![${W}])`,
  'giu',
);
const LIST_NUMBER_RE = /^[ \t]*(?:[-*•·▪◦–—][ \t]*)?\d{1,2}[.)](?=[ \t])/gmu;
const PLACEHOLDER_RE = /\[(?:metric|tool|employer|title|credential|ML work)\]/g;

export function ignoredSpans(text: string): Span[] {
  const spans: Span[] = [];
  for (const re of [IGNORE_RE, LIST_NUMBER_RE, PLACEHOLDER_RE]) {
    for (const m of matches(re, text)) spans.push({ start: m.index, end: m.index + m[0].length });
  }
  return spans;
}

/** The member's text with the fixed phrases blanked, so "go-live" does not vouch for Go. */
export const blankIgnored = (text: string) => text.replace(IGNORE_RE, (s) => ' '.repeat(s.length));
