import type { Db } from '../db/client.ts';
import { type Retrieval, retrieve } from '../knowledge/search.ts';

/** Chunks searched per question; the answer sends at most these to the model. */
export const CONTEXT_CHUNKS = 5;
/** A question this short is probably a follow-up ("and in the US?"): search with the previous one too. */
const FOLLOW_UP_MAX_WORDS = 6;

/** What to do with a member's line, decided before any model is called. */
export type Route =
  | { kind: 'off-topic' }
  | { kind: 'answer'; retrieval: Retrieval };

/**
 * Decides how a question is answered: from the guides (with the chunks to
 * use) or with the "not covered" reply. `previous` is the conversation's last
 * question, for follow-ups. The answer pipeline and the retrieval eval both
 * call this, so the eval measures what members get.
 */
export function routeQuestion(db: Db, question: string, previous?: string): Route {
  const retrieval = retrieveWithFollowUp(db, question, previous);
  if (!retrieval.inScope || retrieval.hits.length === 0) return { kind: 'off-topic' };
  return { kind: 'answer', retrieval };
}

/**
 * Questions, not chunk text, decide the search. A short follow-up ("and in
 * the US?") borrows the previous question, unless on its own it is about
 * something the guides never mention: "what about sourdough?" after a salary
 * question is a new, uncovered topic, not a salary question.
 */
function retrieveWithFollowUp(db: Db, question: string, previous: string | undefined): Retrieval {
  const words = question.split(/\s+/).filter(Boolean).length;
  const own = retrieve(db, question, CONTEXT_CHUNKS);
  if (!previous || words > FOLLOW_UP_MAX_WORDS) return own;
  const offTopic = own.concepts.length > 0 && !own.inScope;
  return offTopic ? own : retrieve(db, `${previous} ${question}`, CONTEXT_CHUNKS);
}
