import { describe, expect, it } from 'vitest';
import { buildCommandRegistry } from '../../src/commands/index.ts';
import { commandListIssues, describeIssueLocation } from '../../src/discord/commands/command-limits.ts';
import { slashCommandDefinitions } from '../../src/discord/commands/definitions.ts';

type Definition = { name: string; description?: string; options?: Definition[]; [field: string]: unknown };

const definitions = () => structuredClone(slashCommandDefinitions(buildCommandRegistry())) as Definition[];

/** Each issue as register-commands reports it. */
async function problems(list: Definition[]): Promise<string[]> {
  return (await commandListIssues(list)).map((issue) => `${describeIssueLocation(list, issue.path)}: ${issue.code}`);
}

describe("the slash-command definitions against Discord's schema and limits", () => {
  it('holds every definition the registry makes to them', async () => {
    expect(await problems(definitions())).toEqual([]);
  });

  it('names the command, subcommand, option and field of each break', async () => {
    const list = definitions();
    const resume = list.find((c) => c.name === 'resume');
    const bullet = resume?.options?.find((o) => o.name === 'rewrite')?.options?.find((o) => o.name === 'bullet');
    if (!bullet) throw new Error('no /resume rewrite bullet option');
    bullet.max_length = 20_000;
    list.push({ name: 'Shout', description: '' });
    list.push({ name: 'resume', description: 'twice' });
    expect(await problems(list)).toEqual([
      '/resume rewrite, option "bullet", max_length: NUMBER_TYPE_MAX',
      '/Shout, name: APPLICATION_COMMAND_INVALID_NAME',
      '/Shout, description: BASE_TYPE_BAD_LENGTH',
      '/resume, name: APPLICATION_COMMANDS_DUPLICATE_NAME',
    ]);
  });
});
