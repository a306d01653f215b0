import { isAdjective } from './word-class.ts';

/** The words of a career that any occupation has: whose it is depends on the words around them. */
const WORK_NOUNS = new Set(
  'job jobs interview interviews cv cvs resume resumes salary salaries pay wage wages income earnings career careers role roles position offer apprenticeship portfolio promotion'.split(
    ' ',
  ),
);
const EARNS = new Set(['earn', 'earns', 'make', 'makes']);
const DETERMINER = new Set(['a', 'an', 'the', 'my', 'his', 'her', 'their', 'our', 'your']);
/** Learning something the guides never mention ("learn spanish", "study medicine") is not learning ML. */
const LEARNS = new Set(['learn', 'learning', 'study', 'studying']);
const QUALIFICATIONS = new Set(['masters', 'degree', 'phd', 'course', 'bootcamp', 'certificate', 'diploma', 'apprenticeship', 'qualification']);
/** Someone's occupation said outright: "my friend is a teacher", "applying as a nurse". */
const IS_A = new Set(['is', 'as', 'be', 'become', 'becoming', 'being']);
/** How far the occupation may sit from the word naming it: "the salary of the uk prime minister", "does the uk prime minister earn". */
const NAMED_WITHIN = 4;

/** The people whose lives members ask about on their behalf. */
const OTHERS = new Set(
  `sister sisters brother brothers mum mom mother dad father parents cousin cousins friend friends uncle aunt nephew niece
   grandma grandpa grandmother grandfather son daughter neighbour neighbor flatmate roommate girlfriend boyfriend husband wife
   kid kids child children`
    .split(/\s+/)
    .filter(Boolean),
);
/** What comes before "as a" or "is a" when it names a job: "applying as a nurse", "my friend is a teacher" (not "write every letter as a dotless i"). */
const NAMES_A_JOB = new Set([
  'work',
  'works',
  'working',
  'worked',
  'job',
  'apply',
  'applying',
  'applied',
  'employed',
  'hired',
  'retrain',
  'retraining',
  'career',
  'train',
  'training',
  'become',
  'becoming',
  ...OTHERS,
]);
/** The member speaking of themselves. */
const FIRST_PERSON = new Set(['i', 'im', 'ive', 'id', 'ill', 'me', 'myself', 'mine']);

/**
 * A line about someone else's work or life rather than the member's move
 * into ML: another occupation's job, pay or interview ("a barista job
 * interview", "the salary of the prime minister", "how much does a dentist
 * earn", "questions to ask a wedding photographer", "applying as a nurse"),
 * learning something else ("learn spanish"), or a relative's plans with the
 * member nowhere in them ("my cousin wants to study medicine in germany").
 * `unknown` are the line's words the guides never use; an occupation is one
 * of them and no adjective ("a fancy CV" is the member's).
 */
export function aboutSomeoneElse(tokens: readonly string[], unknown: ReadonlySet<string>): boolean {
  const unknownAt = (i: number) => unknown.has(tokens[i] ?? '');
  const occupation = (i: number) => somethingElseAt(tokens, i, unknown);
  const within = (from: number) => Array.from({ length: NAMED_WITHIN }, (_, k) => from + k).some(occupation);
  const careerWord = tokens.some((w) => WORK_NOUNS.has(w));
  const named = tokens.some((word, i) => {
    if (WORK_NOUNS.has(word)) {
      // "a barista job interview", "electrician apprenticeship pay": back over the career words to the word they qualify.
      let before = i - 1;
      while (before >= 0 && (WORK_NOUNS.has(tokens[before] ?? '') || occupationBefore(tokens, before, occupation))) before--;
      return occupation(i - 1) || occupation(before + 1) || (/^(of|for)$/.test(tokens[i + 1] ?? '') && within(i + 2));
    }
    // Whoever earns is a name or a job, whatever else the word can be ("taylor swift").
    // "How much does the prime minister get paid": whoever gets paid.
    if (word === 'paid' && /^(get|gets|got|getting)$/.test(tokens[i - 1] ?? ''))
      // "Do fashion models get paid": the earner may be two words.
      return (
        (unknownAt(i - 2) || unknownAt(i - 3)) &&
        tokens.slice(Math.max(0, i - 4 - NAMED_WITHIN), i - 2).some((w) => /^(does|do|did)$/.test(w) || DETERMINER.has(w))
      );
    // "How much do premier league footballers earn": the earner may be two words.
    if (EARNS.has(word))
      return (
        (unknownAt(i - 1) || unknownAt(i - 2)) &&
        tokens.slice(Math.max(0, i - 3 - NAMED_WITHIN), i - 1).some((w) => /^(does|do|did)$/.test(w) || DETERMINER.has(w))
      );
    // What is learnt is a thing, though WordNet also lists "spanish" or "piano" as adjectives.
    // "A masters in nursing": a qualification in a field the guides never mention.
    if (QUALIFICATIONS.has(word) && tokens[i + 1] === 'in') return occupation(i + 2);
    if (LEARNS.has(word)) return unknownAt(tokens[i + 1] === 'to' ? i + 2 : i + 1);
    if (IS_A.has(word))
      return /^an?$/.test(tokens[i + 1] ?? '') && occupation(i + 2) && (NAMES_A_JOB.has(word) || [i - 1, i - 2].some((j) => NAMES_A_JOB.has(tokens[j] ?? '')));
    // "His career at barcelona": someone else's, when the line names what the guides never do.
    if (WORK_NOUNS.has(tokens[i + 1] ?? '') && /^(his|her|their)$/.test(word) && unknown.size > 0) return true;
    // "Questions to ask a wedding photographer", "tips for interviewing a nanny", "hiring a plumber".
    const asksOrHires = (word === 'ask' && careerWord) || /^(interview|interviewing|hire|hiring)$/.test(word);
    return asksOrHires && DETERMINER.has(tokens[i + 1] ?? '') && within(i + 2);
  });
  return named || ([...unknown].some((w) => !OTHERS.has(w)) && relativesPlans(tokens));
}

/** "Electrician apprenticeship uk pay": a place or a qualifier may stand between the occupation and its pay. */
function occupationBefore(tokens: readonly string[], at: number, occupation: (i: number) => boolean): boolean {
  return occupation(at) || (at > 0 && occupation(at - 1) && (tokens[at]?.length ?? 0) <= 3);
}

/** "My cousin wants to…", "for my sister": a relative's plans, with no word of the member's own (and something the guides never mention: "my wife thinks the pay cut is too risky" is the member's). */
function relativesPlans(tokens: readonly string[]): boolean {
  const relative = tokens.findIndex((w, i) => OTHERS.has(w) && /^(my|our)$/.test(tokens[i - 1] ?? ''));
  if (relative < 0) return false;
  return !tokens.some((w) => FIRST_PERSON.has(w));
}

/** A word the guides never use, and no adjective ("a fancy CV" is the member's): an occupation or a thing of someone else's life. */
function somethingElseAt(tokens: readonly string[], i: number, unknown: ReadonlySet<string>): boolean {
  const word = tokens[i] ?? '';
  return unknown.has(word) && !isAdjective(word);
}

/**
 * The field's word at `at` in its everyday sense: beside a thing the guides
 * never mention ("fashion models", "model railway"), or training one or for
 * one ("train my puppy", "train for a marathon").
 */
export function inEverydaySense(tokens: readonly string[], at: number, unknown: ReadonlySet<string>): boolean {
  const thing = (i: number) => somethingElseAt(tokens, i, unknown);
  const determiner = (i: number) => DETERMINER.has(tokens[i] ?? '');
  return (
    thing(at - 1) ||
    thing(at + 1) ||
    (determiner(at + 1) && thing(at + 2)) ||
    (tokens[at + 1] === 'for' && determiner(at + 2) && (thing(at + 3) || thing(at + 4)))
  );
}
