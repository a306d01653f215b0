import { ApplicationCommandOptionType, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import type { z } from 'zod';
import { type CommandAction, type CommandRegistry, isRequired, type OptionSpec } from '../../commands/registry.ts';
import { innerSchema } from '../../core/schema.ts';
import { MAX_STRING_OPTION_LENGTH } from './command-limits.ts';

type OptionJson = {
  type: ApplicationCommandOptionType;
  name: string;
  description: string;
  required?: boolean;
  choices?: { name: string; value: string }[];
  min_value?: number;
  max_value?: number;
  max_length?: number;
  autocomplete?: boolean;
  options?: OptionJson[];
};

/** Discord's limit on descriptions. */
const clip = (text: string, max = 100) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** The option's Discord type, choices and limits, read from its zod schema so the two cannot drift. */
export function optionJson(name: string, spec: OptionSpec): OptionJson {
  const schema = innerSchema(spec.schema) as z.ZodType & {
    options?: string[];
    isInt?: boolean;
    minValue?: number;
    maxValue?: number;
    maxLength?: number | null;
  };
  const base = { name, description: clip(spec.description), required: isRequired(spec) };
  if (spec.kind === 'member') return { ...base, type: ApplicationCommandOptionType.User };
  switch (schema.def.type) {
    case 'enum':
      return {
        ...base,
        type: ApplicationCommandOptionType.String,
        choices: (schema.options ?? []).map((v) => ({ name: v, value: v })),
      };
    case 'number': {
      const bounded = (v: number | undefined) => (v !== undefined && Number.isFinite(v) ? v : undefined);
      return {
        ...base,
        type: schema.isInt ? ApplicationCommandOptionType.Integer : ApplicationCommandOptionType.Number,
        min_value: bounded(schema.minValue),
        max_value: bounded(schema.maxValue),
      };
    }
    case 'boolean':
      return { ...base, type: ApplicationCommandOptionType.Boolean };
    default:
      return {
        ...base,
        type: ApplicationCommandOptionType.String,
        // Discord takes at most 6,000 characters in a text option; longer input (a whole CV) comes as a file
        // where the option offers one, and the core still checks the option's own limit.
        ...(schema.maxLength ? { max_length: Math.min(schema.maxLength, MAX_STRING_OPTION_LENGTH) } : {}),
        ...(spec.suggest ? { autocomplete: true } : {}),
      };
  }
}

/** The Discord name of the attachment option that can replace a text option. */
export const fileOptionName = (name: string) => `${name}_file`;

const optionsOf = (action: CommandAction): OptionJson[] =>
  Object.entries(action.options)
    .flatMap(([name, spec]) =>
      spec.fileAlternative
        ? [
            { ...optionJson(name, spec), required: false },
            {
              type: ApplicationCommandOptionType.Attachment,
              name: fileOptionName(name),
              description: clip(`Or a ${spec.fileAlternative.extensions.join('/')} file up to ${Math.round(spec.fileAlternative.maxBytes / 1024)} KB`),
              required: false,
            },
          ]
        : [optionJson(name, spec)],
    )
    // Discord wants required options first.
    .sort((a, b) => Number(b.required ?? false) - Number(a.required ?? false));

/** Slash-command definitions for every command of the registry, as `register-commands` sends them. */
export function slashCommandDefinitions(registry: CommandRegistry): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return [...registry.values()].map((command) => ({
    name: command.name,
    description: clip(command.description),
    dm_permission: true,
    options: command.action
      ? optionsOf(command.action)
      : Object.entries(command.subcommands ?? {}).map(([name, action]) => ({
          type: ApplicationCommandOptionType.Subcommand,
          name,
          description: clip(action.description),
          options: optionsOf(action),
        })),
  })) as RESTPostAPIChatInputApplicationCommandsJSONBody[];
}
