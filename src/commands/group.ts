import { z } from 'zod';
import { WEEKDAYS } from '../checkins/schedule.ts';
import { UserFacingError } from '../core/errors.ts';
import type { Inbound } from '../core/types.ts';
import { createGroup, deleteGroup, findGroup, groupMembers, groupsOwnedBy, joinGroup, leaveGroups, memberGroups } from '../groups/store.ts';
import { coachesIn } from '../groups/where.ts';
import { isTimeZone } from '../members/profile.ts';
import { getMember } from '../members/store.ts';
import { requireMentor } from '../mentors/access.ts';
import { type CommandDefinition, defineAction } from './registry.ts';

const placeOf = (inbound: Inbound) =>
  inbound.origin.guildId ?? (inbound.origin.kind === 'terminal' || inbound.origin.kind === 'cli' ? 'terminal' : `dm:${inbound.memberId}`);
const nameOf = (inbound: Inbound) => (inbound.displayName ?? `member ${inbound.memberId.slice(-4)}`).replace(/[@<>]/g, '');
const groupName = z
  .string()
  .trim()
  .min(2, { error: 'must be 2-40 characters' })
  .max(40, { error: 'must be 2-40 characters' })
  .regex(/^[\p{L}\p{N} _-]+$/u, { error: 'may use letters, digits, spaces, _ and -' });
const onOff = z.enum(['on', 'off'], { error: 'must be on or off' });

/** Groups one member may have created at a time; each posts a weekly digest and opens a thread, so more is spam. */
export const MAX_GROUPS_PER_MEMBER = 3;

/** Mentor status as every mentor command checks it. */
function isMentor(inbound: Inbound): boolean {
  try {
    requireMentor(inbound);
    return true;
  } catch (error) {
    if (error instanceof UserFacingError) return false;
    throw error;
  }
}

export const groupCommand: CommandDefinition = {
  name: 'group',
  description: 'Study groups in a shared channel, with a weekly progress digest',
  subcommands: {
    create: defineAction({
      description: 'Create a study group in this channel (you own it)',
      options: {
        name: { description: 'Group name', schema: groupName },
        day: { description: 'Digest weekday (default friday)', schema: z.enum(WEEKDAYS, { error: `must be one of ${WEEKDAYS.join(', ')}` }).optional() },
        time: {
          description: 'Digest time HH:MM (default 17:00)',
          schema: z
            .string()
            .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'must be a 24-hour time as HH:MM' })
            .optional(),
        },
        timezone: {
          description: 'Digest timezone (default: yours, else UTC)',
          schema: z.string().trim().refine(isTimeZone, { error: 'must be an IANA timezone such as Europe/London' }).optional(),
        },
      },
      run: async ({ deps, inbound }, options) => {
        if (inbound.origin.kind === 'dm') throw new UserFacingError('Create a study group in the shared channel where it should meet, not in a DM.');
        if (inbound.origin.kind === 'group' && !coachesIn(deps, inbound.origin.channelId ?? '')) {
          throw new UserFacingError('Study groups meet only in the channels where I coach. Create it in one of those.');
        }
        const place = placeOf(inbound);
        const name = options.name;
        if (findGroup(deps.db, place, name)) throw new UserFacingError(`A group called ${name} already exists here. /group join name:${name} joins it.`);
        if (groupsOwnedBy(deps.db, inbound.memberId) >= MAX_GROUPS_PER_MEMBER) {
          throw new UserFacingError(`You have created ${MAX_GROUPS_PER_MEMBER} study groups, the most one member may. /group delete name:… one of them first.`);
        }
        const weekday = WEEKDAYS.indexOf(options.day ?? 'friday') + 1;
        const timezone = options.timezone ?? getMember(deps.db, inbound.memberId)?.profile.timezone ?? 'UTC';
        const group = createGroup(
          deps.db,
          { place, name, channelId: inbound.origin.channelId ?? 'terminal', ownerId: inbound.memberId, weekday, time: options.time ?? '17:00', timezone },
          { displayName: nameOf(inbound) },
          deps.now(),
        );
        return {
          text: `Created ${group.name}. Its digest comes here on ${WEEKDAYS[weekday - 1]}s at ${group.time} (${timezone}). Others join with /group join name:${group.name}; progress is shared only with share:on.`,
          citations: [],
        };
      },
    }),
    join: defineAction({
      description: 'Join a study group here; share:on puts your progress in its digest',
      options: {
        name: { description: 'Group name', schema: groupName },
        share: { description: 'Show your progress in the digest (default off)', schema: onOff.optional() },
      },
      run: async ({ deps, inbound }, options) => {
        const group = findGroup(deps.db, placeOf(inbound), options.name);
        if (!group) throw new UserFacingError(`No group called ${options.name} here. /group create name:… starts one.`);
        const share = options.share === 'on';
        joinGroup(deps.db, group.id, inbound.memberId, nameOf(inbound), share, deps.now());
        return { text: `You are in ${group.name}. Your progress is ${share ? 'shared in' : 'kept out of'} its weekly digest.`, citations: [] };
      },
    }),
    leave: defineAction({
      description: 'Leave your study group(s) here',
      options: {},
      run: async ({ deps, inbound }) => {
        const left = leaveGroups(deps.db, placeOf(inbound), inbound.memberId);
        return { text: left.length ? `You left ${left.join(', ')}.` : 'You are not in a study group here.', citations: [] };
      },
    }),
    delete: defineAction({
      description: 'Delete a study group here (its creator or a mentor)',
      options: {
        name: { description: 'Group name', schema: groupName },
      },
      run: async ({ deps, inbound }, options) => {
        const group = findGroup(deps.db, placeOf(inbound), options.name);
        if (!group) throw new UserFacingError(`No group called ${options.name} here.`);
        if (group.ownerId !== inbound.memberId && !isMentor(inbound)) {
          throw new UserFacingError(`Only the member who created ${group.name}, or a mentor, can delete it.`);
        }
        const members = deleteGroup(deps.db, group.id);
        deps.log.info({ memberId: inbound.memberId, groupId: group.id, members }, 'study group deleted');
        return { text: `Deleted ${group.name} (${members} member${members === 1 ? '' : 's'}). Its digest stops.`, citations: [] };
      },
    }),
    show: defineAction({
      description: 'Your study group(s) here: members, sharing and digest time',
      options: {},
      run: async ({ deps, inbound }) => {
        const groups = memberGroups(deps.db, placeOf(inbound), inbound.memberId);
        if (groups.length === 0) return { text: 'You are not in a study group here. /group join name:… or /group create name:…', citations: [] };
        const text = groups
          .map((g) => {
            const members = groupMembers(deps.db, g.id);
            return `**${g.name}**: digest ${WEEKDAYS[g.weekday - 1]}s at ${g.time} (${g.timezone})\n${members.map((m) => `- ${m.displayName}${m.share ? ' (shares progress)' : ''}`).join('\n')}`;
          })
          .join('\n\n');
        return { text, citations: [] };
      },
    }),
  },
};
