import type { Client } from 'discord.js';
import { coreRoles, type RoleSettings } from '../discord/roles.ts';
import type { RoleSource } from './server.ts';

/** The terminal chat's one user holds the roles given with --roles; nobody else holds any. */
export function terminalRoles(memberId: string, roles: string[]): RoleSource {
  return async (id) => ({ roles: id === memberId ? roles : [] });
}

/**
 * Roles read from the community guild on each request, as for a DM (the
 * member is fetched afresh), so a mentor who loses the role loses the
 * dashboard at once. Until the gateway is up nobody is a mentor.
 */
export function discordRoles(client: () => Client | undefined, settings: RoleSettings): RoleSource {
  return async (userId) => {
    const current = client();
    if (!current?.isReady()) return { roles: [], rolesUnknown: 'Pivot is still connecting to Discord; try again in a minute.' };
    return coreRoles(current, settings, { userId, guildId: null });
  };
}
