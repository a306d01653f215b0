import type { z } from 'zod';
import type { AnswerDeps } from '../../answer/answer.ts';
import type { MentorSignIn } from '../../mentors/sign-in.ts';
import type { Inbound, Reply } from '../types.ts';

/** Everything a command handler may use; built once by the composition root. */
export type CoreDeps = AnswerDeps & {
  /** Shared channels the bot coaches in (COACH_CHANNEL_IDS); undefined: every channel it can see. */
  coachChannelIds: string[] | undefined;
  /** Sign-in links for the mentor dashboard; undefined when it is off (no WEB_PORT). */
  dashboard?: MentorSignIn;
};

export type CommandContext = { deps: CoreDeps; inbound: Inbound };

export type OptionSpec = {
  description: string;
  /** Validates and converts the typed text; its messages are shown to the member. */
  schema: z.ZodType;
  required: boolean;
  /** A member of the server (Discord: a user picker; terminal: their id or <@id>). */
  kind?: 'member';
  /** On Discord, a text file may stand in for this option (e.g. CV bullets as a .txt). */
  fileAlternative?: { maxBytes: number; extensions: string[] };
  /** Suggestions as the member types (Discord autocomplete), best first. */
  suggest?: (ctx: CommandContext, typed: string) => { name: string; value: string }[];
};

export type CommandAction = {
  description: string;
  options: Record<string, OptionSpec>;
  run(ctx: CommandContext, options: Record<string, unknown>): Promise<Reply>;
};

/** A slash command: either one action, or named subcommands (`/profile set …`). */
export type CommandDefinition = {
  name: string;
  description: string;
  /** Replies only the member may see (Discord: acknowledged ephemerally, so nothing shows in the channel). */
  private?: boolean;
} & (
  | { action: CommandAction; subcommands?: undefined }
  | { subcommands: Record<string, CommandAction>; action?: undefined }
);

export type CommandRegistry = ReadonlyMap<string, CommandDefinition>;

/** Commands are listed explicitly; a duplicate name is a programming error, caught at start-up. */
export function createRegistry(commands: CommandDefinition[]): CommandRegistry {
  const registry = new Map<string, CommandDefinition>();
  for (const command of commands) {
    if (!/^[a-z][a-z0-9-]{0,31}$/.test(command.name)) throw new Error(`invalid command name "${command.name}"`);
    if (registry.has(command.name)) throw new Error(`command "${command.name}" is registered twice`);
    registry.set(command.name, command);
  }
  return registry;
}

/** The action a command name (and subcommand, for commands that have them) runs, if any. */
export function findAction(registry: CommandRegistry, name: string, subcommand: string | undefined): CommandAction | undefined {
  const command = registry.get(name);
  return command?.action ?? (subcommand ? command?.subcommands?.[subcommand] : undefined);
}
