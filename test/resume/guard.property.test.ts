import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { guardRewrite } from '../../src/resume/guard.ts';
import { shippedResumeVocabulary } from '../../src/resume/vocabulary.ts';

const { tools: TECH_TERMS, employers: KNOWN_EMPLOYERS } = shippedResumeVocabulary();

const RUNS = { numRuns: 200 };

// Everyday words, none of them a number, a scale, a tool, a title or a company.
const WORDS = [
  'built',
  'reduced',
  'improved',
  'designed',
  'migrated',
  'deployed',
  'led',
  'owned',
  'service',
  'pipeline',
  'latency',
  'users',
  'requests',
  'cluster',
  'model',
  'feature',
  'store',
  'batch',
  'streaming',
  'jobs',
  'queries',
  'alerts',
  'throughput',
  'cost',
  'errors',
  'schema',
  'the',
  'and',
  'to',
  'on',
  'in',
  'at',
  'with',
  'for',
  'by',
  'via',
  'of',
  'a',
  'per',
  'second',
  'daily',
  'scalable',
  'reliable',
  'internal',
];
// Tools as the list writes them; digits left out so every digit in the text belongs to a generated number.
const TOOLS = TECH_TERMS.map((t) => t.name).filter((n) => !/[0-9]/.test(n));
const COMPANIES = KNOWN_EMPLOYERS.filter((n) => !/[0-9]/.test(n));

const int = (min: number, max: number) => fc.integer({ min, max });
/** Numbers in the shapes CVs use. */
const numberToken = fc.oneof(
  int(0, 3000).map(String),
  int(1000, 3_000_000).map((n) => n.toLocaleString('en-US')),
  int(1, 3000).map((n) => `${n}k`),
  int(1, 60).map((n) => `${n}%`),
  int(1, 60).map((n) => `${n} percent`),
  int(2, 12).map((n) => `${n}x`),
  int(1, 3000).map((n) => `$${n}`),
  int(1, 300).map((n) => `£${n}k`),
  int(1, 30).map((n) => `${n} million`),
  fc.tuple(int(0, 30), int(1, 9)).map(([a, b]) => `${a}.${b}`),
);
const token = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...WORDS) },
  { weight: 2, arbitrary: numberToken },
  { weight: 2, arbitrary: fc.constantFrom(...TOOLS) },
  { weight: 1, arbitrary: fc.constantFrom(...COMPANIES) },
  { weight: 1, arbitrary: fc.constantFrom(...COMPANIES).map((c) => `at ${c}`) },
);
const line = fc.array(token, { minLength: 1, maxLength: 14 }).map((ts) => ts.join(' '));
const bullets = fc.array(line, { minLength: 1, maxLength: 4 });
const output = fc.array(line, { minLength: 1, maxLength: 4 }).map((ls) => ls.map((l) => `- ${l}`).join('\n'));

// --- An oracle for the generated shapes, written apart from the guard.

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const hasWords = (haystack: string, needle: string, flags = 'i') =>
  new RegExp(`(?<![A-Za-z0-9_])${escapeRegExp(needle)}(?![A-Za-z0-9_])`, flags).test(haystack);

type Num = { kind: 'num' | 'pct' | 'mult'; value: number; cur?: string };
const NUM_RE = /(?<![A-Za-z0-9_.,])([£$])?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(k| million|%| percent|x)?(?![A-Za-z0-9_])/g;

function numbersIn(text: string): (Num & { text: string })[] {
  return [...text.matchAll(NUM_RE)].map((m) => {
    const value = Number.parseFloat(`${(m[2] ?? '').replace(/,/g, '')}${m[3] ?? ''}`);
    const suffix = m[4] ?? '';
    const kind = suffix === '%' || suffix === ' percent' ? 'pct' : suffix === 'x' ? 'mult' : 'num';
    const scale = suffix === 'k' ? 1e3 : suffix === ' million' ? 1e6 : 1;
    return { text: m[0], kind, value: Number((value * scale).toPrecision(12)), ...(m[1] ? { cur: m[1] } : {}) };
  });
}

function numberInSources(n: Num, sources: Num[]): boolean {
  return sources.some((s) => {
    if (s.value !== n.value) return false;
    if (n.kind !== 'num' || s.kind !== 'num') return n.kind === s.kind;
    return !n.cur || !s.cur || n.cur === s.cur;
  });
}

const termOf = new Map(TECH_TERMS.map((t) => [t.name, t]));
function toolInSources(name: string, sources: string): boolean {
  const t = termOf.get(name);
  return [name, ...(t?.aliases ?? []), ...(t?.exact ?? [])].some((f) => hasWords(sources, f));
}

describe('guardRewrite properties', () => {
  it('leaves no number that the sources do not state', () => {
    fc.assert(
      fc.property(bullets, output, (src, out) => {
        const stated = numbersIn(src.join('\n'));
        const left = numbersIn(guardRewrite(out, src).text);
        expect(left.filter((n) => !numberInSources(n, stated)).map((n) => n.text)).toEqual([]);
      }),
      RUNS,
    );
  });

  it('leaves no listed tool that the sources do not name', () => {
    fc.assert(
      fc.property(bullets, output, (src, out) => {
        const text = guardRewrite(out, src).text;
        const sources = src.join('\n');
        expect(TOOLS.filter((t) => hasWords(text, t, '') && !toolInSources(t, sources))).toEqual([]);
      }),
      RUNS,
    );
  });

  it('replaces only what the sources do not contain', () => {
    fc.assert(
      fc.property(bullets, output, (src, out) => {
        const sources = src.join('\n');
        const stated = numbersIn(sources);
        for (const r of guardRewrite(out, src).replaced) {
          if (r.placeholder === '[metric]') {
            const [n] = numbersIn(r.original);
            expect(n, r.original).toBeDefined();
            if (n) expect(numberInSources(n, stated), r.original).toBe(false);
          } else {
            expect(hasWords(sources, r.original), r.original).toBe(false);
            if (termOf.has(r.original)) expect(toolInSources(r.original, sources), r.original).toBe(false);
          }
        }
      }),
      RUNS,
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(bullets, output, (src, out) => {
        const once = guardRewrite(out, src);
        expect(guardRewrite(once.text, src)).toEqual({ text: once.text, replaced: [] });
      }),
      RUNS,
    );
  });

  it('returns text made only of the sources’ own facts unchanged', () => {
    const ownTokens = fc
      .array(fc.array(token, { minLength: 1, maxLength: 14 }), { minLength: 1, maxLength: 4 })
      .chain((lines) => fc.tuple(fc.constant(lines.map((l) => l.join(' '))), fc.array(fc.constantFrom(...lines.flat()), { minLength: 1, maxLength: 20 })));
    fc.assert(
      fc.property(ownTokens, ([src, picked]) => {
        // A source line as it was, then the same tokens reshuffled.
        const text = `${src[0] ?? ''}\n- ${picked.join(' ')}`;
        expect(guardRewrite(text, src)).toEqual({ text, replaced: [] });
      }),
      RUNS,
    );
  });

  it('takes any text, however hostile, without throwing, replacing only spans it was given, idempotently', () => {
    const hostile = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.string({ unit: 'grapheme', maxLength: 40 }),
      fc.constantFrom('[metric]', '[tool]', '\u202e', '\u200b', '£', '$', '%', '1,2,3', '10x10x', '.5', '1e9', '((', '\\'),
    );
    const text = fc.array(fc.oneof(token, hostile), { minLength: 1, maxLength: 16 }).map((ts) => ts.join(' '));
    fc.assert(
      fc.property(fc.array(text, { maxLength: 3 }), text, (src, out) => {
        const once = guardRewrite(out, src);
        for (const r of once.replaced) expect(out).toContain(r.original);
        expect(guardRewrite(once.text, src)).toEqual({ text: once.text, replaced: [] });
      }),
      { numRuns: 100 },
    );
  });
});
