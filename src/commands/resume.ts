import { z } from 'zod';
import { MAX_RESUME_CHARS, resumeSummary, rewriteBullets } from '../resume/rewrite.ts';
import { type CommandDefinition, defineAction } from './registry.ts';

export const resumeCommand: CommandDefinition = {
  name: 'resume',
  description: 'Rewrite CV bullets for ML roles, honestly: nothing you did not do is added',
  subcommands: {
    rewrite: defineAction({
      description: 'Rewrite bullets (one per line, or separated by " | "; in Discord also a .txt/.md file)',
      options: {
        bullet: {
          description: 'Your bullet(s), e.g. "Built a payments API in Go serving 2,000 requests/s"',
          schema: z.string().max(MAX_RESUME_CHARS, { error: `must be at most ${MAX_RESUME_CHARS} characters` }),
          fileAlternative: { maxBytes: 20 * 1024, extensions: ['.txt', '.md'] },
        },
      },
      run: ({ deps, inbound }, options) => rewriteBullets(deps, inbound, options.bullet),
    }),
    summary: defineAction({
      description: 'A two-to-three-line profile summary from your stored profile',
      options: {},
      run: ({ deps, inbound }) => resumeSummary(deps, inbound),
    }),
  },
};
