import { z } from 'zod';
import { forgetMember } from '../../members/forget.ts';
import type { CommandDefinition } from './registry.ts';

export const forgetCommand: CommandDefinition = {
  name: 'forget',
  description: 'Erase everything Pivot stores about you (cannot be undone)',
  action: {
    description: 'Erase your data',
    options: {
      confirm: { description: 'Type yes to confirm', schema: z.enum(['yes'], { error: 'must be yes: /forget confirm:yes' }), required: true },
    },
    run: async ({ deps, inbound }) => {
      const removed = forgetMember(deps.db, inbound.memberId);
      const total = Object.values(removed).reduce((a, b) => a + b, 0);
      return {
        text: total ? `Done: I erased everything I stored about you (${total} records). Your next message starts fresh.` : 'I had nothing stored about you.',
        citations: [],
      };
    },
  },
};
