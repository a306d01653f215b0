import type { Db } from '../db/client.ts';
import { extractConcepts, namedParts, ordinalOf, tokenize } from '../knowledge/query.ts';
import { checkScope } from '../knowledge/scope.ts';
import { CONTEXT_CHUNKS, type Retrieval, retrieve } from '../knowledge/search.ts';
import { indexSnapshot } from '../knowledge/snapshot.ts';
import { focusHits } from './focus.ts';
import { detectSmallTalk, SMALL_TALK_REPLIES } from './small-talk.ts';

/** Hits past the context that the offline answer may search for a card comparing the guides. */
const WIDER_CHUNKS = 10;
/** The wider hits reach this far below the best one: a card setting the guides side by side may sit there. */
const WIDER_CUTOFF = 0.2;
/** A question this short, after an earlier one, is searched as a follow-up of it. */
const FOLLOW_UP_MAX_WORDS = 6;
/** How a follow-up opens ("and in the US?", "what about remote?"): it needs an earlier question. */
const FOLLOW_UP_OPENING = /^((ok|okay) )?(and|so|what about|how about|what if|also|or|but|same|vs|versus|compared|then|after that|instead)\b/;
/** A longer line is still a follow-up when it opens like one or points back ("after that", "step 4", "instead"). */
const FOLLOW_UP_MAX_WORDS_WITH_CUE = 12;
/** A line that ends on "then", "tho" or "too" answers or qualifies what came before: "how do i improve my odds then". */
const ENDS_AS_FOLLOW_UP = /\b(then|tho|though|too|as well)$/;
/** Words that point at something said before: with no topic of their own, they need an earlier question. */
const POINTS_BACK = /\b(that|those|instead|after that|that one|this one)\b/;
/** "Same question but…", "which step was that again", "the other guide": only an earlier question gives these a meaning. */
const ONLY_AFTER_A_QUESTION =
  /\b(same question|same (thing|again) (but|for)|(that|it|this) again|(you|u) (just )?(said|mentioned|told me)|the other (guide|one)|which (step|one|part|stage|phase|project) was (that|it)|which of (those|these|them|the two)|(what|which) did (you|u) mean|did (you|u) say|(is|was|would) (that|it|this) (the )?same for|same (goes|applies) for|the (first|second|third|fourth|last|other) one)\b/;
/** "The plan", "the role": something an earlier answer may have laid out (numbered parts are read by `namedParts`). */
const NAMES_THE_THING = /\bthe (plan|role|step|stage|phase|project)\b/;

export const CLARIFY_TEXT =
  'I am not sure what that follows on from. Could you ask the whole question? For example "What do ML engineers earn in the US?" or "Are there remote ML jobs in Europe?"';

/** A request for more on the last answer ("tell me more", "why?", "example?"): it names no topic of its own. */
const MORE_PLEASE =
  /^(tell me more|(tell me )?more( please)?|go on|continue|keep going|(can you )?elaborate|say more|more (details?|info)|any (more )?details|explain( more| further| that)?|why|how so|like what|(for )?examples?|such as)$/;

/**
 * More on the earlier question: its hits without the cards the answers since have cited, so the
 * member hears what the guides say next rather than the same cards again.
 */
function moreOn(db: Db, previous: string, citedSince: readonly string[], uncovered: string[]): Route {
  const deep = retrieve(db, previous, WIDER_CHUNKS * 2, undefined, WIDER_CUTOFF);
  // Only what would have made the earlier answer's context: weaker cards are about something else.
  const rest = deep.hits.filter((h) => !citedSince.includes(h.id) && h.score >= deep.contextFloor);
  if (rest.length === 0) return { kind: 'clarify', text: NOTHING_MORE_TEXT };
  return { kind: 'answer', retrieval: contextOf(deep, rest), uncovered, unmentioned: [], wider: rest };
}

/** The retrieval the answer uses: at most five of `hits` that reach the context's floor, focused on the question. */
function contextOf(deep: Retrieval, hits: Retrieval['hits']): Retrieval {
  const context = hits.filter((h, i) => i === 0 || h.score >= deep.contextFloor).slice(0, CONTEXT_CHUNKS);
  return { ...deep, hits: focusHits(context, deep.concepts) };
}

/** "Next one?", "and after that?": the part of a plan that follows the one the earlier question named. */
const ASKS_FOR_NEXT = /\b(next( one| step| stage| phase| project| week| month)?|the one after( that)?|after that|whats after)\b/;

/** The last part of a plan the earlier question named ("the first project on the 7 month path" names project 1). */
const lastPartNamedIn = (previous: string) => namedParts(tokenize(previous), true).at(-1);

function nextPartAfter(previous: string, line: string): string | undefined {
  if (!ASKS_FOR_NEXT.test(line)) return undefined;
  const named = lastPartNamedIn(previous);
  return named ? `${named.part} ${named.n + 1}` : undefined;
}

/** "And the 2nd one?", "what are the third and fourth about" after a question naming a part of a plan: those parts of the same plan. */
function partsByOrdinal(previous: string, words: string[]): string | undefined {
  if (namedParts(words).length > 0) return undefined;
  const named = lastPartNamedIn(previous);
  const ordinals = words.map(ordinalOf).filter((n) => n !== undefined);
  return named && ordinals.length > 0 ? ordinals.map((n) => `${named.part} ${n}`).join(' ') : undefined;
}

/** The line asks "how long", "how many", "is it worth it" of nothing it names: the topic must be elsewhere. */
function asksOnlyAFrame(retrieval: Retrieval): boolean {
  return retrieval.concepts.some((c) => c.frame) && retrieval.topical.every((c) => c.frame);
}

/** "Tell me more" when the guides have nothing left on the earlier question. */
export const NOTHING_MORE_TEXT = 'That is all the guides say on that question. Ask me about another side of it, or try /help to see what else I can do.';

/** A line with nothing to search (emoji, filler words) that is not small talk either. */
export const NOT_A_QUESTION_TEXT =
  'Ask me a question about moving from backend development into ML engineering, for example "How long does the switch take?" or "What do ML engineers earn in the UK?".';

/** What to do with a member's line, decided before any model is called. */
export type Route =
  | { kind: 'small-talk'; text: string }
  | { kind: 'clarify'; text: string }
  | { kind: 'off-topic' }
  /**
   * `uncovered`: career matters the question raises that the guides speak to only indirectly ("age");
   * `unmentioned`: what it asks about that the guides never name ("airflow").
   */
  | { kind: 'answer'; retrieval: Retrieval; uncovered: string[]; unmentioned: string[]; wider: Retrieval['hits'] };

/**
 * Decides how a line is answered: small talk in character, a request to
 * clarify a follow-up with nothing to follow, the "not covered" reply, or an
 * answer from the guides with the chunks to use. `previous` is the
 * conversation's last question that named something, `citedSince` the cards
 * cited since it ("tell me more" goes past them). The answer pipeline (with or without a
 * model) and the retrieval eval both call this, so the eval measures what
 * members get.
 */
export function routeQuestion(db: Db, question: string, previous?: string, citedSince: readonly string[] = []): Route {
  const index = indexSnapshot(db);
  const smallTalk = detectSmallTalk(question, index);
  if (smallTalk) return { kind: 'small-talk', text: SMALL_TALK_REPLIES[smallTalk] };
  const words = tokenize(question);
  const line = words.join(' ');
  const short = words.length <= FOLLOW_UP_MAX_WORDS;
  const opensAsFollowUp = FOLLOW_UP_OPENING.test(line);
  const pointsBack = POINTS_BACK.test(line);
  const namesAPart = namedParts(words).length > 0 || NAMES_THE_THING.test(line);
  const cued = words.length <= FOLLOW_UP_MAX_WORDS_WITH_CUE && (opensAsFollowUp || pointsBack || namesAPart || ENDS_AS_FOLLOW_UP.test(line));
  const followUp = previous !== undefined && (short || cued);
  // "What about Canada then?", "ok and how much does that pay?" with nothing before: ask what it follows, whatever it names.
  if (!previous && ((opensAsFollowUp && (short || (pointsBack && cued))) || (words.length <= FOLLOW_UP_MAX_WORDS_WITH_CUE && ONLY_AFTER_A_QUESTION.test(line))))
    return { kind: 'clarify', text: CLARIFY_TEXT };
  const scope = checkScope(question, index, followUp ? previous : undefined);
  if (!scope.inScope) return { kind: 'off-topic' };
  if (MORE_PLEASE.test(line)) return previous ? moreOn(db, previous, citedSince, scope.indirect) : { kind: 'clarify', text: CLARIFY_TEXT };
  const next = followUp && previous ? (nextPartAfter(previous, line) ?? partsByOrdinal(previous, words)) : undefined;
  const searched = next ? `${question} ${next}` : question;
  // "Ok so what do I go for instead?" names nothing itself: it is searched as the question it follows.
  if (extractConcepts(searched).length === 0 && !followUp) return { kind: 'clarify', text: NOT_A_QUESTION_TEXT };
  const deep = retrieve(db, searched, WIDER_CHUNKS, followUp ? previous : undefined, WIDER_CUTOFF);
  if (deep.hits.length === 0) return { kind: 'off-topic' };
  // "How long would that take?" with nothing before it: the line points back and names no topic.
  if (!previous && pointsBack && cued && asksOnlyAFrame(deep)) return { kind: 'clarify', text: CLARIFY_TEXT };
  return { kind: 'answer', retrieval: contextOf(deep, deep.hits), uncovered: scope.indirect, unmentioned: scope.unmentioned, wider: deep.hits };
}
