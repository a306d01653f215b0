import { PROFILE_DESCRIPTIONS, PROFILE_FIELD_NAMES, PROFILE_FIELDS, type Profile, pastTargetProblem } from '../../members/profile.ts';
import { startOnboarding } from '../../members/onboarding.ts';
import { getMember, updateProfile } from '../../members/store.ts';
import { UserFacingError } from '../errors.ts';
import type { CommandDefinition, OptionSpec } from './registry.ts';

export function formatProfile(profile: Profile | undefined): string {
  if (!profile || PROFILE_FIELD_NAMES.every((f) => profile[f] === null)) {
    return 'No profile yet. /profile setup asks a few questions, or set fields directly: /profile set role:"Backend engineer" years:6 track:ml-platform';
  }
  return PROFILE_FIELD_NAMES.map((f) => `${f}: ${profile[f] ?? '(not set)'}`).join('\n');
}

const setOptions: Record<string, OptionSpec> = Object.fromEntries(
  PROFILE_FIELD_NAMES.map((f) => [f, { description: PROFILE_DESCRIPTIONS[f], schema: PROFILE_FIELDS[f], required: false }]),
);

export const profileCommand: CommandDefinition = {
  name: 'profile',
  description: 'Your transition profile: role, experience, track, study hours, market',
  subcommands: {
    show: {
      description: 'Show your profile',
      options: {},
      run: async ({ deps, inbound }) => ({ text: formatProfile(getMember(deps.db, inbound.memberId)?.profile), citations: [] }),
    },
    set: {
      description: 'Change the fields you give; the others stay as they are',
      options: setOptions,
      run: async ({ deps, inbound }, options) => {
        const fields = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as Partial<Profile>;
        if (Object.keys(fields).length === 0) {
          throw new UserFacingError(`Give at least one field: ${PROFILE_FIELD_NAMES.map((f) => `${f}:`).join(' ')}`);
        }
        const pastTarget = fields.target ? pastTargetProblem(fields.target, deps.now()) : undefined;
        if (pastTarget) throw new UserFacingError(`target: ${pastTarget} (got "${fields.target}")`);
        updateProfile(deps.db, inbound.memberId, fields, deps.now());
        const profile = getMember(deps.db, inbound.memberId)?.profile;
        return { text: `Updated ${Object.keys(fields).join(', ')}. /undo reverses it.\n\n${formatProfile(profile)}`, citations: [] };
      },
    },
    setup: {
      description: 'A few questions to set up your profile (skip any, resume later)',
      options: {},
      run: async ({ deps, inbound }) => startOnboarding(deps, inbound.memberId, inbound.origin.conversationId),
    },
  },
};
