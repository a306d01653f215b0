import { z } from 'zod';
import { answerQuestion } from '../../answer/answer.ts';
import type { CommandDefinition } from './registry.ts';

export const askCommand: CommandDefinition = {
  name: 'ask',
  description: 'Ask a career question; answered from the guides with sources',
  action: {
    description: 'Ask a career question',
    options: {
      question: {
        description: 'Your question, e.g. "How long does the switch take?"',
        schema: z.string(),
        required: true,
      },
    },
    run: ({ deps, inbound }, options) => answerQuestion(deps, { ...inbound, text: String(options.question) }),
  },
};
