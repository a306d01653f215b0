import { DECIMAL_RULE, isNonDecimalForNumber } from '../core/decimal.ts';
import { UserFacingError } from '../core/errors.ts';
import { type CommandAction, type CommandDefinition, type CommandRegistry, findAction, isRequired } from './registry.ts';

export type ParsedCommand = {
  command: CommandDefinition;
  subcommand: string | undefined;
  action: CommandAction;
  options: Record<string, unknown>;
};

type Token = { key?: string; value: string };

const KEY = '[\\p{L}\\p{N}_-]+';
/** A value in straight quotes: only `"` and `\` are special inside, so curly quotes in the value stay as typed. */
const STRAIGHT = '"((?:[^"\\\\]|\\\\[\\s\\S])*)"';
/** A value in the curly quotes phones type (or quotes mixed by one): any quote closes it. */
const CURLY = '[“”"]((?:[^"“”\\\\]|\\\\[\\s\\S])*)[“”"]';
const TOKEN = new RegExp(`(${KEY}):(?:${STRAIGHT}|${CURLY})|(${KEY}):(\\S*)|(?:${STRAIGHT}|${CURLY})|(\\S+)`, 'gu');

const unescapeQuotes = (text: string) => text.replace(/\\([\s\S])/g, '$1');
const OPENING_QUOTE = /^["“”]/;

/** Splits the line into tokens; a quote opened and never closed is refused rather than kept as part of a value. */
function tokenizeLine(rest: string): Token[] {
  return [...rest.matchAll(TOKEN)].map((m) => {
    if (m[1] !== undefined) return { key: m[1].toLowerCase(), value: unescapeQuotes(m[2] ?? m[3] ?? '') };
    if (m[6] !== undefined || m[7] !== undefined) return { value: unescapeQuotes(m[6] ?? m[7] ?? '') };
    const unquoted = m[4] !== undefined ? (m[5] ?? '') : (m[8] ?? '');
    if (OPENING_QUOTE.test(unquoted)) {
      throw new UserFacingError(`A quote is opened and never closed: ${quoted(m[0])}. Close it after the value, e.g. role:"Backend engineer".`);
    }
    return m[4] !== undefined ? { key: m[4].toLowerCase(), value: unquoted } : { value: unquoted };
  });
}

/** Typed text quoted back in an error, cut short: a 100 KB value must not come back as a 100 KB reply. */
function quoted(text: string, max = 40): string {
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : text;
}

const optionList = (action: CommandAction) =>
  Object.entries(action.options)
    .map(([name, spec]) => (isRequired(spec) ? `${name}:` : `[${name}:]`))
    .join(' ');

/** Usage of one action, as a member would type it. */
export function usageOf(command: CommandDefinition, subcommand?: string): string {
  if (command.action) return `/${command.name} ${optionList(command.action)}`.trim();
  const subs = command.subcommands ?? {};
  const names = subcommand ? [subcommand] : Object.keys(subs);
  return names.map((name) => `/${command.name} ${name} ${optionList(subs[name] as CommandAction)}`.trim()).join('\n');
}

/**
 * Parses a line written the way Discord shows slash commands:
 * `/name [subcommand] option:value option:"value with spaces"`. Bare words
 * fill a command's only text option (`/ask how long does it take?`).
 * Every problem is a UserFacingError naming what to type instead.
 */
export function parseCommandLine(registry: CommandRegistry, line: string): ParsedCommand {
  const match = /^\/(\S*)\s*([\s\S]*)$/.exec(line.trim());
  const name = (match?.[1] ?? '').toLowerCase();
  const command = registry.get(name);
  if (!command) {
    const known = [...registry.keys()].map((n) => `/${n}`).join(', ');
    throw new UserFacingError(`There is no command /${quoted(name)}. Commands: ${known}. /help explains them.`);
  }
  let tokens = tokenizeLine(match?.[2] ?? '');
  let subcommand: string | undefined;
  let action: CommandAction;
  if (command.action) {
    action = command.action;
  } else {
    const first = tokens[0];
    const subs = command.subcommands ?? {};
    const typed = first && first.key === undefined ? first.value.toLowerCase() : undefined;
    // Own names only: "__proto__" or "constructor" typed as a subcommand is no action.
    const chosen = typed !== undefined && Object.hasOwn(subs, typed) ? subs[typed] : undefined;
    if (!first || first.key !== undefined || !chosen) {
      throw new UserFacingError(`/${command.name} needs one of: ${Object.keys(subs).join(', ')}.\n${usageOf(command)}`);
    }
    subcommand = first.value.toLowerCase();
    action = chosen;
    tokens = tokens.slice(1);
  }

  const raw = new Map<string, string>();
  const isOption = (key: string | undefined): key is string => key !== undefined && Object.hasOwn(action.options, key);
  const bare = tokens.filter((t) => !isOption(t.key));
  for (const token of tokens) if (isOption(token.key)) raw.set(token.key, token.value);
  if (bare.length > 0) {
    const textOptions = Object.keys(action.options);
    const only = textOptions.length === 1 ? textOptions[0] : undefined;
    if (only === undefined || raw.has(only)) {
      const stray = bare[0];
      const shown = stray?.key !== undefined ? `${quoted(stray.key)}:` : `"${quoted(stray?.value ?? '')}"`;
      throw new UserFacingError(`I did not understand ${shown}. Usage:\n${usageOf(command, subcommand)}`);
    }
    raw.set(only, bare.map((t) => (t.key !== undefined ? `${t.key}:${t.value}` : t.value)).join(' '));
  }

  const options = validateOptions(command, subcommand, action, raw);
  return { command, subcommand, action, options };
}

/** Validates typed option values with each option's schema; problems name the field and the usage. */
export function validateOptions(
  command: CommandDefinition,
  subcommand: string | undefined,
  action: CommandAction,
  raw: ReadonlyMap<string, string>,
): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [key, spec] of Object.entries(action.options)) {
    const value = raw.get(key);
    if (value === undefined || value.trim() === '') {
      if (isRequired(spec)) problems.push(`${key}: required`);
      continue;
    }
    const result = spec.schema.safeParse(value.trim());
    if (!result.success) problems.push(`${key}: ${result.error.issues.map((i) => i.message).join('; ')} (got "${quoted(value.trim())}")`);
    else if (isNonDecimalForNumber(spec.schema, value)) problems.push(`${key}: ${DECIMAL_RULE} (got "${quoted(value.trim())}")`);
    else options[key] = result.data;
  }
  if (problems.length > 0) {
    throw new UserFacingError(`${problems.join('\n')}\nUsage: ${usageOf(command, subcommand)}`);
  }
  return options;
}

/**
 * Resolves a command invoked with structured options (a Discord slash
 * command) through the same validation as a typed line.
 */
export function resolveCommand(
  registry: CommandRegistry,
  name: string,
  subcommand: string | undefined,
  values: Record<string, string | number | boolean>,
): ParsedCommand {
  const command = registry.get(name);
  if (!command) throw new UserFacingError(`There is no command /${quoted(name)}. /help lists them.`);
  const action = findAction(registry, name, subcommand);
  if (!action) throw new UserFacingError(`/${quoted(name)} needs one of: ${Object.keys(command.subcommands ?? {}).join(', ')}.`);
  const raw = new Map(Object.entries(values).map(([k, v]) => [k, String(v)]));
  return { command, subcommand, action, options: validateOptions(command, subcommand, action, raw) };
}
