import type { z } from 'zod';
import type { Inbound, Reply } from '../core/types.ts';
import type { GroupDeps } from '../groups/deps.ts';
import type { InterviewDeps } from '../interview/deps.ts';
import type { MentorSignIn } from '../mentors/sign-in.ts';

/** Everything a command handler may use; built once by the composition root. */
export type CoreDeps = InterviewDeps &
  GroupDeps & {
    /** Sign-in links for the mentor dashboard; undefined when it is off (no WEB_PORT). */
    dashboard?: MentorSignIn;
  };

export type CommandContext = { deps: CoreDeps; inbound: Inbound };

export type OptionSpec<S extends z.ZodType = z.ZodType> = {
  description: string;
  /**
   * Validates and converts the typed text; its messages are shown to the
   * member. An option is required unless its schema accepts nothing (`.optional()`).
   */
  schema: S;
  /** A member of the server (Discord: a user picker; terminal: their id or <@id>). */
  kind?: 'member';
  /** On Discord, a text file may stand in for this option (e.g. CV bullets as a .txt). */
  fileAlternative?: { maxBytes: number; extensions: string[] };
  /** Suggestions as the member types (Discord autocomplete), best first. */
  suggest?: (ctx: CommandContext, typed: string) => { name: string; value: string }[];
};

export type OptionSpecs = Record<string, OptionSpec>;

/** What a handler receives: each option as its schema outputs it (`undefined` when an optional one is left out). */
export type OptionValues<O extends OptionSpecs> = { [K in keyof O]: z.output<O[K]['schema']> };

export type CommandAction<O extends OptionSpecs = OptionSpecs> = {
  description: string;
  options: O;
  run(ctx: CommandContext, options: OptionValues<O>): Promise<Reply>;
};

/** Declares an action so that its handler's options are typed from their schemas. */
export function defineAction<O extends OptionSpecs>(action: CommandAction<O>): CommandAction {
  return action as unknown as CommandAction;
}

/** Whether a member must give the option: its schema refuses nothing. */
export function isRequired(spec: OptionSpec): boolean {
  return !spec.schema.safeParse(undefined).success;
}

/** A slash command: either one action, or named subcommands (`/profile set …`). */
export type CommandDefinition = {
  name: string;
  description: string;
  /** Replies only the member may see (Discord: acknowledged ephemerally, so nothing shows in the channel). */
  private?: boolean;
} & ({ action: CommandAction; subcommands?: undefined } | { subcommands: Record<string, CommandAction>; action?: undefined });

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
  const subs = command?.subcommands;
  // Own names only: "__proto__" or "constructor" typed as a subcommand is no action.
  return command?.action ?? (subcommand && subs && Object.hasOwn(subs, subcommand) ? subs[subcommand] : undefined);
}
