/** Employers: well-known names anywhere, any name after a cue ("at", "joined", "worked for"), and employer groups. */
import type { ResumeVocabulary } from '../vocabulary.ts';
import { type AddCandidate, containsWords, L, matches, phrasePattern, SP, type Span, W } from './text.ts';
import type { Tools } from './tools.ts';

const COMPANY_SUFFIXES = new Set([
  'corp',
  'corporation',
  'inc',
  'incorporated',
  'ltd',
  'limited',
  'llc',
  'llp',
  'plc',
  'gmbh',
  'ag',
  'sa',
  'bv',
  'co',
  'company',
  'group',
  'holdings',
  'labs',
  'technologies',
  'bank',
  'capital',
  'partners',
  'ventures',
  'studios',
  'consulting',
  'solutions',
  'systems',
  'software',
  'networks',
  'health',
  'ai',
]);

/** Capitalised words after "at"/"for"/"with" that are not employers. */
const NOT_A_NAME = new Set([
  // departments, teams, levels
  'product',
  'design',
  'engineering',
  'data',
  'platform',
  'infrastructure',
  'research',
  'finance',
  'sales',
  'marketing',
  'operations',
  'ops',
  'legal',
  'security',
  'support',
  'customer',
  'customers',
  'growth',
  'analytics',
  'business',
  'leadership',
  'management',
  'executive',
  'executives',
  'board',
  'stakeholders',
  'machine',
  'deep',
  'backend',
  'frontend',
  'mobile',
  'web',
  'internal',
  'external',
  'production',
  'staging',
  'senior',
  'junior',
  'lead',
  'head',
  'staff',
  'principal',
  'chief',
  'director',
  'team',
  'teams',
  'scale',
  'scratch',
  'home',
  'work',
  'night',
  'least',
  'once',
  'first',
  'last',
  'next',
  'new',
  'the',
  'a',
  'an',
  'this',
  'that',
  'these',
  'those',
  'our',
  'my',
  'their',
  'his',
  'her',
  'its',
  'each',
  'every',
  'all',
  'both',
  'some',
  'many',
  'most',
  'other',
  'several',
  'multiple',
  'various',
  'i',
  'we',
  'it',
  'they',
  'me',
  'us',
  'them',
  'you',
  'one',
  'two',
  'three',
  'day',
  'days',
  'week',
  'weeks',
  'year',
  'years',
  'month',
  'months',
  'ml',
  'ai',
  'api',
  'apis',
  'rest',
  'sql',
  'etl',
  'llm',
  'llms',
  'nlp',
  'cv',
  'sla',
  'slo',
  'uk',
  'us',
  'usa',
  'eu',
  'emea',
  'apac',
  'gdpr',
  'ci',
  'cd',
  // calendar
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'spring',
  'summer',
  'autumn',
  'fall',
  'winter',
  'christmas',
  'q1',
  'q2',
  'q3',
  'q4',
]);

/** Verbs that make "for"/"with"/"by" mean employment: "worked for", "consulted with", "employed by". */
const EMPLOYMENT_VERB =
  /^(?:work|works|worked|working|consult|consulted|consulting|contract|contracted|contracting|freelance|freelanced|freelancing|employed|hired|intern|interned|interning)$/i;

const NAME_WORD = `[A-Z\\u00C0-\\u00DE][\\p{L}\\p{N}]*(?:[.&'’-][\\p{L}\\p{N}]+)*`;
const CUE_RE = new RegExp(
  `(?<![${W}])(?:(?<cue>[Aa]t|[Ff]or|[Ww]ith|[Bb]y|[Ff]rom|[Jj]oin(?:ed|ing|s)?)${SP}+|(?<at>@)${SP}*)(?<name>${NAME_WORD}(?:${SP}+(?:(?:&|of)${SP}+)?${NAME_WORD}){0,4})`,
  'dgu',
);

/** "Acme Corp" → "Acme": the part of an employer's name the member's text must contain. */
function coreName(name: string): string {
  const words = name.split(' ');
  while (words.length > 1 && COMPANY_SUFFIXES.has((words[words.length - 1] ?? '').toLowerCase().replace(/\.$/, ''))) words.pop();
  return words.join(' ');
}

/** Employer candidates in a rewrite, for one vocabulary. */
export function compileEmployers(vocab: ResumeVocabulary, tools: Tools) {
  const EMPLOYERS_ANYWHERE_RE = new RegExp(
    `(?<![${W}])(?:${[...vocab.employers]
      .sort((a, b) => b.length - a.length)
      .map(phrasePattern)
      .join('|')})(?![${W}])(?!-[${L}])`,
    'gu',
  );
  const VENDORS = new Set(vocab.toolVendors);
  const KNOWN_EMPLOYER_KEYS = new Set([...vocab.employers, ...vocab.cueOnlyEmployers].map((e) => e.toLowerCase()));

  const KNOWN_BY_LENGTH = [...vocab.employers, ...vocab.cueOnlyEmployers].sort((a, b) => b.length - a.length);

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
      const tool = tools.toolAt(raw, word.index);
      if (tool) return out.length > 0 ? out.join(' ') : raw.slice(0, tool.end); // "at Acme Kafka" → Acme; "at Kafka Streams" → the tool
      if (NOT_A_NAME.has(text.toLowerCase())) break;
      if (out.length > 0 && (tools.looksTechy(text) || KNOWN_EMPLOYER_KEYS.has(text.toLowerCase()))) break;
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

  const GROUPS_RE = new RegExp(
    `(?<![${W}])(?:${[...vocab.employerGroups]
      .sort((a, b) => b.length - a.length)
      .map(phrasePattern)
      .join('|')})(?![${W}])`,
    'gu',
  );

  /** `toolSpans`: where tools (listed or tech-looking) start and end, so a vendor's name before its product is not an employer. */
  function employerCandidates(output: string, sources: string, toolSpans: Span[], add: AddCandidate): void {
    // Employers named after a cue: "at Google", "joined Acme", "worked for Initech Ltd".
    for (const m of matches(CUE_RE, output)) {
      const at = m.indices?.groups?.name;
      const cue = (m.groups?.cue ?? m.groups?.at ?? '').toLowerCase();
      if (!at) continue;
      const name = trimName(output.slice(at[0], at[1]));
      if (!name) continue;
      // "at GitLab CI", "with Google Cloud": a tool whose name runs past the company's.
      if ((tools.toolAt(output, at[0])?.end ?? 0) > at[0] + name.length) continue;
      const prev = /([A-Za-z]+)[ \t]*$/.exec(output.slice(0, m.index))?.[1] ?? '';
      const strong = cue === 'at' || cue === '@' || cue.startsWith('join') || (cue !== 'from' && EMPLOYMENT_VERB.test(prev));
      const known = [name, coreName(name), name.split(' ')[0] ?? ''].some((n) => KNOWN_EMPLOYER_KEYS.has(n.toLowerCase()));
      const tool = tools.isListTool(name) || (!name.includes(' ') && tools.looksTechy(name));
      const suffixed = coreName(name) !== name || /\.(?:com|io|ai|co)$/i.test(name);
      const employer = strong ? known || !tool : (known || suffixed) && !tool;
      if (!employer) continue;
      const allowed = containsWords(sources, coreName(name)) || containsWords(sources, name);
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
      add(m.index, end, '[employer]', containsTool ? 1.5 : 3, containsWords(sources, m[0]));
    }

    // Employer groups ("at a FAANG company", "Big Tech"): as much a claim as a name.
    for (const m of matches(GROUPS_RE, output)) add(m.index, m.index + m[0].length, '[employer]', 1, containsWords(sources, m[0]));
  }

  return { employerCandidates };
}
