import type { ModalSubmitInteraction } from 'discord.js';
import { respondStuck } from '../../checkins/responses.ts';
import { stripInvisible } from '../../core/sanitize.ts';
import { parseCustomId } from '../custom-ids.ts';
import { replyOrApology } from '../errors.ts';
import { renderReply } from '../render.ts';
import { toMessageOptions } from '../send.ts';
import type { InteractionContext } from './context.ts';

/** What blocks a member who pressed "Stuck". */
export async function onModalSubmit(ctx: InteractionContext, interaction: ModalSubmitInteraction): Promise<void> {
  const { app, log, queue } = ctx;
  const id = parseCustomId(interaction.customId);
  if (id?.kind !== 'checkin-stuck') return;
  const { week } = id;
  await interaction.deferReply();
  const memberId = interaction.user.id;
  await queue.run(memberId, async () => {
    const blocker = stripInvisible(interaction.fields.getTextInputValue('blocker'));
    const reply = await replyOrApology(log, () => respondStuck(app.core, memberId, week, blocker), { memberId, where: 'check-in stuck' });
    const [first, ...rest] = renderReply(reply);
    if (first) await interaction.editReply(toMessageOptions(first));
    for (const part of rest) await interaction.followUp(toMessageOptions(part));
  });
}
