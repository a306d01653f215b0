import type { BaseDeps } from '../core/deps.ts';
import type { Roadmaps } from '../members/roadmap.ts';

/** What study groups use: digests read members' roadmaps, and groups post only where the bot coaches. */
export type GroupDeps = BaseDeps & {
  roadmaps: Roadmaps;
  /** Shared channels the bot coaches in (COACH_CHANNEL_IDS); undefined: every channel it can see. */
  coachChannelIds: string[] | undefined;
};
