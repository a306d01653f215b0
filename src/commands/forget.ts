import { z } from 'zod';
import { countMemberRows, forgetMember } from '../members/forget.ts';
import { type CommandDefinition, defineAction } from './registry.ts';

const CONFIRM_LINE = '/forget confirm:yes';

export const forgetCommand: CommandDefinition = {
  name: 'forget',
  private: true,
  description: 'Erase everything Pivot stores about you (asks first; cannot be undone)',
  action: defineAction({
    description: 'Erase your data',
    options: {
      confirm: { description: 'yes erases at once, without asking', schema: z.enum(['yes'], { error: `must be yes: ${CONFIRM_LINE}` }).optional() },
    },
    run: async ({ deps, inbound }, options) => {
      if (options.confirm !== 'yes') {
        const total = Object.values(countMemberRows(deps.db, inbound.memberId)).reduce((a, b) => a + b, 0);
        if (total === 0) return { text: 'I have nothing stored about you.', citations: [], visibility: 'private' };
        return {
          text: `This erases everything I store about you (${total} records: profile, progress, conversations, check-ins, groups, notes), and cannot be undone. /export first if you want a copy.`,
          citations: [],
          visibility: 'private',
          confirm: { label: 'Erase everything', line: CONFIRM_LINE },
        };
      }
      const removed = forgetMember(deps.db, inbound.memberId);
      const total = Object.values(removed).reduce((a, b) => a + b, 0);
      deps.log.info({ memberId: inbound.memberId, records: total }, 'member erased their data');
      return {
        text: total ? `Done: I erased everything I stored about you (${total} records). Your next message starts fresh.` : 'I had nothing stored about you.',
        citations: [],
        visibility: 'private',
      };
    },
  }),
};
