/** Numbers in a rewrite (figures, percentages, multipliers, spelled-out amounts, vague scales) against the member's own. */
import { collapse, L, matches, overlaps, round, SP, type Span, W } from './text.ts';

export type NumberFact =
  | { kind: 'num'; value: number; currency?: string; year: boolean }
  | { kind: 'pct' | 'mult'; value: number }
  | { kind: 'ver'; text: string }
  | { kind: 'vague'; scale: number };

const SCALES: Record<string, number> = {
  k: 1e3,
  thousand: 1e3,
  m: 1e6,
  mm: 1e6,
  mn: 1e6,
  million: 1e6,
  b: 1e9,
  bn: 1e9,
  billion: 1e9,
  tn: 1e12,
  trillion: 1e12,
};

const NUMBER_RE = new RegExp(
  `(?<![${W}])(?<![${L}][-/.])(?<![0-9][/.,])` +
    '(?<cur>[£$€¥₹])?' +
    '(?<num>[0-9]+(?:\\.[0-9]+){2,}|(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\\.[0-9]+)?|\\.[0-9]+)' +
    `(?<suf>${SP}?%|${SP}?(?:percent|per${SP}?cent)(?![${W}])|${SP}?×|${SP}+(?:times|thousand|million|billion|trillion|bn|mn)(?![${W}])|-?fold(?![${W}])|[A-Za-z]+(?![${W}]))?` +
    `(?:(?<=[%×])|(?![${W}]|[.,][0-9]))`,
  'gu',
);

export type NumberToken = Span & { facts: NumberFact[] };

/** What one matched number says, or undefined for ordinals ("1st"). */
function numberFact(cur: string | undefined, num: string, suffix: string | undefined): NumberFact | undefined {
  if (/^[0-9]+(?:\.[0-9]+){2,}$/.test(num)) return { kind: 'ver', text: num };
  const base = Number.parseFloat(num.replace(/,/g, ''));
  if (!Number.isFinite(base)) return undefined;
  const suf = collapse(suffix ?? '')
    .trim()
    .replace(/^-/, '');
  const lower = suf.toLowerCase();
  if (/^(?:st|nd|rd|th)$/.test(lower)) return undefined;
  if (lower === '%' || lower === 'percent' || /^per ?cent$/.test(lower)) return { kind: 'pct', value: round(base) };
  if (lower === '×' || lower === 'x' || lower === 'times' || lower === 'fold') return { kind: 'mult', value: round(base) };
  const scale = SCALES[lower] ?? 1;
  const year = scale === 1 && !cur && /^(?:19|20)[0-9]{2}$/.test(num);
  return { kind: 'num', value: round(base * scale), year, ...(cur ? { currency: cur } : {}) };
}

/** Whether a suffix carries meaning a bare range start borrows ("20-30%": both ends are percentages). */
const hasSuffix = (suffix: string | undefined) => !!suffix && !/^(?:st|nd|rd|th)$/i.test(suffix.trim());

function digitNumbers(text: string): NumberToken[] {
  type Raw = Span & { cur?: string; num: string; suf?: string };
  const raws: Raw[] = [];
  for (const m of matches(NUMBER_RE, text)) {
    const g = m.groups ?? {};
    raws.push({ start: m.index, end: m.index + m[0].length, cur: g.cur, num: g.num ?? '', suf: g.suf });
  }
  const tokens: NumberToken[] = [];
  for (let i = 0; i < raws.length; i++) {
    const a = raws[i];
    if (!a) continue;
    const b = raws[i + 1];
    // A range: "20-30%", "£20–30k", "2019-2021", "2-3x".
    if (b && b.start === a.end + 1 && /[-–]/.test(text.charAt(a.end)) && !/^[0-9]+(?:\.[0-9]+){2,}$/.test(a.num)) {
      const aSuf = hasSuffix(a.suf) ? a.suf : b.suf;
      const fa = numberFact(a.cur ?? b.cur, a.num, aSuf);
      const fb = numberFact(b.cur ?? a.cur, b.num, b.suf);
      const facts = [fa, fb].filter((f): f is NumberFact => f !== undefined);
      if (facts.length > 0) tokens.push({ start: a.start, end: b.end, facts });
      i++;
      continue;
    }
    const f = numberFact(a.cur, a.num, a.suf);
    if (f) tokens.push({ start: a.start, end: a.end, facts: [f] });
  }
  return tokens;
}

const ONES = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const TEENS = ['ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const TENS = ['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const WORD_VALUE = new Map<string, number>([
  ['a', 1],
  ...ONES.map((w, i): [string, number] => [w, i + 1]),
  ...TEENS.map((w, i): [string, number] => [w, i + 10]),
  ...TENS.map((w, i): [string, number] => [w, (i + 2) * 10]),
]);
const WORD_NUMBER_RE = new RegExp(
  `(?<![${W}])(?<![${L}]-)` +
    `(?<w>(?:${TENS.join('|')})(?:[- ](?:${ONES.join('|')}))?|${[...TEENS, ...ONES].join('|')}|a)` +
    `(?<h>${SP}+hundred)?` +
    `(?<sc>${SP}+(?:thousand|million|billion|trillion))?` +
    `(?<suf>${SP}?(?:percent|per${SP}?cent)|${SP}+times|-?fold)?` +
    `(?![${W}])(?!-[${L}])`,
  'giu',
);

/** Spelled-out amounts: "five million", "forty percent", "three times", "twelve". Not "one" or "a" on their own. */
function wordNumbers(text: string): NumberToken[] {
  const tokens: NumberToken[] = [];
  for (const m of matches(WORD_NUMBER_RE, text)) {
    const g = m.groups ?? {};
    const words = collapse(g.w ?? '')
      .toLowerCase()
      .split(/[- ]/);
    let value = words.reduce((sum, w) => sum + (WORD_VALUE.get(w) ?? 0), 0);
    if (g.h) value *= 100;
    const scaleWord = collapse(g.sc ?? '')
      .trim()
      .toLowerCase();
    if (scaleWord) value *= SCALES[scaleWord] ?? 1;
    const suf = collapse(g.suf ?? '')
      .trim()
      .toLowerCase()
      .replace(/^-/, '');
    if (value <= 1 && !g.h && !scaleWord && !suf) continue; // "one", "a": not a claim
    const start = m.index;
    const end = m.index + m[0].length;
    if (suf === 'times' || suf === 'fold') tokens.push({ start, end, facts: [{ kind: 'mult', value: round(value) }] });
    else if (suf) tokens.push({ start, end, facts: [{ kind: 'pct', value: round(value) }] });
    else tokens.push({ start, end, facts: [{ kind: 'num', value: round(value), year: false }] });
  }
  return tokens;
}

const VAGUE_SCALE: Record<string, number> = { hundreds: 1e2, thousands: 1e3, millions: 1e6, billions: 1e9, trillions: 1e12 };
const VAGUE_RE = new RegExp(`(?<![${W}])(?:(?:tens|hundreds)${SP}+of${SP}+)?(?<s>hundreds|thousands|millions|billions|trillions)(?![${W}])`, 'giu');

/** Scale without a number: "millions of users", "tens of thousands". */
function vagueScales(text: string): NumberToken[] {
  const tokens: NumberToken[] = [];
  for (const m of matches(VAGUE_RE, text)) {
    const scale = VAGUE_SCALE[(m.groups?.s ?? '').toLowerCase()];
    if (scale) tokens.push({ start: m.index, end: m.index + m[0].length, facts: [{ kind: 'vague', scale }] });
  }
  return tokens;
}

export function numberTokens(text: string): NumberToken[] {
  const all = [...digitNumbers(text), ...wordNumbers(text), ...vagueScales(text)].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: NumberToken[] = [];
  for (const t of all) if (!kept.some((k) => overlaps(k, t))) kept.push(t);
  return kept;
}

/** Every number the member's own text states, normalised. */
export type NumberFacts = { keys: Set<string>; magnitudes: number[]; vague: Set<number> };

export function collectNumberFacts(text: string): NumberFacts {
  const facts: NumberFacts = { keys: new Set(), magnitudes: [], vague: new Set() };
  for (const token of numberTokens(text)) {
    for (const f of token.facts) {
      switch (f.kind) {
        case 'num':
          facts.keys.add(f.currency ? `money:${f.value}` : `num:${f.value}`);
          if (f.currency) facts.keys.add(`cur:${f.currency}:${f.value}`);
          if (!f.year) facts.magnitudes.push(f.value);
          break;
        case 'pct':
        case 'mult':
          facts.keys.add(`${f.kind}:${f.value}`);
          break;
        case 'ver':
          facts.keys.add(`ver:${f.text}`);
          break;
        case 'vague':
          facts.vague.add(f.scale);
          break;
      }
    }
  }
  return facts;
}

export function numberAllowed(f: NumberFact, facts: NumberFacts): boolean {
  switch (f.kind) {
    case 'num':
      // "£50k" needs 50,000 in the member's text, bare or in the same currency; a bare number may match either.
      return f.currency
        ? facts.keys.has(`num:${f.value}`) || facts.keys.has(`cur:${f.currency}:${f.value}`)
        : facts.keys.has(`num:${f.value}`) || facts.keys.has(`money:${f.value}`);
    case 'pct':
    case 'mult':
      return facts.keys.has(`${f.kind}:${f.value}`);
    case 'ver':
      return facts.keys.has(`ver:${f.text}`);
    case 'vague':
      return facts.vague.has(f.scale) || facts.magnitudes.some((v) => v >= f.scale);
  }
}
