import { askCommand } from './ask.ts';
import { helpCommand } from './help.ts';
import { type CommandRegistry, createRegistry } from './registry.ts';

/** Every command of Pivot, in the order /help lists them. Discord and the terminal share it. */
export function buildCommandRegistry(): CommandRegistry {
  const registry: CommandRegistry = createRegistry([askCommand, helpCommand(() => registry)]);
  return registry;
}
