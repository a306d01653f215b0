import type { z } from 'zod';
import { UserFacingError } from '../core/errors.ts';
import { startOnboarding } from '../members/onboarding.ts';
import { PROFILE_DESCRIPTIONS, PROFILE_FIELD_NAMES, PROFILE_FIELDS, type Profile, type ProfileField, pastTargetProblem } from '../members/profile.ts';
import { getMember, updateProfile } from '../members/store.ts';
import { type CommandDefinition, defineAction, type OptionSpec } from './registry.ts';

export function formatProfile(profile: Profile | undefined): string {
  if (!profile || PROFILE_FIELD_NAMES.every((f) => profile[f] === null)) {
    return 'No profile yet. /profile setup asks a few questions, or set fields directly: /profile set role:"Backend engineer" years:6 track:ml-platform';
  }
  return PROFILE_FIELD_NAMES.map((f) => `${f}: ${profile[f] ?? '(not set)'}`).join('\n');
}

type ProfileOptions = { [F in ProfileField]: OptionSpec<z.ZodOptional<(typeof PROFILE_FIELDS)[F]>> };

/** Every profile field, each optional: `/profile set` changes the ones given. */
const setOptions = Object.fromEntries(
  PROFILE_FIELD_NAMES.map((f) => [f, { description: PROFILE_DESCRIPTIONS[f], schema: PROFILE_FIELDS[f].optional() }]),
) as ProfileOptions;

export const profileCommand: CommandDefinition = {
  name: 'profile',
  description: 'Your transition profile: role, experience, track, study hours, market',
  subcommands: {
    show: defineAction({
      description: 'Show your profile',
      options: {},
      run: async ({ deps, inbound }) => ({ text: formatProfile(getMember(deps.db, inbound.memberId)?.profile), citations: [] }),
    }),
    set: defineAction({
      description: 'Change the fields you give; the others stay as they are',
      options: setOptions,
      run: async ({ deps, inbound }, options) => {
        const fields: Partial<Profile> = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
        if (Object.keys(fields).length === 0) {
          throw new UserFacingError(`Give at least one field: ${PROFILE_FIELD_NAMES.map((f) => `${f}:`).join(' ')}`);
        }
        const pastTarget = fields.target ? pastTargetProblem(fields.target, deps.now()) : undefined;
        if (pastTarget) throw new UserFacingError(`target: ${pastTarget} (got "${fields.target}")`);
        updateProfile(deps.db, inbound.memberId, fields, deps.now());
        const profile = getMember(deps.db, inbound.memberId)?.profile;
        return { text: `Updated ${Object.keys(fields).join(', ')}. /undo reverses it.\n\n${formatProfile(profile)}`, citations: [] };
      },
    }),
    setup: defineAction({
      description: 'A few questions to set up your profile (skip any, resume later)',
      options: {},
      run: async ({ deps, inbound }) => startOnboarding(deps, inbound.memberId, inbound.origin.conversationId),
    }),
  },
};
