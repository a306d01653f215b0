/**
 * Preloaded (`node --import`) into a `pivot register-commands` child process, this gives /ask an option Discord
 * refuses: 26 choices where Discord takes at most 25. The command module is the one the CLI then imports.
 */
import { z } from 'zod';
import { askCommand } from '../../../src/commands/ask.ts';

const topics = Array.from({ length: 26 }, (_, i) => `topic-${i + 1}`) as [string, ...string[]];
if (askCommand.action) {
  askCommand.action.options.topic = { description: 'A topic to focus on', schema: z.enum(topics).optional() };
}
