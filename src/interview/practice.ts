import { and, desc, eq, sql } from 'drizzle-orm';
import { fillTemplate } from '../answer/prompts.ts';
import type { Inbound, Reply } from '../core/types.ts';
import { preparedPerDatabase } from '../db/prepared.ts';
import { practiceSessions } from '../db/schema.ts';
import { budgetSpentNotice, ModelBudgetSpent, ModelRateLimited } from '../llm/metered.ts';
import { transitionView } from '../members/progress.ts';
import { doneMilestones, getMember, listProjects } from '../members/store.ts';
import { memberSummary } from '../members/summary.ts';
import type { InterviewQuestion, Topic } from './bank.ts';
import type { InterviewDeps } from './deps.ts';
import { CRITERIA, checkModelFeedback, formatFeedback, type PracticeFeedback, parseModelFeedback, scoreOffline } from './score.ts';

const RECENT_QUESTIONS = 12;

/** Early in the roadmap: easier questions; late: harder ones. */
function difficultiesFor(doneShare: number): string[] {
  if (doneShare < 0.34) return ['easy', 'medium'];
  if (doneShare < 0.67) return ['medium', 'easy', 'hard'];
  return ['hard', 'medium'];
}

export function chooseQuestion(
  bank: InterviewQuestion[],
  options: { track: string | null; doneShare: number; topic?: Topic; recent: string[]; random?: () => number },
): InterviewQuestion | undefined {
  const fits = bank.filter((q) => (!options.track || q.tracks.includes(options.track as never)) && (!options.topic || q.topic === options.topic));
  const fresh = fits.filter((q) => !options.recent.includes(q.id));
  const pool = fresh.length ? fresh : fits;
  const preferred = difficultiesFor(options.doneShare);
  const best = pool.filter((q) => q.difficulty === preferred[0]);
  const candidates = best.length ? best : pool.filter((q) => preferred.includes(q.difficulty));
  const list = candidates.length ? candidates : pool;
  return list[Math.floor((options.random ?? Math.random)() * list.length)];
}

/** Asks a practice question; the member's next plain message in this conversation is the answer. */
export function startPractice(deps: InterviewDeps, inbound: Inbound, topic?: Topic): Reply {
  const member = getMember(deps.db, inbound.memberId);
  const done = doneMilestones(deps.db, inbound.memberId);
  const view = member ? transitionView(deps.roadmaps, member.profile, done, deps.now()) : undefined;
  const doneShare = view ? done.size / Math.max(1, view.milestones.length) : 0;
  const recent = deps.db
    .select({ questionId: practiceSessions.questionId })
    .from(practiceSessions)
    .where(eq(practiceSessions.memberId, inbound.memberId))
    .orderBy(desc(practiceSessions.id))
    .limit(RECENT_QUESTIONS)
    .all()
    .map((r) => r.questionId);
  const question = chooseQuestion(deps.interviews, { track: member?.profile.track ?? null, doneShare, topic, recent });
  if (!question) return { text: 'I have no practice questions for that topic yet.', citations: [] };
  const { memberId, origin } = inbound;
  deps.db.$client.transaction(() => {
    deps.db
      .update(practiceSessions)
      .set({ status: 'abandoned' })
      .where(and(eq(practiceSessions.memberId, memberId), eq(practiceSessions.conversationId, origin.conversationId), eq(practiceSessions.status, 'asked')))
      .run();
    deps.db
      .insert(practiceSessions)
      .values({ memberId, conversationId: origin.conversationId, questionId: question.id, status: 'asked', askedAt: new Date(deps.now()) })
      .run();
  })();
  return {
    text: `Practice question (${question.topic}, ${question.difficulty}):\n\n**${question.question}**\n\nReply with your answer as your next message here; I will score it. (A new /command cancels nothing: your answer is still welcome after it.)`,
    citations: [],
  };
}

/** Every plain-text message looks for one. */
const askedIn = preparedPerDatabase((db) =>
  db
    .select({ id: practiceSessions.id, questionId: practiceSessions.questionId })
    .from(practiceSessions)
    .where(
      and(
        eq(practiceSessions.memberId, sql.placeholder('memberId')),
        eq(practiceSessions.conversationId, sql.placeholder('conversationId')),
        eq(practiceSessions.status, 'asked'),
      ),
    )
    .orderBy(desc(practiceSessions.id))
    .limit(1)
    .prepare(),
);

export function pendingPractice(deps: InterviewDeps, memberId: string, conversationId: string): { id: number; questionId: string } | undefined {
  return askedIn(deps.db).get({ memberId, conversationId });
}

/** Scores the answer to a pending practice question, with the model when there is one, and stores it. */
export async function answerPractice(deps: InterviewDeps, inbound: Inbound, session: { id: number; questionId: string }): Promise<Reply> {
  const question = deps.interviews.find((q) => q.id === session.questionId);
  if (!question) return { text: 'That practice question is no longer in the bank; /interview practice asks a new one.', citations: [] };
  const answer = inbound.text.trim();
  const projects = listProjects(deps.db, inbound.memberId).map((p) => p.name);
  const heuristic = scoreOffline(question, answer, projects);
  let feedback: PracticeFeedback | undefined;
  let mode: 'llm' | 'offline' = 'offline';
  let notice: string | undefined;
  if (deps.llm) {
    const member = getMember(deps.db, inbound.memberId);
    const prompt = fillTemplate(deps.prompts.interviewScore, {
      topic: question.topic,
      difficulty: question.difficulty,
      question: question.question,
      rubric: question.rubric.map((r) => `- ${r.point}`).join('\n'),
      avoid: question.avoid.map((a) => `- ${a}`).join('\n') || '- (none listed)',
      member: memberSummary(deps.roadmaps, member, doneMilestones(deps.db, inbound.memberId), deps.now()),
      answer,
    });
    try {
      const completion = await deps.llm.complete({ memberId: inbound.memberId, purpose: 'practice-score' }, [{ role: 'user', content: prompt }]);
      const parsed = parseModelFeedback(completion.text);
      if (parsed) {
        feedback = checkModelFeedback(parsed, heuristic, answer);
        mode = 'llm';
      }
    } catch (error) {
      // Nothing is stored: the question stays open for the answer to be sent again.
      if (error instanceof ModelRateLimited) return { text: error.message, citations: [] };
      if (error instanceof ModelBudgetSpent) notice = budgetSpentNotice(error.dailyTokens, 'this answer is scored offline by a heuristic');
      deps.log.warn({ err: error instanceof Error ? error.message : String(error) }, 'practice scoring by model failed; using the heuristic');
    }
  }
  feedback ??= heuristic;
  const formatted = formatFeedback(feedback, mode === 'offline');
  const text = mode === 'llm' ? deps.outputGuard.check(formatted).text : [notice, formatted].filter(Boolean).join('\n\n');
  deps.db
    .update(practiceSessions)
    .set({ status: 'answered', answer, scores: feedback.scores, feedback: text, mode, answeredAt: new Date(deps.now()) })
    .where(eq(practiceSessions.id, session.id))
    .run();
  return { text, citations: [], mode };
}

/** Past practice scores, newest last, and whether they are improving. */
export function practiceHistory(deps: InterviewDeps, memberId: string): string {
  const rows = deps.db
    .select({ questionId: practiceSessions.questionId, scores: practiceSessions.scores, answeredAt: practiceSessions.answeredAt })
    .from(practiceSessions)
    .where(and(eq(practiceSessions.memberId, memberId), eq(practiceSessions.status, 'answered')))
    .orderBy(practiceSessions.id)
    .all();
  if (rows.length === 0) return 'No practice answers yet. /interview practice asks you a question.';
  const averages = rows.map((r) => {
    const s = r.scores ?? {};
    return CRITERIA.reduce((sum, c) => sum + (s[c] ?? 0), 0) / CRITERIA.length;
  });
  const lines = rows.slice(-10).map((r, i) => {
    const index = rows.length - Math.min(rows.length, 10) + i;
    const s = r.scores ?? {};
    const date = new Date(r.answeredAt ?? 0).toISOString().slice(0, 10);
    return `${date}  ${r.questionId}  ${CRITERIA.map((c) => `${c} ${s[c]}`).join(', ')}  (avg ${averages[index]?.toFixed(1)})`;
  });
  const half = Math.max(1, Math.min(3, Math.floor(averages.length / 2)));
  const early = averages.slice(0, half).reduce((a, b) => a + b, 0) / half;
  const late = averages.slice(-half).reduce((a, b) => a + b, 0) / half;
  const delta = late - early;
  const trend =
    averages.length < 2
      ? 'One answer so far: practise again to see a trend.'
      : Math.abs(delta) < 0.25
        ? `Trend: steady (average ${late.toFixed(1)}/5).`
        : delta > 0
          ? `Trend: improving ↑ (+${delta.toFixed(1)}: ${early.toFixed(1)} → ${late.toFixed(1)}).`
          : `Trend: down ↓ (${delta.toFixed(1)}: ${early.toFixed(1)} → ${late.toFixed(1)}).`;
  return ['```', ...lines, '```', trend].join('\n');
}
