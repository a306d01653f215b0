import { and, eq } from 'drizzle-orm';
import type { AnswerDeps } from '../answer/answer.ts';
import { answerQuestion } from '../answer/answer.ts';
import type { Reply } from '../core/types.ts';
import { checkinDeliveries } from '../db/schema.ts';
import { transitionView } from '../members/progress.ts';
import { doneMilestones, getMember, markMilestoneDone } from '../members/store.ts';

export type CheckinResponse = 'on-track' | 'stuck' | 'skip';

/** The answer, when it came, and (when stuck) the milestone the member was working towards, for mentors. */
function record(deps: AnswerDeps, memberId: string, week: string, response: CheckinResponse, blocker?: string): boolean {
  const milestone = response === 'stuck' ? nextMilestoneId(deps, memberId) : null;
  return (
    deps.db
      .update(checkinDeliveries)
      .set({ response, blocker: blocker ?? null, answeredAt: new Date(deps.now()), milestoneId: milestone })
      .where(and(eq(checkinDeliveries.memberId, memberId), eq(checkinDeliveries.week, week)))
      .run().changes > 0
  );
}

function nextMilestoneId(deps: AnswerDeps, memberId: string): string | null {
  const member = getMember(deps.db, memberId);
  if (!member) return null;
  return transitionView(deps.roadmaps, member.profile, doneMilestones(deps.db, memberId), deps.now())?.next[0]?.id ?? null;
}

/** "On track" with the milestone they finished: recorded and the roadmap updated. */
export function respondOnTrack(deps: AnswerDeps, memberId: string, week: string, milestoneId: string | undefined): string {
  record(deps, memberId, week, 'on-track');
  if (!milestoneId) return 'Great, keep going. /plan shows what is next.';
  const milestone = deps.roadmaps.milestone(milestoneId);
  if (!milestone) return 'That milestone is not on your roadmap any more.';
  markMilestoneDone(deps.db, memberId, milestoneId, deps.now());
  return `Marked done: ${milestone.title}. /undo reverses it; /plan shows what is next.`;
}

export function respondSkip(deps: AnswerDeps, memberId: string, week: string): string {
  record(deps, memberId, week, 'skip');
  return 'Skipping this week is fine. See you at the next check-in.';
}

/** "Stuck": what blocks them is stored, and the coach answers it from the guides. */
export async function respondStuck(deps: AnswerDeps, memberId: string, week: string, blocker: string): Promise<Reply> {
  record(deps, memberId, week, 'stuck', blocker.slice(0, 1000));
  const answer = await answerQuestion(deps, {
    memberId,
    origin: { kind: 'dm', conversationId: `checkin:${memberId}:${week}` },
    text: blocker,
  });
  return { ...answer, text: `Thanks for saying what blocks you. ${answer.text}` };
}
