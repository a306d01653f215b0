import { REST, Routes } from 'discord.js';
import type { CommandRegistry } from '../commands/registry.ts';
import { UserFacingError } from '../core/errors.ts';
import { commandListIssues, describeIssueLocation } from './commands/command-limits.ts';
import { slashCommandDefinitions } from './commands/definitions.ts';

export type RegistrationResult = {
  scope: 'guild' | 'global';
  added: string[];
  updated: string[];
  removed: string[];
  unchanged: string[];
};

type Existing = { name: string; description: string; options?: unknown[] };

/** Compares what a command looks like, ignoring fields Discord adds (ids, versions, defaults). */
const shape = (c: { name: string; description: string; options?: unknown[] }) =>
  JSON.stringify({ name: c.name, description: c.description, options: normalizeOptions(c.options ?? []) });

function normalizeOptions(options: unknown[]): unknown[] {
  return options.map((o) => {
    const { type, name, description, required, choices, min_value, max_value, max_length, autocomplete, options: nested } = o as Record<string, unknown>;
    return {
      type,
      name,
      description,
      required: Boolean(required),
      choices: choices ?? null,
      min_value: min_value ?? null,
      max_value: max_value ?? null,
      max_length: max_length ?? null,
      autocomplete: Boolean(autocomplete),
      options: Array.isArray(nested) ? normalizeOptions(nested) : null,
    };
  });
}

/** Discord refuses the whole list for one bad definition, so nothing is sent while any breaks its rules. */
async function checkDefinitions(definitions: unknown[]): Promise<void> {
  const issues = await commandListIssues(definitions);
  if (issues.length === 0) return;
  const lines = issues.map((issue) => `  ${describeIssueLocation(definitions, issue.path)}: ${issue.message} (${issue.code})`);
  throw new UserFacingError(`Not registering: Discord would refuse these slash-command definitions.\n${lines.join('\n')}`);
}

/**
 * Overwrites the bot's slash commands with the registry's: in one guild when
 * an id is given (changes show at once, for development), globally otherwise.
 * Definitions Discord would refuse stop it before any request (a UserFacingError).
 */
export async function registerCommands(
  registry: CommandRegistry,
  settings: { token: string; appId: string; guildId: string | undefined; apiURL: string | undefined },
): Promise<RegistrationResult> {
  const rest = new REST({ version: '10', ...(settings.apiURL ? { api: settings.apiURL } : {}) }).setToken(settings.token);
  const route = settings.guildId ? Routes.applicationGuildCommands(settings.appId, settings.guildId) : Routes.applicationCommands(settings.appId);
  const wanted = slashCommandDefinitions(registry);
  await checkDefinitions(wanted);
  const existing = (await rest.get(route)) as Existing[];
  await rest.put(route, { body: wanted });
  const before = new Map(existing.map((c) => [c.name, shape(c)]));
  const result: RegistrationResult = {
    scope: settings.guildId ? 'guild' : 'global',
    added: [],
    updated: [],
    removed: [],
    unchanged: [],
  };
  for (const command of wanted) {
    const old = before.get(command.name);
    if (old === undefined) result.added.push(command.name);
    else if (old === shape(command)) result.unchanged.push(command.name);
    else result.updated.push(command.name);
  }
  const names = new Set(wanted.map((c) => c.name));
  result.removed = existing.map((c) => c.name).filter((n) => !names.has(n));
  return result;
}
