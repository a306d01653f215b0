import { UserFacingError } from '../core/errors.ts';
import type { Inbound } from '../core/types.ts';
import type { Actor } from './audit.ts';

/** The role adapters grant to mentors (Discord: MENTOR_ROLE_ID or Manage Server in DISCORD_GUILD_ID; terminal: --roles mentor). */
export const MENTOR_ROLE = 'mentor';

/** The caller as a mentor, or a refusal. Checked by every mentor command, whatever the adapter showed. */
export function requireMentor(inbound: Inbound): Actor {
  if (inbound.rolesUnknown) throw new UserFacingError(inbound.rolesUnknown);
  if (!inbound.roles?.includes(MENTOR_ROLE)) {
    throw new UserFacingError("Only mentors can use /mentor: they have the community server's mentor role or its Manage Server permission.");
  }
  return { id: inbound.memberId, name: inbound.displayName?.trim() || `member ${inbound.memberId}` };
}
