import { type Client, type GuildMember, type APIInteractionGuildMember, PermissionFlagsBits, type PermissionsBitField } from 'discord.js';
import { MENTOR_ROLE } from '../mentors/access.ts';

export type RoleSettings = { guildId: string | undefined; mentorRoleId: string | undefined };

type Caller = {
  userId: string;
  member: GuildMember | APIInteractionGuildMember | null;
  /** The caller's permissions in the channel, as Discord sent them with an interaction. */
  permissions: Readonly<PermissionsBitField> | null;
};

/**
 * The core roles of a Discord caller: `mentor` for the mentor role or Manage
 * Server. Read from what Discord sent, so it holds whatever the client showed;
 * in DMs, where Discord sends no member, the configured guild is asked.
 */
export async function coreRoles(client: Client, settings: RoleSettings, caller: Caller): Promise<string[]> {
  if (caller.member) return isMentor(caller.member, caller.permissions, settings) ? [MENTOR_ROLE] : [];
  if (!settings.guildId) return [];
  try {
    const guild = await client.guilds.fetch(settings.guildId);
    const member = await guild.members.fetch(caller.userId);
    return isMentor(member, member.permissions, settings) ? [MENTOR_ROLE] : [];
  } catch {
    // Not in the guild (or it is unreachable): not a mentor.
    return [];
  }
}

function isMentor(member: GuildMember | APIInteractionGuildMember, permissions: Readonly<PermissionsBitField> | null, settings: RoleSettings): boolean {
  if (permissions?.has(PermissionFlagsBits.ManageGuild)) return true;
  if (!settings.mentorRoleId) return false;
  return Array.isArray(member.roles) ? member.roles.includes(settings.mentorRoleId) : member.roles.cache.has(settings.mentorRoleId);
}
