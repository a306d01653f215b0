import type { StringSelectMenuInteraction } from 'discord.js';
import { respondOnTrack } from '../../checkins/responses.ts';
import { parseCustomId } from '../custom-ids.ts';
import type { InteractionContext } from './context.ts';

/** The milestone a member picked after "On track". */
export async function onSelectMenu(ctx: InteractionContext, interaction: StringSelectMenuInteraction): Promise<void> {
  const id = parseCustomId(interaction.customId);
  if (id?.kind !== 'checkin-done') return;
  const text = respondOnTrack(ctx.app.core, interaction.user.id, id.week, interaction.values[0]);
  await interaction.update({ content: text, components: [], allowedMentions: { parse: [] } });
}
