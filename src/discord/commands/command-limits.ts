import { type ApiIssue, schemaIssues, uniqueIssues } from '../api-schema.ts';

/**
 * Discord's rules for slash-command definitions: its published schema (the
 * `discord-api-spec` package, loaded only when definitions are checked) and the
 * documented limits the schema does not express.
 */

/** Chat-input command and option names (Discord docs, "Application Command Naming"), lowercase wherever a letter has a lowercase form. */
const NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
export const MAX_OPTIONS = 25;
export const MAX_CHOICES = 25;
export const MAX_STRING_OPTION_LENGTH = 6000;
const MAX_CHOICE_STRING_VALUE = 100;
const MAX_CHAT_INPUT_COMMANDS = 100;
const OPTION_TYPE = { Subcommand: 1, SubcommandGroup: 2, String: 3 } as const;

type Json = Record<string, unknown>;
const asJson = (value: unknown): Json => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {});
const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

function nameIssues(name: unknown, path: (string | number)[]): ApiIssue[] {
  if (typeof name !== 'string') return [];
  if (NAME.test(name) && name === name.toLowerCase()) return [];
  return [{ path: [...path, 'name'], code: 'APPLICATION_COMMAND_INVALID_NAME', message: 'Command name is invalid' }];
}

/** The limits of one level of options (a command's, a subcommand's or a group's). */
function optionListIssues(options: unknown, path: (string | number)[]): ApiIssue[] {
  const list = listOf(options);
  const issues: ApiIssue[] = [];
  if (list.length > MAX_OPTIONS) {
    issues.push({ path, code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${MAX_OPTIONS} or fewer in length.` });
  }
  const names = new Set<string>();
  let optionalSeen = false;
  list.forEach((raw, index) => {
    const option = asJson(raw);
    const at = [...path, index];
    issues.push(...nameIssues(option.name, at));
    if (typeof option.name === 'string') {
      if (names.has(option.name)) {
        issues.push({ path: [...at, 'name'], code: 'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS', message: 'Option names must be unique' });
      }
      names.add(option.name);
    }
    const nests = option.type === OPTION_TYPE.Subcommand || option.type === OPTION_TYPE.SubcommandGroup;
    if (nests) {
      issues.push(...optionListIssues(option.options, [...at, 'options']));
      return;
    }
    if (option.required === true && optionalSeen) {
      issues.push({
        path: [...at, 'required'],
        code: 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID',
        message: 'Required options must be placed before non-required options',
      });
    }
    if (option.required !== true) optionalSeen = true;
    const choices = listOf(option.choices);
    if (choices.length > MAX_CHOICES) {
      issues.push({ path: [...at, 'choices'], code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${MAX_CHOICES} or fewer in length.` });
    }
    if (choices.length > 0 && option.autocomplete === true) {
      issues.push({ path: [...at, 'autocomplete'], code: 'APPLICATION_COMMAND_AUTOCOMPLETE_INVALID', message: 'Autocomplete cannot be set with choices' });
    }
    choices.forEach((choice, c) => {
      const value = asJson(choice).value;
      if (typeof value === 'string' && value.length > MAX_CHOICE_STRING_VALUE) {
        issues.push({ path: [...at, 'choices', c, 'value'], code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${MAX_CHOICE_STRING_VALUE} or fewer in length.` });
      }
    });
    if (option.type === OPTION_TYPE.String) {
      for (const field of ['min_length', 'max_length'] as const) {
        const value = option[field];
        if (typeof value === 'number' && value > MAX_STRING_OPTION_LENGTH) {
          issues.push({ path: [...at, field], code: 'NUMBER_TYPE_MAX', message: `Value should be less than or equal to ${MAX_STRING_OPTION_LENGTH}.` });
        }
      }
    }
  });
  return issues;
}

/** The documented limits of one command definition that its schema does not express (or that the bot depends on). */
function limitIssues(command: Json, path: (string | number)[]): ApiIssue[] {
  const chatInput = command.type === undefined || command.type === null || command.type === 1;
  if (!chatInput) return [];
  const issues = nameIssues(command.name, path);
  const description = command.description;
  if (typeof description !== 'string' || description.length < 1 || description.length > 100) {
    issues.push({ path: [...path, 'description'], code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 100 in length.' });
  }
  issues.push(...optionListIssues(command.options, [...path, 'options']));
  return issues;
}

/** What Discord refuses in one command as POST /applications/…/commands creates it; empty when it conforms. */
export async function commandIssues(command: unknown): Promise<ApiIssue[]> {
  const { ApplicationCommandCreateRequestSchema } = await import('discord-api-spec/zod');
  return uniqueIssues([...limitIssues(asJson(command), []), ...schemaIssues(ApplicationCommandCreateRequestSchema, command)]);
}

/** What Discord refuses in a full command list as PUT /applications/…/commands sends it; empty when it conforms. */
export async function commandListIssues(commands: unknown): Promise<ApiIssue[]> {
  if (!Array.isArray(commands)) return [{ path: [], code: 'BASE_TYPE_LIST', message: 'Must be an array.' }];
  const { ApplicationCommandUpdateRequestSchema } = await import('discord-api-spec/zod');
  const issues: ApiIssue[] = [];
  const seen = new Set<string>();
  let chatInput = 0;
  commands.forEach((raw, index) => {
    const command = asJson(raw);
    issues.push(...limitIssues(command, [index]), ...schemaIssues(ApplicationCommandUpdateRequestSchema, raw, [index]));
    const key = `${String(command.type ?? 1)}:${String(command.name)}`;
    if (seen.has(key)) {
      issues.push({ path: [index, 'name'], code: 'APPLICATION_COMMANDS_DUPLICATE_NAME', message: 'Application command names must be unique' });
    }
    seen.add(key);
    if ((command.type ?? 1) === 1) chatInput++;
  });
  if (chatInput > MAX_CHAT_INPUT_COMMANDS) {
    issues.push({ path: [], code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${MAX_CHAT_INPUT_COMMANDS} or fewer in length.` });
  }
  return uniqueIssues(issues);
}

/**
 * Where an issue is, in the words of someone who runs the command:
 * `/resume rewrite, option "bullet", max_length` for the path [8, "options", 0, "options", 0, "max_length"].
 */
export function describeIssueLocation(commands: unknown[], path: (string | number)[]): string {
  const [index, ...rest] = path;
  if (typeof index !== 'number') return 'the command list';
  const command = asJson(commands[index]);
  const words = [`/${String(command.name ?? `#${index + 1}`)}`];
  let node: Json = command;
  let field: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const key = rest[i];
    const next = rest[i + 1];
    if (key === 'options' && typeof next === 'number') {
      node = asJson(listOf(node.options)[next]);
      const name = String(node.name ?? `#${next + 1}`);
      const nests = node.type === OPTION_TYPE.Subcommand || node.type === OPTION_TYPE.SubcommandGroup;
      if (nests) words.push(name);
      else words.push(`, option "${name}"`);
      i++;
      continue;
    }
    field = rest.slice(i).map(String);
    break;
  }
  const where = words.join(' ').replace(/ ,/g, ',');
  return field.length > 0 ? `${where}, ${field.join('.')}` : where;
}
