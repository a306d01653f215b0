import type { AnswerDeps } from '../answer/answer.ts';
import { progressBar, transitionView } from '../members/progress.ts';
import { doneMilestones, getMember } from '../members/store.ts';
import { BACKING_OFF_LINE } from './rhythm.ts';
import { describeStreak, memberStreak } from './streak.ts';

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

export type CheckinWeek = { week: string; timezone: string; backingOff?: boolean };

/** The weekly check-in, personal: phase, last week's wins, the next milestone, the streak (with grace). */
export function composeCheckin(deps: AnswerDeps, memberId: string, now: number, at: CheckinWeek): string {
  const body = composeBody(deps, memberId, now, at);
  return at.backingOff ? `${body}\n${BACKING_OFF_LINE}` : body;
}

function composeBody(deps: AnswerDeps, memberId: string, now: number, at: CheckinWeek): string {
  const member = getMember(deps.db, memberId);
  const done = doneMilestones(deps.db, memberId);
  const view = member ? transitionView(deps.roadmaps, member.profile, done, now) : undefined;
  if (!view) {
    return 'Weekly check-in: how did this week go? Set your track (/profile set track:ml-platform) and I can follow your roadmap with you.';
  }
  const lastWeek = view.milestones.filter((m) => (done.get(m.id) ?? 0) >= now - WEEK_MS);
  const streak = describeStreak(memberStreak(deps.db, memberId, at.timezone, at.week, done.values()));
  const doneCount = view.milestones.filter((m) => done.has(m.id)).length;
  const lines = [
    `Weekly check-in: ${view.currentPhase ? view.currentPhase.title : 'every milestone done'}`,
    `Progress ${progressBar(doneCount, view.milestones.length)} (${doneCount}/${view.milestones.length})`,
    lastWeek.length ? `Finished last week: ${lastWeek.map((m) => m.title).join('; ')}.` : 'Nothing marked done last week; that is fine, small steps count.',
  ];
  const next = view.next[0];
  if (next) lines.push(`Next: \`${next.id}\` ${next.title} (about ${view.weeksFor(next)} wk at ${view.hoursPerWeek} h/week). Done when: ${next.evidence}`);
  lines.push(streak ? `Streak: ${streak} with progress or a check-in.` : 'Streak: start one this week.');
  lines.push('How is it going? On track, stuck, or skipping this week? (/done item:<id> marks progress.)');
  return lines.join('\n');
}
