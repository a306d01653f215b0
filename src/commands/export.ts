import { exportMember } from '../members/export.ts';
import type { CommandDefinition } from './registry.ts';

export const exportCommand: CommandDefinition = {
  name: 'export',
  private: true,
  description: 'Get everything Pivot stores about you, as a JSON file (sent by DM)',
  action: {
    description: 'Export your data',
    options: {},
    run: async ({ deps, inbound }) => {
      const data = exportMember(deps.db, deps.roadmaps, inbound.memberId);
      if (!data) return { text: 'I have nothing stored about you.', citations: [], visibility: 'private' };
      deps.log.info({ memberId: inbound.memberId, turns: data.turns.length }, 'member exported their data');
      return {
        text: 'Here is everything I store about you, as JSON. /forget erases it.',
        citations: [],
        visibility: 'dm',
        attachment: {
          name: `pivot-export-${inbound.memberId}.json`,
          content: `${JSON.stringify({ exportedAt: new Date(deps.now()).toISOString(), ...data }, null, 2)}\n`,
        },
      };
    },
  },
};
