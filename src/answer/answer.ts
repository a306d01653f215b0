import { MAX_QUESTION_CHARS } from '../core/limits.ts';
import { countAnswer } from '../core/metrics.ts';
import { cleanQuestion } from '../core/sanitize.ts';
import type { Inbound, Reply } from '../core/types.ts';
import type { Db } from '../db/client.ts';
import { extractConcepts } from '../knowledge/query.ts';
import type { SearchHit } from '../knowledge/search.ts';
import { type ChatMessage, type Completion, LlmFailure, type ToolCall } from '../llm/client.ts';
import { type MeteredLlm, ModelRateLimited } from '../llm/metered.ts';
import type { Logger } from '../log.ts';
import { transitionView } from '../members/progress.ts';
import { createProposal, PROPOSE_MILESTONE_TOOL, type Proposal } from '../members/proposals.ts';
import type { Roadmaps } from '../members/roadmap.ts';
import { doneMilestones, getMember, listProjects, setOnboarding } from '../members/store.ts';
import { memberSummary } from '../members/summary.ts';
import { checkCitations } from './citations.ts';
import { composeGuideAnswer } from './compose.ts';
import { COMPOSER_CARD_CHARS, focusHits } from './focus.ts';
import { memberPlanAnswer } from './member-plan.ts';
import { modelFallbackNotice } from './model-fallback.ts';
import { nextStepFor } from './next-step.ts';
import { LEAK_REFUSAL, type OutputGuard } from './output-guard.ts';
import { fillTemplate, formatExcerpts, type PromptTemplates } from './prompts.ts';
import { routeQuestion } from './route.ts';
import type { PastTurn, TurnStore } from './turns.ts';

export type AnswerDeps = {
  db: Db;
  turns: TurnStore;
  roadmaps: Roadmaps;
  /** Every model call goes through it: limited, budgeted and recorded per member. */
  llm: MeteredLlm | undefined;
  prompts: PromptTemplates;
  /** Runs over everything a model writes before a member sees or we store it. */
  outputGuard: OutputGuard;
  limits: { messagesPerMinute: number; dailyTokens: number };
  log: Logger;
  now: () => number;
};

/** The excerpts sent to the model stop here (at least three are always sent), keeping prompts under ~1,500 tokens. */
const CONTEXT_CHARS = 3300;
const MIN_CONTEXT_CHUNKS = 3;
const HISTORY_TURNS = 3;
const HISTORY_ANSWER_CHARS = 300;
const MINUTE_MS = 60_000;
/** After an answer from the member's own plan, the guides' ranges get this many words. */
const PERSONAL_GUIDE_WORDS = 70;

export const ASK_HELP =
  'Ask me a question about moving from backend development into ML engineering — for example "How long does the switch take?", "What do ML engineers earn in the UK?" or "How do I explain my switch in an interview?".';

const GUIDE_TOPICS =
  'timelines and study plans, skills to learn and how long each takes, salaries by market and level, which ML roles suit a backend engineer first, portfolio projects, CV wording, interviews, remote work in Europe and common mistakes';

/** The core's answer to a member's question: guard, retrieve, generate or compose, check, store. */
export async function answerQuestion(deps: AnswerDeps, inbound: Inbound): Promise<Reply> {
  const started = deps.now();
  const question = cleanQuestion(inbound.text);
  if (question.length > MAX_QUESTION_CHARS) {
    return {
      text: `That message is ${question.length.toLocaleString('en-GB')} characters; I can take up to ${MAX_QUESTION_CHARS.toLocaleString('en-GB')}. Please shorten it or split it into separate questions.`,
      citations: [],
    };
  }
  // Nothing left once mentions and invisible characters are gone: not a question yet.
  if (!question.replace(/@(everyone|here)\b/g, '').trim()) return { text: ASK_HELP, citations: [] };
  const history = deps.turns.recent(inbound.origin.conversationId, HISTORY_TURNS);
  // The last question that named something: "tell me more" twice still means more on the same topic,
  // past everything answered since.
  const topicAt = history.findLastIndex((turn) => extractConcepts(turn.question).length > 0);
  const previous = history[topicAt]?.question;
  const citedSince = topicAt < 0 ? [] : history.slice(topicAt).flatMap((turn) => turn.citedIds);
  const route = routeQuestion(deps.db, question, previous, citedSince);
  const member = getMember(deps.db, inbound.memberId);
  const done = doneMilestones(deps.db, inbound.memberId);
  // "Am I on track?" is answered from the member's own plan, whatever the guides hold on it.
  const personal = memberPlanAnswer(deps.roadmaps, member, done, question, started);
  // Small talk and "what do you mean?" need no guide and no model, and are not stored as questions.
  if (!personal && (route.kind === 'small-talk' || route.kind === 'clarify')) return { text: route.text, citations: [], mode: 'offline' };
  const limited = rateLimitMessage(deps, inbound.memberId, started);
  if (limited) return { text: limited, citations: [] };
  if (route.kind !== 'answer' && personal) {
    return finish(deps, inbound, question, started, { text: personal, citations: [], hits: [], mode: 'offline' });
  }
  if (route.kind !== 'answer') {
    const text = `The guides I coach from do not cover that, so I would rather not guess. They do cover ${GUIDE_TOPICS}. Ask me about any of those.`;
    return finish(deps, inbound, question, started, { text, citations: [], hits: [], mode: 'offline' });
  }

  const { retrieval } = route;
  const hits = retrieval.hits;
  const uncovered = uncoveredNote(route.uncovered, route.unmentioned);
  const view = member ? transitionView(deps.roadmaps, member.profile, done, started) : undefined;
  const nextStep = nextStepFor(question, view, personal !== undefined, Boolean(member?.onboardingOfferedAt));
  const offline = (notice?: string) => {
    const budget = personal ? PERSONAL_GUIDE_WORDS : undefined;
    const guides = composeGuideAnswer({
      concepts: retrieval.concepts,
      topical: retrieval.topical,
      hits: focusHits(route.wider.slice(0, hits.length), retrieval.concepts, COMPOSER_CARD_CHARS),
      wider: route.wider,
      nextStep,
      note: uncovered,
      budget,
    });
    const checked = checkCitations(guides, route.wider);
    const text = [notice, personal, checked.text].filter(Boolean).join('\n\n');
    return { ...checked, text, hits, mode: 'offline' as const };
  };

  if (!deps.llm) return finish(deps, inbound, question, started, offline());

  let completion: Completion;
  try {
    const summary = memberSummary(deps.roadmaps, member, done, started, listProjects(deps.db, inbound.memberId));
    completion = await deps.llm.complete({ memberId: inbound.memberId, purpose: 'answer' }, buildMessages(deps.prompts, question, hits, history, summary), {
      tools: member?.profile.track ? [PROPOSE_MILESTONE_TOOL] : undefined,
    });
  } catch (error) {
    if (error instanceof ModelRateLimited) return { text: error.message, citations: [] };
    deps.log.warn({ err: describeError(error), model: deps.llm.model }, 'model call failed; answering offline');
    return finish(deps, inbound, question, started, offline(modelFallbackNotice(error)));
  }
  const guarded = deps.outputGuard.check(completion.text);
  if (guarded.leakedWords > 0)
    deps.log.warn({ leakedWords: guarded.leakedWords, model: completion.model }, 'removed a copy of our instructions from a model answer');
  // The proposal and the turn that offers it are stored together or not at all.
  return deps.db.$client.transaction(() => {
    const checked = checkCitations(guarded.meaningful ? guarded.text : LEAK_REFUSAL, hits);
    const proposal = firstValidProposal(deps, inbound, completion.toolCalls, started);
    // Only citations of chunks we never sent, or only a tool call we could not use: nothing to show.
    if (!checked.text && !proposal) {
      deps.log.warn({ model: completion.model, toolCalls: completion.toolCalls.length }, 'model answer empty after checks; answering offline');
      return finish(deps, inbound, question, started, offline(modelFallbackNotice(new LlmFailure('empty', 'nothing usable'))));
    }
    const proposalLine = proposal ? `Shall I mark **${proposal.title}** (\`${proposal.milestoneId}\`) as done? Answer yes or no.` : '';
    return finish(deps, inbound, question, started, {
      ...checked,
      text: [uncovered, checked.text || 'Well done on that progress.', proposalLine].filter(Boolean).join('\n\n'),
      proposal,
      hits,
      mode: 'llm',
      model: completion.model,
      usage: completion.usage,
    });
  })();
}

/**
 * The first well-formed proposal among the model's tool calls. Only one can
 * be pending per conversation, and it must be the one the member is asked about.
 */
function firstValidProposal(deps: AnswerDeps, inbound: Inbound, calls: ToolCall[], now: number): Proposal | undefined {
  for (const call of calls) {
    if (call.name !== PROPOSE_MILESTONE_TOOL.function.name) continue;
    const proposal = createProposal(deps.db, deps.roadmaps, {
      memberId: inbound.memberId,
      conversationId: inbound.origin.conversationId,
      argumentsJson: call.argumentsJson,
      now,
    });
    if (proposal) return proposal;
  }
  return undefined;
}

/** Said plainly when a question raises something the guides touch only indirectly ("am I too old?"). */
function uncoveredNote(topics: string[], unmentioned: string[]): string | undefined {
  if (topics.length > 0)
    return `The guides do not speak to ${topics.join(' or ')} directly, so I cannot tell you what they would say about that. Here is what they do say that bears on it:`;
  if (unmentioned.length > 0)
    return `The guides do not mention ${unmentioned.map((w) => `"${w}"`).join(' or ')}, so I cannot tell you what they make of it. Here is what they do say that bears on your question:`;
  return undefined;
}

function rateLimitMessage(deps: AnswerDeps, memberId: string, now: number): string | undefined {
  const times = deps.turns.questionTimesSince(memberId, now - MINUTE_MS);
  const limit = deps.limits.messagesPerMinute;
  if (times.length < limit) return undefined;
  const oldest = times[times.length - limit] ?? now;
  const seconds = Math.max(1, Math.ceil((oldest + MINUTE_MS - now) / 1000));
  return `You are asking faster than I can coach: the limit is ${limit} questions a minute. Try again in ${seconds} second${seconds === 1 ? '' : 's'}.`;
}

export function buildMessages(prompts: PromptTemplates, question: string, hits: SearchHit[], history: PastTurn[], member: string): ChatMessage[] {
  let used = 0;
  const chunks = formatExcerpts(
    hits.filter((h, i) => {
      used += h.text.length;
      return i < MIN_CONTEXT_CHUNKS || used <= CONTEXT_CHARS;
    }),
  );
  const past = history.length
    ? history
        .map((t) => {
          const answer = t.answer.length > HISTORY_ANSWER_CHARS ? `${t.answer.slice(0, HISTORY_ANSWER_CHARS)}…` : t.answer;
          return `Member: ${t.question}\nPivot: ${answer}`;
        })
        .join('\n\n')
    : '(nothing yet)';
  return [
    { role: 'system', content: prompts.system },
    { role: 'user', content: fillTemplate(prompts.answer, { chunks, history: past, question, member }) },
  ];
}

type Outcome = {
  text: string;
  citations: Reply['citations'];
  hits: SearchHit[];
  mode: 'llm' | 'offline';
  model?: string;
  usage?: { promptTokens: number; completionTokens: number };
  proposal?: Proposal;
};

function finish(deps: AnswerDeps, inbound: Inbound, question: string, started: number, outcome: Outcome): Reply {
  const latencyMs = Math.max(0, Math.round(deps.now() - started));
  countAnswer(outcome.mode, latencyMs);
  const usage = outcome.usage ?? { promptTokens: 0, completionTokens: 0 };
  // One transaction: the turn and the onboarding offer it carries are stored together.
  const { turnId, offer } = deps.db.$client.transaction(() => ({
    turnId: storeTurn(deps, inbound, question, started, outcome, latencyMs, usage),
    // Operators asking through the CLI are not members to onboard.
    offer: inbound.origin.kind === 'cli' ? undefined : onboardingOffer(deps, inbound.memberId, outcome.text),
  }))();
  return {
    text: offer ? `${outcome.text}\n\n${offer}` : outcome.text,
    citations: outcome.citations,
    ...(outcome.proposal ? { proposal: { id: outcome.proposal.id, title: outcome.proposal.title } } : {}),
    mode: outcome.mode,
    model: outcome.model,
    usage,
    latencyMs,
    turnId,
  };
}

function storeTurn(
  deps: AnswerDeps,
  inbound: Inbound,
  question: string,
  started: number,
  outcome: Outcome,
  latencyMs: number,
  usage: { promptTokens: number; completionTokens: number },
): number {
  return deps.turns.store({
    memberId: inbound.memberId,
    conversationId: inbound.origin.conversationId,
    question,
    answer: outcome.text,
    chunkIds: outcome.hits.map((h) => h.id),
    citedIds: outcome.citations.map((c) => c.id),
    mode: outcome.mode,
    model: outcome.model ?? null,
    promptTokens: usage.promptTokens,
    completionTokens: usage.completionTokens,
    latencyMs,
    createdAt: new Date(started),
  });
}

/**
 * Onboarding is offered, never imposed: after a member's first answer, once,
 * when they have no profile yet.
 */
function onboardingOffer(deps: AnswerDeps, memberId: string, answer: string): string | undefined {
  const member = getMember(deps.db, memberId);
  if (member?.onboardingOfferedAt || member?.profile.track) return undefined;
  // An answer ends with one next step: when it already has another, the offer waits for a later answer.
  if (/^Next step:/m.test(answer) && !answer.includes('/profile setup')) return undefined;
  setOnboarding(deps.db, memberId, { offeredAt: deps.now() }, deps.now());
  // The answer's next step may already be the offer; it is made once either way.
  if (answer.includes('/profile setup')) return undefined;
  return 'Tip: tell me where you stand and I can tailor plans to you. /profile setup takes a minute (optional, skip any question).';
}

/** What went wrong, without the request or response bodies (they hold member text). */
function describeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  const status = (error as { status?: unknown }).status;
  return { name: error.name, message: error.message, ...(typeof status === 'number' ? { status } : {}) };
}
