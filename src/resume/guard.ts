/**
 * The resume honesty guard. A model (or rule-based code) rewrites a member's
 * CV bullets toward ML-relevant language; this runs on every rewrite and
 * summary before the member sees it. Any number, percentage or scale, tool or
 * technology, employer or job title that the member's own text (bullets,
 * profile, projects) does not contain is replaced by a placeholder —
 * `[metric]`, `[tool]`, `[employer]`, `[title]` — and listed, so invented
 * experience never reaches the member as theirs. The member's own facts pass
 * untouched, and so does everything else in the text (line breaks, bullets,
 * punctuation): only the offending span is replaced.
 */
import { CUE_ONLY_EMPLOYERS, GENERIC_TECHY_WORDS, KNOWN_EMPLOYERS, TECH_TERMS, TOOL_VENDORS } from './tech-terms.ts';

export type Replacement = { original: string; placeholder: '[metric]' | '[tool]' | '[employer]' | '[title]' };
export type GuardResult = { text: string; replaced: Replacement[] }; // replaced: in order of appearance, de-duplicated by original (case-insensitive)

type Placeholder = Replacement['placeholder'];

// ---------------------------------------------------------------------------
// Shared pieces

/** Letters and digits of the scripts that separate words with spaces: a tool or number touching one is part of a longer word. */
const W = 'A-Za-z0-9_\\u00C0-\\u024F\\u0370-\\u03FF\\u0400-\\u04FF';
const L = 'A-Za-z\\u00C0-\\u024F\\u0370-\\u03FF\\u0400-\\u04FF';
const SP = '[ \\t\\u00A0\\u202F]';

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
/** A literal phrase as a pattern, any run of spaces between its words. */
const phrasePattern = (s: string) => escapeRe(s).replace(/ +/g, `${SP}+`);
const collapse = (s: string) => s.replace(/\s+/g, ' ');
const round = (n: number) => Number(n.toPrecision(12));

/** `needle` occurs in `haystack` as whole words, case-insensitively. */
function containsWords(haystack: string, needle: string): boolean {
  const n = needle.trim();
  if (!n) return false;
  const before = /^[A-Za-z0-9_]/.test(n) ? `(?<![${W}])` : '';
  const after = /[A-Za-z0-9_]$/.test(n) ? `(?![${W}])` : '';
  return new RegExp(`${before}${phrasePattern(n)}${after}`, 'iu').test(haystack);
}

type Span = { start: number; end: number };
type Candidate = Span & {
  placeholder: Placeholder;
  /** Lower wins an overlap: titles, employers named after "at", tools, other employers, tech-looking words, numbers. */
  priority: number;
  allowed: boolean;
};

const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;

function* matches(re: RegExp, text: string): Generator<RegExpExecArray> {
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0] === '') re.lastIndex++;
    yield m;
  }
}

/** Spans that are never facts: fixed phrases ("go-live", "24/7", "TF-IDF", "R&D"), list numbering, placeholders. */
const IGNORE_RE = new RegExp(
  `(?<![${W}])(?:go[- ]live|go-to(?:-market)?|tf-idf|r&d|24/7|24x7|1:1s?|1-on-1s?|one-on-ones?|covid-19|2fa|[23]-?d|a/b|utf-8|iso[- ]?8601|iso[- ]?27001|soc[- ]?2|b2b|b2c)(?![${W}])`,
  'giu',
);
const LIST_NUMBER_RE = /^[ \t]*(?:[-*•·▪◦–—][ \t]*)?\d{1,2}[.)](?=[ \t])/gmu;
const PLACEHOLDER_RE = /\[(?:metric|tool|employer|title)\]/g;

function ignoredSpans(text: string): Span[] {
  const spans: Span[] = [];
  for (const re of [IGNORE_RE, LIST_NUMBER_RE, PLACEHOLDER_RE]) {
    for (const m of matches(re, text)) spans.push({ start: m.index, end: m.index + m[0].length });
  }
  return spans;
}

/** The member's text with the fixed phrases blanked, so "go-live" does not vouch for Go. */
const blankIgnored = (text: string) => text.replace(IGNORE_RE, (s) => ' '.repeat(s.length));

// ---------------------------------------------------------------------------
// Numbers

type NumberFact =
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

type NumberToken = Span & { facts: NumberFact[] };

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
const VAGUE_RE = new RegExp(
  `(?<![${W}])(?:(?:tens|hundreds)${SP}+of${SP}+)?(?<s>hundreds|thousands|millions|billions|trillions)(?![${W}])`,
  'giu',
);

/** Scale without a number: "millions of users", "tens of thousands". */
function vagueScales(text: string): NumberToken[] {
  const tokens: NumberToken[] = [];
  for (const m of matches(VAGUE_RE, text)) {
    const scale = VAGUE_SCALE[(m.groups?.s ?? '').toLowerCase()];
    if (scale) tokens.push({ start: m.index, end: m.index + m[0].length, facts: [{ kind: 'vague', scale }] });
  }
  return tokens;
}

function numberTokens(text: string): NumberToken[] {
  const all = [...digitNumbers(text), ...wordNumbers(text), ...vagueScales(text)].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: NumberToken[] = [];
  for (const t of all) if (!kept.some((k) => overlaps(k, t))) kept.push(t);
  return kept;
}

/** Every number the member's own text states, normalised. */
type NumberFacts = { keys: Set<string>; magnitudes: number[]; vague: Set<number> };

function collectNumberFacts(text: string): NumberFacts {
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

function numberAllowed(f: NumberFact, facts: NumberFacts): boolean {
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

// ---------------------------------------------------------------------------
// Tools

type Form = { text: string; term: number; exactCase: boolean; strict: boolean };

const FORMS: Form[] = TECH_TERMS.flatMap((t, term) => [
  ...[t.name, ...(t.aliases ?? [])].map((text) => ({ text, term, exactCase: t.caseSensitive === true, strict: false })),
  ...(t.exact ?? []).map((text) => ({ text, term, exactCase: true, strict: true })),
]);
const FORMS_BY_KEY = new Map<string, Form[]>();
for (const f of FORMS) {
  const key = collapse(f.text).toLowerCase();
  FORMS_BY_KEY.set(key, [...(FORMS_BY_KEY.get(key) ?? []), f]);
}

const startsWord = (text: string) => /^[A-Za-z0-9_]/.test(text);
const endsWord = (text: string) => /[A-Za-z0-9_]$/.test(text);
/**
 * Boundaries for a tool's surface form: not inside a longer word and, in a rewrite, not glued to one by a
 * dot ("ASP.NET", "llama.cpp"). In the member's own text (`loose`) plain word boundaries are enough.
 */
const before = (text: string, loose: boolean) =>
  startsWord(text) && !loose ? `(?<![${W}])(?<![${W}]\\.)` : `(?<![${W}])`;
const after = (text: string, loose: boolean) => (endsWord(text) && !loose ? `(?![${W}])(?!\\.[${W}])` : `(?![${W}])`);
const formPattern = (text: string, loose = false) => `${before(text, loose)}${phrasePattern(text)}${after(text, loose)}`;

/** One pattern for many forms, the boundaries factored out of the alternation (far faster than one per form). */
function alternation(texts: string[], loose: boolean): string {
  const groups = new Map<string, { head: string; tail: string; alts: string[] }>();
  for (const text of [...new Set(texts)].sort((a, b) => b.length - a.length)) {
    const key = `${startsWord(text)}/${endsWord(text)}`;
    const group = groups.get(key) ?? { head: before(text, loose), tail: after(text, loose), alts: [] };
    group.alts.push(phrasePattern(text));
    groups.set(key, group);
  }
  return [...groups.values()].map((g) => `${g.head}(?:${g.alts.join('|')})${g.tail}`).join('|');
}

const TOOL_RE = new RegExp(alternation(FORMS.map((f) => f.text), false), 'giu');
const LOOSE_TOOL_RE = new RegExp(alternation(FORMS.map((f) => f.text), true), 'giu');

const STICKY_FORMS = [...new Set(FORMS.map((f) => f.text))]
  .sort((a, b) => b.length - a.length)
  .map((text) => ({
    first: text.charAt(0).toLowerCase(),
    re: new RegExp(formPattern(text), 'iuy'),
    loose: new RegExp(formPattern(text, true), 'iuy'),
  }));

const WHOLE_TOOL_RE = new RegExp(`^(?:${TOOL_RE.source})$`, 'iu');
const isListTool = (name: string) => {
  const m = WHOLE_TOOL_RE.exec(name);
  return !!m && termOf(m[0]) !== undefined;
};

/**
 * The terms the member's text names, every form at every position ("PyTorch Lightning" names PyTorch too).
 * Any case counts there — people type "go, postgres, kafka" in a stack field — except for `exact` short forms.
 */
function toolsInSources(sources: string): Set<number> {
  const found = new Set<number>();
  for (const m of matches(LOOSE_TOOL_RE, sources)) {
    LOOSE_TOOL_RE.lastIndex = m.index + 1;
    const first = sources.charAt(m.index).toLowerCase();
    for (const f of STICKY_FORMS) {
      if (f.first !== first) continue;
      f.loose.lastIndex = m.index;
      const hit = f.loose.exec(sources);
      if (!hit) continue;
      const norm = collapse(hit[0]);
      for (const form of FORMS_BY_KEY.get(norm.toLowerCase()) ?? []) {
        if (!form.strict || form.text === norm) found.add(form.term);
      }
    }
  }
  return found;
}

/** The term a matched span in a rewrite names, honouring case for everyday words. */
function termOf(matched: string): number | undefined {
  const norm = collapse(matched);
  const forms = FORMS_BY_KEY.get(norm.toLowerCase()) ?? [];
  return forms.find((f) => !f.exactCase || f.text === norm)?.term;
}

/** The longest listed tool, written validly, that starts at `index`. */
function toolAt(text: string, index: number): { end: number; term: number } | undefined {
  const first = text.charAt(index).toLowerCase();
  for (const f of STICKY_FORMS) {
    if (f.first !== first) continue;
    f.re.lastIndex = index;
    const m = f.re.exec(text);
    const term = m ? termOf(m[0]) : undefined;
    if (m && term !== undefined) return { end: index + m[0].length, term };
  }
  return undefined;
}

// Words that look technical (CamelCase, "Node.js", "EC2", "GPT-5") but are not in the list.
const TECHY_WORD_RE = new RegExp(
  `(?<![${W}.])(?:[A-Z][A-Za-z]*-[0-9](?:[A-Za-z0-9.]*[A-Za-z0-9])?|[A-Za-z][A-Za-z0-9]*(?:\\.[A-Za-z0-9]+)*)(?![${W}])`,
  'gu',
);
const GENERIC_TECHY = new Set(GENERIC_TECHY_WORDS);
const GENERIC_TECHY_RE =
  /^(?:[Pp][0-9]{1,3}|[Qq][1-4]|[Hh][12]|[Ll][0-9]|[Ff][12]|[Rr]2|[Vv][0-9]{1,2}(?:\.[0-9]+)*|[Ss][Ee][Vv][0-9]|FY[0-9]{2,4}|Y2K|[Bb]2[BbCc]|SOC2|Web[23]|IPv[46]|HTTP[123]|UTF-?8|ISO-?[0-9]+|[Ee]2[Ee]|i18n|l10n|a11y|[Pp]2[Pp]|x86|x64|arm64|amd64|MP[34]|A[345]|G7|G20|K12|[Tt]ier[0-9]|COVID-?19|Covid-?19)$/;

function looksTechy(word: string): boolean {
  if (GENERIC_TECHY.has(word) || GENERIC_TECHY_RE.test(word)) return false;
  if (/^[A-Z][A-Za-z]*-[0-9]/.test(word)) return true; // GPT-5, Llama-4
  const parts = word.split('.');
  if (parts.length > 1) {
    const [head = '', ...rest] = parts;
    return head.length >= 2 && rest.every((p) => p.length >= 2) && rest.some((p) => /[A-Za-z]/.test(p));
  }
  return /[a-z][A-Z]/.test(word) || /[A-Z]{2,}[a-z]{2,}/.test(word) || /[A-Za-z][0-9]|[0-9][A-Za-z]/.test(word);
}

// ---------------------------------------------------------------------------
// Employers

const EMPLOYERS_ANYWHERE_RE = new RegExp(
  `(?<![${W}])(?:${[...KNOWN_EMPLOYERS]
    .sort((a, b) => b.length - a.length)
    .map(phrasePattern)
    .join('|')})(?![${W}])(?!-[${L}])`,
  'gu',
);
const VENDORS = new Set(TOOL_VENDORS);
const KNOWN_EMPLOYER_KEYS = new Set([...KNOWN_EMPLOYERS, ...CUE_ONLY_EMPLOYERS].map((e) => e.toLowerCase()));

const COMPANY_SUFFIXES = new Set(
  ['corp', 'corporation', 'inc', 'incorporated', 'ltd', 'limited', 'llc', 'llp', 'plc', 'gmbh', 'ag', 'sa', 'bv', 'co', 'company', 'group', 'holdings', 'labs', 'technologies', 'bank', 'capital', 'partners', 'ventures', 'studios', 'consulting', 'solutions', 'systems', 'software', 'networks', 'health', 'ai'],
);

/** Capitalised words after "at"/"for"/"with" that are not employers. */
const NOT_A_NAME = new Set(
  [
    // departments, teams, levels
    'product', 'design', 'engineering', 'data', 'platform', 'infrastructure', 'research', 'finance', 'sales', 'marketing', 'operations', 'ops',
    'legal', 'security', 'support', 'customer', 'customers', 'growth', 'analytics', 'business', 'leadership', 'management', 'executive',
    'executives', 'board', 'stakeholders', 'machine', 'deep', 'backend', 'frontend', 'mobile', 'web', 'internal', 'external', 'production',
    'staging', 'senior', 'junior', 'lead', 'head', 'staff', 'principal', 'chief', 'director', 'team', 'teams', 'scale', 'scratch', 'home',
    'work', 'night', 'least', 'once', 'first', 'last', 'next', 'new', 'the', 'a', 'an', 'this', 'that', 'these', 'those', 'our', 'my', 'their',
    'his', 'her', 'its', 'each', 'every', 'all', 'both', 'some', 'many', 'most', 'other', 'several', 'multiple', 'various', 'i', 'we', 'it',
    'they', 'me', 'us', 'them', 'you', 'one', 'two', 'three', 'day', 'days', 'week', 'weeks', 'year', 'years', 'month', 'months', 'ml', 'ai',
    'api', 'apis', 'rest', 'sql', 'etl', 'llm', 'llms', 'nlp', 'cv', 'sla', 'slo', 'uk', 'us', 'usa', 'eu', 'emea', 'apac', 'gdpr', 'ci', 'cd',
    // calendar
    'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'january', 'february', 'march', 'april', 'may', 'june',
    'july', 'august', 'september', 'october', 'november', 'december', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct',
    'nov', 'dec', 'spring', 'summer', 'autumn', 'fall', 'winter', 'christmas', 'q1', 'q2', 'q3', 'q4',
  ],
);

/** Verbs that make "for"/"with"/"by" mean employment: "worked for", "consulted with", "employed by". */
const EMPLOYMENT_VERB =
  /^(?:work|works|worked|working|consult|consulted|consulting|contract|contracted|contracting|freelance|freelanced|freelancing|employed|hired|intern|interned|interning)$/i;

const NAME_WORD = `[A-Z\\u00C0-\\u00DE][\\p{L}\\p{N}]*(?:[.&'’-][\\p{L}\\p{N}]+)*`;
const CUE_RE = new RegExp(
  `(?<![${W}])(?:(?<cue>[Aa]t|[Ff]or|[Ww]ith|[Bb]y|[Ff]rom|[Jj]oin(?:ed|ing|s)?)${SP}+|(?<at>@)${SP}*)(?<name>${NAME_WORD}(?:${SP}+(?:(?:&|of)${SP}+)?${NAME_WORD}){0,4})`,
  'dgu',
);

const KNOWN_BY_LENGTH = [...KNOWN_EMPLOYERS, ...CUE_ONLY_EMPLOYERS].sort((a, b) => b.length - a.length);

/**
 * The employer a cue introduces: a well-known name as listed ("Goldman Sachs", "Mistral AI"), else the
 * capitalised words up to a possessive, a word that cannot be part of a name, or a tool ("at Acme PyTorch").
 */
function trimName(raw: string): string {
  const known = KNOWN_BY_LENGTH.find((k) => raw.startsWith(k) && !new RegExp(`^[${W}]`, 'u').test(raw.slice(k.length)));
  if (known) return known;
  const out: string[] = [];
  for (const word of raw.matchAll(/[^ \t\u00A0\u202F]+/g)) {
    const text = word[0];
    const tool = toolAt(raw, word.index);
    if (tool) return out.length > 0 ? out.join(' ') : raw.slice(0, tool.end); // "at Acme Kafka" → Acme; "at Kafka Streams" → the tool
    if (NOT_A_NAME.has(text.toLowerCase())) break;
    if (out.length > 0 && (looksTechy(text) || KNOWN_EMPLOYER_KEYS.has(text.toLowerCase()))) break;
    const possessive = text.match(/^(.*)['’]s$/);
    if (possessive) {
      out.push(possessive[1] ?? '');
      break;
    }
    out.push(text);
  }
  while (out.length > 0 && /^(?:&|of)$/.test(out[out.length - 1] ?? '')) out.pop();
  return out.join(' ');
}

/** "Acme Corp" → "Acme": the part of an employer's name the member's text must contain. */
function coreName(name: string): string {
  const words = name.split(' ');
  while (words.length > 1 && COMPANY_SUFFIXES.has((words[words.length - 1] ?? '').toLowerCase().replace(/\.$/, ''))) words.pop();
  return words.join(' ');
}

// ---------------------------------------------------------------------------
// Titles

const SENIORITY = 'senior|sr\\.?|junior|jr\\.?|lead|staff|principal|distinguished|associate|graduate|founding|chief|mid-level|entry-level';
const DOMAIN = [
  'machine_learning',
  'deep_learning',
  'computer_vision',
  'site_reliability',
  'big_data',
  'distributed_systems',
  'full(?:-|_)?stack',
  'back(?:-|_)?end',
  'front(?:-|_)?end',
  'forward(?:-|_)deployed',
  'applied',
  'ml',
  'ai',
  'mlops',
  'devops',
  'llm',
  'nlp',
  'genai',
  'data',
  'software',
  'platform',
  'infrastructure',
  'infra',
  'cloud',
  'research',
  'analytics',
  'product',
  'engineering',
  'security',
  'solutions',
  'systems',
  'database',
  'qa',
  'test',
  'mobile',
  'ios',
  'android',
  'web',
  'quantitative',
  'quant',
  'integration',
  'embedded',
  'hardware',
  'network',
  'technical',
  'tech',
  'team',
  'reliability',
  'python',
  'java',
  'golang',
  'go',
  'api',
  'model',
  'inference',
]
  .map((d) => d.replace(/_/g, `${SP}+`))
  .join('|');
const ROLE = 'engineer|developer|scientist|architect|analyst|researcher|manager|lead|consultant|specialist|programmer|administrator|designer|intern|sre|swe|mle';
const TITLE =
  `(?:(?:${SENIORITY})${SP}+(?:(?:${DOMAIN})${SP}+){0,3}(?:${ROLE})` +
  `|(?:(?:${DOMAIN})${SP}+){1,3}(?:${ROLE})` +
  `|(?:head|director|vp|vice${SP}+president)(?:${SP}+of)?${SP}+(?:${DOMAIN})(?:${SP}+(?:and${SP}+)?(?:${DOMAIN})){0,2}` +
  `|cto|ceo|cio|cdo|chief${SP}+[a-z]+${SP}+officer|co-?founder|founder)`;
const CLAIM_TITLE_RE = new RegExp(
  `(?<![${W}])(?:as|promoted${SP}+to|became|become|becoming|stepped${SP}+into|moved${SP}+into|transitioned${SP}+into|title${SP}*:|role${SP}*:)${SP}+(?:(?:a|an|the|our|their|my)${SP}+)?(?<t>${TITLE})(?![${W}])`,
  'dgiu',
);
const LINE_TITLE_RE = new RegExp(`^${SP}*(?:[-*•·▪◦–—]|\\d{1,2}[.)])?${SP}*(?<t>${TITLE})(?![${W}])`, 'dgimu');

function normTitle(s: string): string {
  return ` ${s
    .toLowerCase()
    .replace(/machine\s+learning/g, 'ml')
    .replace(/artificial\s+intelligence/g, 'ai')
    .replace(/\bsr\.?(?=\s)/g, 'senior')
    .replace(/\bjr\.?(?=\s)/g, 'junior')
    .replace(/back[\s-]?end/g, 'backend')
    .replace(/front[\s-]?end/g, 'frontend')
    .replace(/full[\s-]?stack/g, 'fullstack')
    .replace(/\btechnical\s+lead\b/g, 'tech lead')
    .replace(/\bvice\s+president\b/g, 'vp')
    .replace(/\bco-?founder\b/g, 'cofounder')
    .replace(/\bswe\b/g, 'software engineer')
    .replace(/\bmle\b/g, 'ml engineer')
    .replace(/\bsre\b/g, 'site reliability engineer')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()} `;
}

// ---------------------------------------------------------------------------
// The guard

type Context = { sources: string; numbers: NumberFacts; tools: Set<number>; titles: string };

function context(sources: string[]): Context {
  const text = blankIgnored(sources.join('\n'));
  return { sources: text, numbers: collectNumberFacts(text), tools: toolsInSources(text), titles: normTitle(text) };
}

function candidates(output: string, ctx: Context): Candidate[] {
  const found: Candidate[] = [];
  const add = (start: number, end: number, placeholder: Placeholder, priority: number, allowed: boolean) => {
    if (end > start) found.push({ start, end, placeholder, priority, allowed });
  };

  // Titles, claimed ("as Senior ML Engineer", "promoted to Tech Lead") or opening a line.
  for (const re of [CLAIM_TITLE_RE, LINE_TITLE_RE]) {
    for (const m of matches(re, output)) {
      const at = m.indices?.groups?.t;
      const t = m.groups?.t;
      if (!at || !t) continue;
      if (re === LINE_TITLE_RE && !/^\p{Lu}/u.test(t)) continue;
      add(at[0], at[1], '[title]', 0, ctx.titles.includes(normTitle(t)));
    }
  }

  // Tools from the list: the longest valid name at every position where one starts, so that a tool inside a
  // longer name another candidate claims ("at Google BigQuery") is still seen.
  const toolSpans: Span[] = [];
  for (const m of matches(TOOL_RE, output)) {
    const hit = toolAt(output, m.index);
    TOOL_RE.lastIndex = m.index + 1;
    if (!hit) continue;
    toolSpans.push({ start: m.index, end: hit.end });
    add(m.index, hit.end, '[tool]', 2, ctx.tools.has(hit.term));
  }

  // Words that look like tools but are not in the list.
  for (const m of matches(TECHY_WORD_RE, output)) {
    if (!looksTechy(m[0])) continue;
    toolSpans.push({ start: m.index, end: m.index + m[0].length });
    add(m.index, m.index + m[0].length, '[tool]', 4, containsWords(ctx.sources, m[0]));
  }

  // Employers named after a cue: "at Google", "joined Acme", "worked for Initech Ltd".
  for (const m of matches(CUE_RE, output)) {
    const at = m.indices?.groups?.name;
    const cue = (m.groups?.cue ?? m.groups?.at ?? '').toLowerCase();
    if (!at) continue;
    const name = trimName(output.slice(at[0], at[1]));
    if (!name) continue;
    // "at GitLab CI", "with Google Cloud": a tool whose name runs past the company's.
    if ((toolAt(output, at[0])?.end ?? 0) > at[0] + name.length) continue;
    const prev = /([A-Za-z]+)[ \t]*$/.exec(output.slice(0, m.index))?.[1] ?? '';
    const strong = cue === 'at' || cue === '@' || cue.startsWith('join') || (cue !== 'from' && EMPLOYMENT_VERB.test(prev));
    const known = [name, coreName(name), name.split(' ')[0] ?? ''].some((n) => KNOWN_EMPLOYER_KEYS.has(n.toLowerCase()));
    const tool = isListTool(name) || (!name.includes(' ') && looksTechy(name));
    const suffixed = coreName(name) !== name || /\.(?:com|io|ai|co)$/i.test(name);
    const employer = strong ? known || !tool : (known || suffixed) && !tool;
    if (!employer) continue;
    const allowed = containsWords(ctx.sources, coreName(name)) || containsWords(ctx.sources, name);
    add(at[0], at[0] + name.length, '[employer]', 1, allowed);
  }

  // Well-known employers anywhere, unless naming the vendor of a tool ("Amazon SageMaker", "Google's BigQuery").
  for (const m of matches(EMPLOYERS_ANYWHERE_RE, output)) {
    const end = m.index + m[0].length;
    const gap = /^(?:['’]s)?[ \t\u00A0]+/.exec(output.slice(end));
    const next = end + (gap?.[0].length ?? 0);
    if (gap && VENDORS.has(m[0]) && (toolSpans.some((s) => s.start === next) || output.startsWith('[tool]', next))) continue;
    // A company named after a tool it contains ("Mistral AI") is the company.
    const containsTool = toolSpans.some((s) => s.start >= m.index && s.end <= end && s.end - s.start < end - m.index);
    add(m.index, end, '[employer]', containsTool ? 1.5 : 3, containsWords(ctx.sources, m[0]));
  }

  // Numbers, percentages, multipliers, scales.
  for (const t of numberTokens(output)) {
    add(
      t.start,
      t.end,
      '[metric]',
      5,
      t.facts.every((f) => numberAllowed(f, ctx.numbers)),
    );
  }
  return found;
}

function guardOnce(output: string, ctx: Context): GuardResult {
  const ignored = ignoredSpans(output);
  const pool = candidates(output, ctx)
    .filter((c) => !ignored.some((s) => overlaps(s, c)))
    .sort((a, b) => a.priority - b.priority || b.end - b.start - (a.end - a.start) || a.start - b.start);
  const chosen: Candidate[] = [];
  for (const c of pool) if (!chosen.some((k) => overlaps(k, c))) chosen.push(c);
  const offending = chosen.filter((c) => !c.allowed).sort((a, b) => a.start - b.start);

  let text = '';
  let at = 0;
  const replaced: Replacement[] = [];
  for (const c of offending) {
    text += output.slice(at, c.start) + c.placeholder;
    replaced.push({ original: output.slice(c.start, c.end), placeholder: c.placeholder });
    at = c.end;
  }
  return { text: text + output.slice(at), replaced };
}

/** `sources`: the member's own texts (bullets, profile fields, project names/summaries). */
export function guardRewrite(output: string, sources: string[]): GuardResult {
  const ctx = context(sources);
  let text = output;
  const replaced: Replacement[] = [];
  // A replacement can change what surrounds another candidate; repeat until nothing changes (idempotence).
  for (let pass = 0; pass < 4; pass++) {
    const once = guardOnce(text, ctx);
    if (once.replaced.length === 0) break;
    text = once.text;
    for (const r of once.replaced) {
      if (!replaced.some((x) => x.original.toLowerCase() === r.original.toLowerCase())) replaced.push(r);
    }
  }
  return { text, replaced };
}

/** The note shown under a guarded rewrite, or '' when nothing was replaced. */
export function guardNote(replaced: Replacement[]): string {
  if (replaced.length === 0) return '';
  return `Not in your original — confirm or drop: ${replaced.map((r) => `${r.original} → ${r.placeholder}`).join(', ')}.`;
}
