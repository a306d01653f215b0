import { type Client, PermissionFlagsBits, type PermissionsBitField } from 'discord.js';
import type { Inbound } from '../core/types.ts';
import { MENTOR_ROLE } from '../mentors/access.ts';

export type RoleSettings = { guildId: string | undefined; mentorRoleId: string | undefined };

/** Who is asking, and from which guild (null in a DM). */
export type Caller = {
  userId: string;
  guildId: string | null;
  /** The permissions Discord computed for the caller, sent with an interaction from a guild. */
  permissions?: Readonly<PermissionsBitField> | null;
};

export const NO_COMMUNITY_GUILD =
  'Mentor commands are off: the bot has no community server to read mentor roles from. The operator sets DISCORD_GUILD_ID to that server’s id.';

/**
 * The core roles of a Discord caller: `mentor` for the mentor role or Manage
 * Server in the community's own guild (DISCORD_GUILD_ID), and only there.
 * The guild an event came from never counts: whoever owns another server the
 * bot is in is nobody here. An event from the community guild has just
 * refreshed the member in the cache; from a DM the member is fetched afresh,
 * so a role taken away counts at once.
 */
export async function coreRoles(client: Client, settings: RoleSettings, caller: Caller): Promise<Pick<Inbound, 'roles' | 'rolesUnknown'>> {
  if (!settings.guildId) return { roles: [], rolesUnknown: NO_COMMUNITY_GUILD };
  const fromCommunity = caller.guildId === settings.guildId;
  if (caller.guildId !== null && !fromCommunity) return { roles: [] };
  try {
    const guild = await client.guilds.fetch(settings.guildId);
    const member = await guild.members.fetch({ user: caller.userId, force: !fromCommunity });
    const managesServer =
      member.permissions.has(PermissionFlagsBits.ManageGuild) || (fromCommunity && caller.permissions?.has(PermissionFlagsBits.ManageGuild) === true);
    const mentor = managesServer || (settings.mentorRoleId !== undefined && member.roles.cache.has(settings.mentorRoleId));
    return { roles: mentor ? [MENTOR_ROLE] : [] };
  } catch {
    // Not in the community guild (or it is unreachable): not a mentor.
    return { roles: [] };
  }
}

/** Whether an event from this guild (null: a DM) is for Pivot: with a community guild set, no other guild's is. */
export function fromServedGuild(communityGuildId: string | undefined, eventGuildId: string | null): boolean {
  return eventGuildId === null || communityGuildId === undefined || eventGuildId === communityGuildId;
}
