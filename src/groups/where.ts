import type { GroupDeps } from './deps.ts';
import { groupsWithMembers, type StudyGroup } from './store.ts';

/** Study groups meet only where the bot coaches: any channel without COACH_CHANNEL_IDS, else only those channels. */
export function coachesIn(deps: Pick<GroupDeps, 'coachChannelIds'>, channelId: string): boolean {
  return !deps.coachChannelIds || deps.coachChannelIds.includes(channelId);
}

/**
 * The groups whose weekly digest is posted: they still have members, and
 * (for Discord groups) their channel is one the bot coaches in, so a group
 * left behind in a channel later taken off COACH_CHANNEL_IDS goes quiet too.
 */
export function groupsThatPost(deps: Pick<GroupDeps, 'db' | 'coachChannelIds'>): StudyGroup[] {
  return groupsWithMembers(deps.db).filter((g) => g.place === 'terminal' || coachesIn(deps, g.channelId));
}
