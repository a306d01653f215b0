import { answerQuestion } from '../../answer/answer.ts';
import { UserFacingError } from '../errors.ts';
import type { Inbound, Reply } from '../types.ts';
import { parseCommandLine } from './parse-line.ts';
import type { CoreDeps, CommandRegistry } from './registry.ts';

/**
 * One line from a member: a slash command when it starts with "/", otherwise
 * a question. Expected problems become the reply; the caller's boundary
 * handles anything else.
 */
export async function handleLine(registry: CommandRegistry, deps: CoreDeps, inbound: Inbound): Promise<Reply> {
  const line = inbound.text.trim();
  if (!line.startsWith('/')) return answerQuestion(deps, inbound);
  try {
    const parsed = parseCommandLine(registry, line);
    return await parsed.action.run({ deps, inbound }, parsed.options);
  } catch (error) {
    if (error instanceof UserFacingError) return { text: error.message, citations: [] };
    throw error;
  }
}
