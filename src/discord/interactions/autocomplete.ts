import type { AutocompleteInteraction } from 'discord.js';
import { findAction } from '../../commands/registry.ts';
import type { Inbound } from '../../core/types.ts';
import type { InteractionContext } from './context.ts';

/** Suggestions for the option being typed, from the command's own `suggest`. */
export async function onAutocomplete(ctx: InteractionContext, interaction: AutocompleteInteraction): Promise<void> {
  const { app } = ctx;
  const focused = interaction.options.getFocused(true);
  const action = findAction(app.commands, interaction.commandName, interaction.options.getSubcommand(false) ?? undefined);
  const suggest = action?.options[focused.name]?.suggest;
  const inbound: Inbound = {
    memberId: interaction.user.id,
    origin: { kind: 'group', conversationId: `autocomplete:${interaction.user.id}` },
    text: '',
  };
  const choices = suggest ? suggest({ deps: app.core, inbound }, String(focused.value)).slice(0, 25) : [];
  await interaction.respond(choices);
}
