import { z } from 'zod';
import { MAX_QUESTION_CHARS } from '../core/limits.ts';
import { TOPICS } from '../interview/bank.ts';
import { frameQuestion } from '../interview/frame.ts';
import { practiceHistory, startPractice } from '../interview/practice.ts';
import { type CommandDefinition, defineAction } from './registry.ts';

export const interviewCommand: CommandDefinition = {
  name: 'interview',
  description: 'Frame your career-change story and practise interview questions',
  subcommands: {
    frame: defineAction({
      description: 'How to frame an interview question as a career changer',
      options: {
        question: {
          description: 'The interview question, e.g. "Why are you leaving backend development?"',
          schema: z
            .string()
            .trim()
            .min(5, { error: 'must be at least 5 characters' })
            .max(MAX_QUESTION_CHARS, { error: `must be at most ${MAX_QUESTION_CHARS} characters` }),
        },
      },
      run: ({ deps, inbound }, options) => frameQuestion(deps, inbound, options.question),
    }),
    practice: defineAction({
      description: 'A practice question for your track and phase; your next message is the answer',
      options: {
        topic: { description: 'Topic to practise', schema: z.enum(TOPICS, { error: `must be one of ${TOPICS.join(', ')}` }).optional() },
      },
      run: async ({ deps, inbound }, options) => startPractice(deps, inbound, options.topic),
    }),
    history: defineAction({
      description: 'Your past practice scores and the trend',
      options: {},
      run: async ({ deps, inbound }) => ({ text: practiceHistory(deps, inbound.memberId), citations: [] }),
    }),
  },
};
