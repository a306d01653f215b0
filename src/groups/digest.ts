import { and, eq, inArray } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { weekLabel } from '../checkins/schedule.ts';
import { describeStreak, graceStreak, marksFor, weeksOf } from '../checkins/streak.ts';
import { checkinDeliveries } from '../db/schema.ts';
import { progressBar, transitionView } from '../members/progress.ts';
import { doneMilestones, getMember } from '../members/store.ts';
import type { GroupDeps } from './deps.ts';
import { groupMembers, type StudyGroup } from './store.ts';

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/** Names are written as plain text, never as mentions: a digest pings nobody. */
const plainName = (name: string) => name.replace(/[@<>]/g, '').slice(0, 40) || 'a member';

/**
 * The group's weekly digest, without shame: it names only members who chose
 * share:on and had something to share this week (a milestone finished, or
 * their check-in answered); nobody is listed for not checking in, and how
 * many stayed quiet is not counted. A stuck answer shows only as "checked
 * in": what blocks someone is between them, the coach and (if they allow it)
 * mentors.
 */
export function composeDigest(deps: GroupDeps, group: StudyGroup, now: number): string {
  const sharing = groupMembers(deps.db, group.id).filter((m) => m.share);
  const week = weekLabel(DateTime.fromMillis(now, { zone: group.timezone }));
  const lines = [`**${group.name}**: weekly digest`];
  const groupWeeks = new Set<string>();
  const answeredWeeks = (memberId: string) =>
    deps.db
      .select({ week: checkinDeliveries.week })
      .from(checkinDeliveries)
      .where(and(eq(checkinDeliveries.memberId, memberId), inArray(checkinDeliveries.response, ['on-track', 'stuck'])))
      .all()
      .map((r) => r.week);
  const wins: string[] = [];
  for (const m of sharing) {
    const done = doneMilestones(deps.db, m.memberId);
    const answered = new Set(answeredWeeks(m.memberId));
    for (const w of [...weeksOf(done.values(), group.timezone), ...answered]) groupWeeks.add(w);
    const member = getMember(deps.db, m.memberId);
    const view = member ? transitionView(deps.roadmaps, member.profile, done, now) : undefined;
    const thisWeek = view ? view.milestones.filter((x) => (done.get(x.id) ?? 0) >= now - WEEK_MS).map((x) => x.title) : [];
    if (thisWeek.length === 0 && !answered.has(week)) continue;
    const doneCount = view ? view.milestones.filter((x) => done.has(x.id)).length : 0;
    const bar = view ? `${progressBar(doneCount, view.milestones.length)}, ` : '';
    wins.push(`- ${plainName(m.displayName)}: ${bar}${thisWeek.length ? `finished ${thisWeek.join('; ')}` : 'checked in'}`);
  }
  lines.push(...(wins.length ? wins : ['A quiet week here. Wins, big or small, show up when members who share them check in.']));
  const streak = describeStreak(graceStreak(marksFor(week, groupWeeks, new Set())));
  lines.push(streak ? `Group streak: ${streak} with progress shared.` : 'Group streak: start one this week.');
  lines.push(
    `Members who join with share:on appear here when they have news; /group join name:${/\s/.test(group.name) ? `"${group.name}"` : group.name} share:on.`,
  );
  return lines.join('\n');
}
