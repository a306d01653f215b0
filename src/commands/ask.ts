import { z } from 'zod';
import { answerQuestion } from '../answer/answer.ts';
import { type CommandDefinition, defineAction } from './registry.ts';

export const askCommand: CommandDefinition = {
  name: 'ask',
  description: 'Ask a career question; answered from the guides with sources',
  action: defineAction({
    description: 'Ask a career question',
    options: {
      question: {
        description: 'Your question, e.g. "How long does the switch take?"',
        schema: z.string(),
      },
    },
    run: ({ deps, inbound }, options) => answerQuestion(deps, { ...inbound, text: options.question }),
  }),
};
