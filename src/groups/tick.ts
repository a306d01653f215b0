import { decide } from '../checkins/schedule.ts';
import type { TickReport } from '../checkins/tick.ts';
import type { GroupDeps } from './deps.ts';
import { composeDigest } from './digest.ts';
import { claimDigest, finishDigest, type StudyGroup, setDigestThread } from './store.ts';
import { groupsThatPost } from './where.ts';

/**
 * Posts a digest. Discord: in the group's one thread (`group.threadId`), opening it the first time (or again, if it
 * was deleted) and returning its id; terminal: printed.
 */
export type DigestPoster = (group: StudyGroup, text: string) => Promise<'sent' | 'failed' | { threadId: string }>;

/** Weekly digests, due and claimed exactly like check-ins; reported as `group:<name>` entries. */
export async function runGroupDigests(deps: GroupDeps, post: DigestPoster, now: Date, report: TickReport): Promise<void> {
  for (const group of groupsThatPost(deps)) {
    const decision = decide(group, now);
    if (!decision) continue;
    const label = `group:${group.name}`;
    if (decision.action === 'miss') {
      if (claimDigest(deps.db, group.id, decision.week, 'missed', now.getTime())) {
        report.skipped.push({ member: label, week: decision.week, reason: 'digest missed: more than 24 h late' });
      }
      continue;
    }
    if (!claimDigest(deps.db, group.id, decision.week, 'sending', now.getTime())) continue;
    const text = composeDigest(deps, group, now.getTime());
    const posted = await post(group, text).catch(() => 'failed' as const);
    const outcome = posted === 'failed' ? 'failed' : 'sent';
    if (typeof posted === 'object' && posted.threadId !== group.threadId) setDigestThread(deps.db, group.id, posted.threadId);
    finishDigest(deps.db, group.id, decision.week, outcome);
    if (outcome === 'sent') report.sent.push({ member: label, week: decision.week, text });
    else report.failed.push({ member: label, week: decision.week, reason: 'digest could not be posted' });
  }
}
