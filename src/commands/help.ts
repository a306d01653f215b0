import { usageOf } from './parse-line.ts';
import type { CommandDefinition, CommandRegistry } from './registry.ts';

/** /help lists every registered command, including itself. */
export function helpCommand(registry: () => CommandRegistry): CommandDefinition {
  return {
    name: 'help',
    description: 'What Pivot can do and how to ask',
    action: {
      description: 'List the commands',
      options: {},
      run: async () => {
        const lines = [...registry().values()].map((c) => `${usageOf(c)}\n    ${c.description}`);
        return {
          text: `I am Pivot, a career coach for backend engineers moving into ML engineering. Ask a question in plain words, or use a command:\n\n${lines.join('\n')}`,
          citations: [],
        };
      },
    },
  };
}
