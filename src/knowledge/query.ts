import { SOURCE_ALIASES } from './sources.ts';
import { ONE_NAME_GROUPS, QUESTION_FRAMES, SYNONYM_GROUPS } from './synonyms.ts';

/** Words that carry no topic; dropping them keeps chatty questions from matching chatty chunks. */
export const STOPWORDS = new Set(
  `a about above after again all am an and any are as at be been being both but by can could did do does doing
   don down during each few for from further get got had has have having he her here hers him his how i i'd i'm
   if in into is it its itself just ll me might more most my myself no nor not now of off on once only or other
   our ours out over own really same she should so some such than that the their them then there these they this
   those through to too under until up very was we were what when where which while who whom why will with would
   you your yours s t m d re ve im id ive youre dont doesnt isnt hey hi hello thanks thank please pls anyone
   someone something thing things kind sort bit lot lots also still even maybe like want wanna gonna think know
   tell give say whats hows whos wheres whens lol tbh imo imho idk irl ok okay yeah yes gotta kinda honestly
   actually basically literally u ur r good great decent nice wat wot wut havent hasnt hadnt wasnt werent didnt
   cant wont shouldnt wouldnt couldnt arent aint ya y'all yall gotten best buy recommend suggest going goes went gone much
   need needs needed wht hw shud shld shuld cud wud abt bout cuz coz bc tho thru rn put puts take takes taking took done half between etc tl dr tldr instead ones
   never ever always anything everything nothing anybody everybody nobody somebody somewhere anywhere everywhere nowhere
   sometimes often usually keep keeps kept cool awesome perfect alright sure thx ty cheers wow hmm hm oh ah gotcha
   thats theyre theres heres lets weve theyve theyll youll youve itll shouldve wouldve couldve one involve involves involved
   pretty fairly quite rather somewhat till til ill seriously super concrete specific specifically exactly precisely`
    .split(/\s+/)
    .filter(Boolean),
);

const MAX_CONCEPTS = 24;

export function normalizeText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’‘`]/g, "'");
}

export function tokenize(text: string): string[] {
  return normalizeText(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** One idea of the question: a word or phrase and its synonyms. A chunk scores by its best term per concept. */
export type Concept = {
  terms: string[];
  /** The terms the member actually wrote; the others are synonyms and count for a little less. */
  written: string[];
  /** A question frame ("how long", "worth it"): qualifies the topic, never names it. */
  frame?: boolean;
  /** Read from other words ("a year" asks how long), so it weighs less than what was said. */
  implied?: boolean;
  /** Every term is the same name spelt differently ("mle", "ML engineer"): all count as written. */
  oneName?: boolean;
  /** Two of the question's words that a card's title or tags also pair: it sharpens the topic its words name. */
  pair?: boolean;
};

const phraseOf = (entry: string) => tokenize(entry).join(' ');

/** A rough English stem, only for spotting synonym-table entries in their inflected forms. */
export function lightStem(word: string): string {
  if (word.length >= 7 && word.endsWith('est')) return word.slice(0, -3);
  if (word.length >= 5 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length >= 6 && word.endsWith('ing')) return word.slice(0, -3);
  if (word.length >= 5 && word.endsWith('ed')) return word.slice(0, -2);
  if (word.length >= 4 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

export const stemPhrase = (phrase: string) => phrase.split(' ').map(lightStem).join(' ');

/**
 * Splits a member's question into concepts: each synonym group the question
 * uses (by a word or a phrase of it) becomes one concept holding the whole
 * group; every other topic word is a concept of its own. Scoring by concept,
 * not by term, stops a word with many synonyms from outweighing the rest.
 * Returns [] when nothing searchable is left (emoji, stopwords).
 */
type PreparedGroup = { terms: string[]; key: string; frame: boolean; oneName: boolean; entries: { phrase: string; stems: string[] }[] };
let groupsCache: PreparedGroup[] | undefined;

/** The synonym table tokenised and stemmed once, not on every question. */
function preparedGroups(): PreparedGroup[] {
  groupsCache ??= SYNONYM_GROUPS.map((group) => {
    const phrases = group.map(phraseOf).filter(Boolean);
    const terms = [...new Set(phrases.filter((p) => !STOPWORDS.has(p)))];
    return {
      terms,
      key: terms.join('|'),
      frame: QUESTION_FRAMES.has(phrases[0] ?? ''),
      oneName: ONE_NAME_GROUPS.has(phrases[0] ?? ''),
      entries: phrases.map((phrase) => {
        const stemmed = stemPhrase(phrase);
        return { phrase, stems: stemmed.split(' ') };
      }),
    };
  });
  return groupsCache;
}

/** The question's words as the search reads them: typos corrected, words read for their meaning here. */
export function questionTokens(question: string, correct?: (word: string) => string | undefined): string[] {
  return readMeanings(
    tokenize(question).map((token) => {
      if (!correct || STOPWORDS.has(token)) return token;
      return correct(token) ?? token;
    }),
  );
}

type GroupEntry = PreparedGroup['entries'][number];

/**
 * The synonym-table entries the question uses. A longer phrase claims its
 * words: "waste of money" frames a question as "is it worth it" and does not
 * also ask about pay, where "money" alone would.
 */
function groupEntriesUsed(stems: string[]): Set<GroupEntry> {
  const found: { entry: GroupEntry; at: number }[] = [];
  for (const group of preparedGroups())
    for (const entry of group.entries)
      for (let at = 0; at + entry.stems.length <= stems.length; at++) if (entry.stems.every((stem, i) => stems[at + i] === stem)) found.push({ entry, at });
  found.sort((a, b) => b.entry.stems.length - a.entry.stems.length);
  const claimedBy = new Map<number, number>();
  const used = new Set<GroupEntry>();
  for (const { entry, at } of found) {
    const length = entry.stems.length;
    const positions = entry.stems.map((_, i) => at + i);
    if (positions.some((p) => (claimedBy.get(p) ?? 0) > length)) continue;
    for (const p of positions) claimedBy.set(p, length);
    used.add(entry);
  }
  return used;
}

/**
 * Two words side by side that some card's title or tags also put side by side
 * ("AI engineer", "bridging roles"): the pair names a topic more precisely
 * than either word, so it becomes a concept of its own.
 */
export function topicPairs(
  tokens: string[],
  corpus: { namesTopicPair(pair: string): boolean; topical(word: string): boolean },
  known: ReadonlySet<string>,
): Concept[] {
  const pairs = new Set<string>();
  tokens.forEach((token, i) => {
    const next = tokens[i + 1];
    // Two everyday words of the field ("engineer jobs") narrow nothing.
    if (!next || STOPWORDS.has(token) || STOPWORDS.has(next) || !(corpus.topical(token) || corpus.topical(next))) return;
    const pair = `${token} ${next}`;
    if (!known.has(pair) && corpus.namesTopicPair(pair)) pairs.add(pair);
  });
  return [...pairs].map((pair) => ({ terms: [pair], written: [pair], pair: true }));
}

export function extractConcepts(question: string, correct?: (word: string) => string | undefined): Concept[] {
  return conceptsOf(questionTokens(question, correct));
}

/** The concepts of a question already read into tokens by `questionTokens`. */
export function conceptsOf(tokens: string[]): Concept[] {
  const covered = new Set<string>();
  const concepts: Concept[] = [];
  const seen = new Set<string>();
  const usedEntries = groupEntriesUsed(tokens.map(lightStem));

  for (const group of preparedGroups()) {
    const used = group.entries.filter((e) => usedEntries.has(e));
    if (used.length === 0) continue;
    for (const e of used) for (const w of e.stems) covered.add(w);
    const written = used.map((e) => e.phrase);
    const { terms, key, frame, oneName } = group;
    if (!seen.has(key)) {
      seen.add(key);
      concepts.push(oneName ? { terms, written: terms, frame, oneName } : { terms, written, frame });
    }
  }
  for (const part of numberedParts(tokens)) {
    concepts.push(part);
    for (const w of part.terms[0]?.split(' ') ?? []) covered.add(w);
  }
  const durations = durationConcepts(tokens);
  concepts.push(...durations);
  // "Is a year enough?", "can I switch in 3 months?": a span of time asks how long, as "how long" does.
  const howLong = preparedGroups().find((g) => g.key.startsWith('how long|'));
  if (durations.length > 0 && howLong && !seen.has(howLong.key))
    concepts.push({ terms: howLong.terms, written: howLong.terms.slice(0, 2), frame: true, implied: true });
  const verbGo = !namesGoLanguage(tokens);
  for (const token of new Set(tokens)) {
    if (STOPWORDS.has(token) || covered.has(lightStem(token)) || (verbGo && token === 'go')) continue;
    concepts.push({ terms: [token], written: [token] });
  }
  // Bound the work whatever a member pastes.
  return concepts.slice(0, MAX_CONCEPTS);
}

/** "Paying for GPUs", "do I have to pay for courses": money going out is a cost, not the pay the guides' salary cards mean ("starting pay for an ML eng"). */
const PAYING = /^(paying|pays)$/;
const PAY_VERB = /^(pay|paid)$/;
const BEFORE_PAY_VERB = new Set([
  'to',
  'i',
  'you',
  'we',
  'they',
  'should',
  'must',
  'will',
  'would',
  'can',
  'could',
  'do',
  'dont',
  'not',
  'never',
  'ever',
  'worth',
  'already',
]);

/** Words whose meaning in a member's question differs from the table's reading of their stem ("make", "paying for", "missing"). */
function readMeanings(tokens: string[]): string[] {
  return tokens.map((token, i) => {
    const payVerb = PAYING.test(token) || (PAY_VERB.test(token) && BEFORE_PAY_VERB.has(tokens[i - 1] ?? ''));
    if (payVerb && tokens[i + 1] === 'for') return 'cost';
    // "Skills I'm missing" lack something; "miss" alone is what a member would miss about backend work.
    if (token === 'missing') return 'lacking';
    // Members' "comps" are Kaggle's competitions; their pay is "comp".
    if (token === 'comps') return 'competitions';
    // "In the US", "US salaries", "in the states": the country, not the pronoun the guides' text is full of.
    if (token === 'us' && (/^(the|in)$/.test(tokens[i - 1] ?? '') || /^(based|market|salaries|salary|pay|jobs|companies|remote)$/.test(tokens[i + 1] ?? '')))
      return 'usa';
    if (token === 'states' && tokens[i - 1] === 'the' && !tokens[i + 1]) return 'usa';
    if (!/^(make|makes|making|made)$/.test(token)) return token;
    const asksHowMuch = tokens.slice(Math.max(0, i - 6), i).includes('much');
    return asksHowMuch || ['money', 'bank', 'more', 'less'].includes(tokens[i + 1] ?? '') ? 'earn' : token;
  });
}

const LANGUAGES = new Set('golang java python rust ruby php node nodejs typescript javascript kotlin scala c cpp csharp elixir'.split(' '));
const LANGUAGE_NEIGHBOURS = new Set(
  'developer developers dev devs engineer engineers programmer programmers code coder language backend services microservices lang'.split(' '),
);

/**
 * "Go" is the programming language only beside another language or a word
 * like "developer" or "code" ("from go or java", "a go dev"); otherwise it is
 * the verb ("which job should I go for"), which says nothing of the topic.
 */
function namesGoLanguage(tokens: string[]): boolean {
  if (!tokens.includes('go')) return false;
  if (tokens.some((t) => LANGUAGES.has(t))) return true;
  return tokens.some(
    (t, i) => t === 'go' && (LANGUAGE_NEIGHBOURS.has(tokens[i + 1] ?? '') || ['in', 'write', 'writing', 'use', 'using', 'know'].includes(tokens[i - 1] ?? '')),
  );
}

const UNIT_DAYS: Record<string, number> = {
  day: 1,
  days: 1,
  week: 7,
  weeks: 7,
  wk: 7,
  wks: 7,
  month: 30,
  months: 30,
  mo: 30,
  mos: 30,
  year: 360,
  years: 360,
  yr: 360,
  yrs: 360,
};

const NUMBER_WORDS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  first: 1,
  single: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
};

const PART_NAMES = new Set(['step', 'stage', 'phase', 'week', 'month', 'day', 'project']);
/** "The third project", "second phase". */
const ORDINALS: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10 };

/** "Third" or "3rd" as 3. */
export function ordinalOf(word: string): number | undefined {
  const digits = /^(\d{1,2})(st|nd|rd|th)$/.exec(word);
  return digits ? Number(digits[1]) : ORDINALS[word];
}

/**
 * "Step 4", "phase three", "the third (portfolio) project": the parts of a plan a line
 * names, in order. `withFirst` also reads "the first project" as project 1,
 * which a search leaves out: a member's "first project" is any beginner's project.
 */
export function namedParts(tokens: string[], withFirst = false): { part: string; n: number }[] {
  return tokens.flatMap((part, i) => {
    // "The second portfolio project": one word may stand between the ordinal and the part, though not a count ("first two weeks").
    const gap = tokens[i - 1] ?? '';
    const before =
      ordinalOf(gap) === undefined && NUMBER_WORDS[gap] === undefined && !/\d/.test(gap) && ordinalOf(tokens[i - 2] ?? '') ? (tokens[i - 2] ?? '') : gap;
    const ordinal = before === 'first' && !withFirst ? undefined : ordinalOf(before);
    const next = tokens[i + 1] ?? '';
    const n = ordinal ?? (/^\d{1,2}$/.test(next) ? Number(next) : NUMBER_WORDS[next]);
    if (!PART_NAMES.has(part) || !n || (!ordinal && (next === 'a' || next === 'an'))) return [];
    return [{ part, n }];
  });
}

/** Each part of a plan the question names, searched as the phrase its card's title uses. */
function numberedParts(tokens: string[]): Concept[] {
  return [...namedParts(tokens).map(({ part, n }) => `${part} ${n}`), ...partRanges(tokens)].map((term) => ({ terms: [term], written: [term] }));
}

const RANGE_UNITS = new Set(['month', 'months', 'week', 'weeks', 'day', 'days']);

/** "Months 5 to 7", "days 31-60": a stretch of a plan, as its card's title writes it ("months 5 7" once read into words). */
function partRanges(tokens: string[]): string[] {
  return tokens.flatMap((unit, i) => {
    const [from, joiner, to] = [tokens[i + 1] ?? '', tokens[i + 2] ?? '', tokens[i + 3] ?? ''];
    if (!RANGE_UNITS.has(unit) || !/^\d{1,3}$/.test(from)) return [];
    const end = /^\d{1,3}$/.test(joiner) ? joiner : /^(to|through|till|until|and)$/.test(joiner) && /^\d{1,3}$/.test(to) ? to : undefined;
    if (!end || Number(end) <= Number(from)) return [];
    // "Weeks 2 and 3" are two parts; "months 5 to 7" one stretch.
    const singular = unit.replace(/s$/, '');
    if (joiner === 'and') return [`${singular} ${from}`, `${singular} ${end}`];
    return [`${singular}s ${from} ${end}`];
  });
}

const span = (n: number, unit: string) => (n === 1 ? `1 ${unit}` : `${n} ${unit}s`);

/**
 * "3 months", "12 weeks" and "90 days" name the same span; the guides use
 * whichever they like, so a duration in a question searches for all three.
 */
function durationConcepts(tokens: string[]): Concept[] {
  return timeSpans(tokens).map(({ token, unit, total }) => {
    const terms = new Set<string>();
    if (/^\d/.test(token)) terms.add(`${token} ${unit}`);
    if (total % 30 === 0 || total >= 60) terms.add(span(Math.round(total / 30), 'month'));
    if (total % 7 === 0 && total <= 180) terms.add(span(total / 7, 'week'));
    if (total <= 180) terms.add(span(total, 'day'));
    if (total % 360 === 0) terms.add(span(total / 360, 'year'));
    return { terms: [...terms], written: [...terms].slice(0, 1), frame: true };
  });
}

/** A span of time a line names: "3 months", "a year", "half a year" (`total` in days, a month being 30). */
export type TimeSpan = { token: string; unit: string; unitDays: number; total: number };

export function timeSpans(tokens: string[]): TimeSpan[] {
  return tokens.flatMap((token, i) => {
    const unit = tokens[i + 1] ?? '';
    const unitDays = UNIT_DAYS[unit];
    const count = /^\d{1,3}$/.test(token) ? Number(token) : NUMBER_WORDS[token];
    if (!count || !unitDays) return [];
    // "Half a year", "half a month".
    const total = tokens[i - 1] === 'half' ? (count * unitDays) / 2 : count * unitDays;
    return [{ token, unit, unitDays, total }];
  });
}

/** Every word the search can recognise: the synonym table's and the given texts'. */
export function buildVocabulary(texts: Iterable<string>): Set<string> {
  const vocabulary = new Set<string>();
  for (const group of SYNONYM_GROUPS) for (const entry of group) for (const w of tokenize(entry)) vocabulary.add(w);
  for (const text of texts) for (const w of tokenize(text)) vocabulary.add(w);
  return vocabulary;
}

/** An FTS5 MATCH expression for one term or phrase. */
export function matchExpression(term: string): string {
  return `"${term.replace(/"/g, '""')}"`;
}

/** The guides a question names ("what does the UK guide say…"). */
export function mentionedSources(question: string): string[] {
  const joined = ` ${tokenize(question).join(' ')} `;
  return Object.entries(SOURCE_ALIASES)
    .filter(([, aliases]) => aliases.some((alias) => joined.includes(` ${phraseOf(alias)} `)))
    .map(([id]) => id);
}
