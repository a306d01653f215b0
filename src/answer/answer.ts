import { MAX_QUESTION_CHARS } from '../core/limits.ts';
import { cleanQuestion } from '../core/sanitize.ts';
import type { Inbound, Reply } from '../core/types.ts';
import type { Db } from '../db/client.ts';
import type { InterviewQuestion } from '../interview/bank.ts';
import { extractConcepts } from '../knowledge/query.ts';
import { type Retrieval, retrieve, type SearchHit } from '../knowledge/search.ts';
import { type ChatMessage, type Completion, type Llm, LlmFailure, type ToolCall } from '../llm/client.ts';
import type { Logger } from '../log.ts';
import { transitionView } from '../members/progress.ts';
import { createProposal, PROPOSE_MILESTONE_TOOL, type Proposal } from '../members/proposals.ts';
import type { Roadmaps } from '../members/roadmap.ts';
import { doneMilestones, getMember, listProjects, setOnboarding } from '../members/store.ts';
import { memberSummary } from '../members/summary.ts';
import { checkCitations } from './citations.ts';
import { composeGuideAnswer } from './compose.ts';
import { memberPlanAnswer } from './member-plan.ts';
import { modelFallbackNotice } from './model-fallback.ts';
import { nextStepFor } from './next-step.ts';
import { LEAK_REFUSAL, type OutputGuard } from './output-guard.ts';
import { fillTemplate, formatExcerpts, type PromptTemplates } from './prompts.ts';
import type { PastTurn, TurnStore } from './turns.ts';

export type AnswerDeps = {
  db: Db;
  turns: TurnStore;
  roadmaps: Roadmaps;
  interviews: InterviewQuestion[];
  llm: Llm | undefined;
  prompts: PromptTemplates;
  /** Runs over everything a model writes before a member sees or we store it. */
  outputGuard: OutputGuard;
  limits: { messagesPerMinute: number; dailyTokens: number };
  log: Logger;
  now: () => number;
};

const CONTEXT_CHUNKS = 5;
/** The excerpts sent to the model stop here (at least three are always sent), keeping prompts under ~1,500 tokens. */
const CONTEXT_CHARS = 3300;
const MIN_CONTEXT_CHUNKS = 3;
const HISTORY_TURNS = 3;
const HISTORY_ANSWER_CHARS = 300;
/** A question this short is probably a follow-up ("and in the US?"): search with the previous one too. */
const FOLLOW_UP_MAX_WORDS = 6;
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
  // Nothing but emoji, mentions or filler words is not a question yet.
  if (extractConcepts(question).length === 0) return { text: ASK_HELP, citations: [] };
  const limited = rateLimitMessage(deps, inbound.memberId, started);
  if (limited) return { text: limited, citations: [] };

  const history = deps.turns.recent(inbound.origin.conversationId, HISTORY_TURNS);
  const retrieval = retrieveWithFollowUp(deps.db, question, history);
  const member = getMember(deps.db, inbound.memberId);
  const personal = memberPlanAnswer(deps.roadmaps, member, doneMilestones(deps.db, inbound.memberId), question, started);
  if (personal && (!retrieval.inScope || retrieval.hits.length === 0)) {
    return finish(deps, inbound, question, started, { text: personal, citations: [], hits: [], mode: 'offline' });
  }
  if (!retrieval.inScope || retrieval.hits.length === 0) {
    const text = `The guides I coach from do not cover that, so I would rather not guess. They do cover ${GUIDE_TOPICS}. Ask me about any of those.`;
    return finish(deps, inbound, question, started, { text, citations: [], hits: [], mode: 'offline' });
  }

  const hits = retrieval.hits;
  const view = member ? transitionView(deps.roadmaps, member.profile, doneMilestones(deps.db, inbound.memberId), started) : undefined;
  const nextStep = nextStepFor(question, view, personal !== undefined);
  const offline = (notice?: string) => {
    const guides = composeGuideAnswer({ concepts: retrieval.concepts, hits, nextStep, budget: personal ? PERSONAL_GUIDE_WORDS : undefined });
    const checked = checkCitations(guides, hits);
    const text = [notice, personal, checked.text].filter(Boolean).join('\n\n');
    return { ...checked, text, hits, mode: 'offline' as const };
  };

  if (!deps.llm) return finish(deps, inbound, question, started, offline());
  const dayStart = new Date(started).setUTCHours(0, 0, 0, 0);
  if (deps.turns.tokensUsedSince(inbound.memberId, dayStart) >= deps.limits.dailyTokens) {
    const notice = `You have used today's model budget (${deps.limits.dailyTokens.toLocaleString('en-GB')} tokens), so this answer comes straight from the guides. It resets at 00:00 UTC.`;
    return finish(deps, inbound, question, started, offline(notice));
  }

  let completion: Completion;
  try {
    const summary = memberSummary(deps.roadmaps, member, doneMilestones(deps.db, inbound.memberId), started, listProjects(deps.db, inbound.memberId));
    completion = await deps.llm.complete(buildMessages(deps.prompts, question, hits, history, summary), {
      tools: member?.profile.track ? [PROPOSE_MILESTONE_TOOL] : undefined,
    });
  } catch (error) {
    deps.log.warn({ err: describeError(error), model: deps.llm.model }, 'model call failed; answering offline');
    return finish(deps, inbound, question, started, offline(modelFallbackNotice(error)));
  }
  const guarded = deps.outputGuard.check(completion.text);
  if (guarded.leakedWords > 0) deps.log.warn({ leakedWords: guarded.leakedWords, model: completion.model }, 'removed a copy of our instructions from a model answer');
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
      text: [checked.text || 'Well done on that progress.', proposalLine].filter(Boolean).join('\n\n'),
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

/**
 * Questions, not chunk text, decide the search. A short follow-up ("and in
 * the US?") borrows the previous question, unless on its own it is about
 * something the guides never mention: "what about sourdough?" after a salary
 * question is a new, uncovered topic, not a salary question.
 */
function retrieveWithFollowUp(db: AnswerDeps['db'], question: string, history: PastTurn[]): Retrieval {
  const previous = history.at(-1)?.question;
  const words = question.split(/\s+/).filter(Boolean).length;
  const own = retrieve(db, question, CONTEXT_CHUNKS);
  if (!previous || words > FOLLOW_UP_MAX_WORDS) return own;
  const offTopic = own.concepts.length > 0 && !own.inScope;
  return offTopic ? own : retrieve(db, `${previous} ${question}`, CONTEXT_CHUNKS);
}

function rateLimitMessage(deps: AnswerDeps, memberId: string, now: number): string | undefined {
  const times = deps.turns.questionTimesSince(memberId, now - MINUTE_MS);
  const limit = deps.limits.messagesPerMinute;
  if (times.length < limit) return undefined;
  const oldest = times[times.length - limit] ?? now;
  const seconds = Math.max(1, Math.ceil((oldest + MINUTE_MS - now) / 1000));
  return `You are asking faster than I can coach: the limit is ${limit} questions a minute. Try again in ${seconds} second${seconds === 1 ? '' : 's'}.`;
}

export function buildMessages(
  prompts: PromptTemplates,
  question: string,
  hits: SearchHit[],
  history: PastTurn[],
  member: string,
): ChatMessage[] {
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
  const usage = outcome.usage ?? { promptTokens: 0, completionTokens: 0 };
  // One transaction: the turn and the onboarding offer it carries are stored together.
  const { turnId, offer } = deps.db.$client.transaction(() => ({
    turnId: storeTurn(deps, inbound, question, started, outcome, latencyMs, usage),
    // Operators asking through the CLI are not members to onboard.
    offer: inbound.origin.kind === 'cli' || outcome.text.includes('/profile setup') ? undefined : onboardingOffer(deps, inbound.memberId),
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
function onboardingOffer(deps: AnswerDeps, memberId: string): string | undefined {
  const member = getMember(deps.db, memberId);
  if (member?.onboardingOfferedAt || member?.profile.track) return undefined;
  setOnboarding(deps.db, memberId, { offeredAt: deps.now() }, deps.now());
  return 'Tip: tell me where you stand and I can tailor plans to you. /profile setup takes a minute (optional, skip any question).';
}

/** What went wrong, without the request or response bodies (they hold member text). */
function describeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  const status = (error as { status?: unknown }).status;
  return { name: error.name, message: error.message, ...(typeof status === 'number' ? { status } : {}) };
}
