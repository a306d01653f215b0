import { milestoneStreak } from '../checkins/content.ts';
import type { CoreDeps } from '../core/commands/registry.ts';
import { progressBar, transitionView } from '../members/progress.ts';
import { doneMilestones, getMember } from '../members/store.ts';
import { groupMembers, type StudyGroup } from './store.ts';

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/** Names are written as plain text, never as mentions: a digest pings nobody. */
const plainName = (name: string) => name.replace(/[@<>]/g, '').slice(0, 40) || 'a member';

/** The group's weekly digest: each sharing member's progress and wins, and the group's streak. */
export function composeDigest(deps: CoreDeps, group: StudyGroup, now: number): string {
  const members = groupMembers(deps.db, group.id);
  const sharing = members.filter((m) => m.share);
  const lines = [`**${group.name}**: weekly digest`];
  const allDone: number[] = [];
  for (const m of sharing) {
    const done = doneMilestones(deps.db, m.memberId);
    allDone.push(...done.values());
    const member = getMember(deps.db, m.memberId);
    const view = member ? transitionView(deps.roadmaps, member.profile, done, now) : undefined;
    if (!view) {
      lines.push(`- ${plainName(m.displayName)}: no track set yet`);
      continue;
    }
    const doneCount = view.milestones.filter((x) => done.has(x.id)).length;
    const thisWeek = view.milestones.filter((x) => (done.get(x.id) ?? 0) >= now - WEEK_MS).map((x) => x.title);
    lines.push(
      `- ${plainName(m.displayName)}: ${progressBar(doneCount, view.milestones.length)}${thisWeek.length ? `, finished ${thisWeek.join('; ')}` : ''}`,
    );
  }
  if (sharing.length === 0) lines.push('Nobody shares their progress yet: /group join name:… share:on to appear here.');
  const streak = milestoneStreak(allDone, now);
  lines.push(
    streak > 0 ? `Group streak: ${streak} week${streak === 1 ? '' : 's'} with a milestone done.` : 'Group streak: start one this week.',
  );
  lines.push(`${members.length - sharing.length} more member${members.length - sharing.length === 1 ? '' : 's'} keep their progress private.`);
  return lines.join('\n');
}
