import { type ButtonInteraction, MessageFlags } from 'discord.js';
import { recordFeedback } from '../../answer/feedback.ts';
import { snoozeCheckin } from '../../checkins/reminders.ts';
import { respondOnTrack, respondSkip } from '../../checkins/responses.ts';
import { handleLine } from '../../commands/dispatch.ts';
import { openMilestones } from '../../commands/done.ts';
import type { Inbound } from '../../core/types.ts';
import { settleProposal } from '../../members/proposals.ts';
import { milestoneMenu, stuckModal } from '../checkin-delivery.ts';
import { type CheckinChoice, parseCustomId } from '../custom-ids.ts';
import { replyOrApology } from '../errors.ts';
import { renderReply } from '../render.ts';
import { toMessageOptions } from '../send.ts';
import type { InteractionContext } from './context.ts';

/** Feedback, confirmations, milestone proposals and the check-in's buttons; a button Pivot did not make is ignored. */
export async function onButton(ctx: InteractionContext, interaction: ButtonInteraction): Promise<void> {
  const { app } = ctx;
  const id = parseCustomId(interaction.customId);
  switch (id?.kind) {
    case 'confirm':
      await onConfirmButton(ctx, interaction, id.line);
      return;
    case 'checkin':
      await onCheckinButton(ctx, interaction, id.week, id.choice);
      return;
    case 'proposal': {
      const text = settleProposal(app.db, app.core.roadmaps, {
        memberId: interaction.user.id,
        proposalId: id.proposalId,
        accept: id.accept,
        now: app.core.now(),
      });
      await interaction.reply({ content: text, allowedMentions: { parse: [] } });
      return;
    }
    case 'feedback': {
      const saved = recordFeedback(app.db, {
        turnId: id.turnId,
        memberId: interaction.user.id,
        helpful: id.helpful,
        at: app.core.now(),
      });
      await interaction.reply({
        content: saved ? 'Thanks, noted. It helps us improve the coaching.' : 'That answer is no longer on record.',
        flags: MessageFlags.Ephemeral,
      });
      return;
    }
    default:
      return;
  }
}

/** Runs the confirmed command line as whoever pressed the button, and replaces the prompt with the result. */
async function onConfirmButton(ctx: InteractionContext, interaction: ButtonInteraction, line: string): Promise<void> {
  const { app, log, queue } = ctx;
  const memberId = interaction.user.id;
  await interaction.deferUpdate();
  await queue.run(memberId, async () => {
    const inbound: Inbound = {
      memberId,
      displayName: interaction.user.displayName,
      origin: { kind: interaction.channel?.isDMBased() ? 'dm' : 'group', conversationId: `confirm:${memberId}` },
      text: line,
    };
    const reply = await replyOrApology(log, () => handleLine(app.commands, app.core, inbound), { memberId, where: 'confirm button' });
    const [first] = renderReply(reply);
    if (first) await interaction.editReply({ ...toMessageOptions(first), components: [] });
  });
}

async function onCheckinButton(ctx: InteractionContext, interaction: ButtonInteraction, week: string, choice: CheckinChoice): Promise<void> {
  const { app } = ctx;
  const memberId = interaction.user.id;
  // Short replies, still through the renderer (Discord's limits, no mentions); `private` ones only the member sees.
  const answer = (text: string, only?: 'private') => {
    const [first] = renderReply({ text, citations: [] });
    return interaction.reply({
      ...toMessageOptions(first ?? { content: '…', allowedMentions: { parse: [] } }),
      ...(only ? { flags: MessageFlags.Ephemeral as const } : {}),
    });
  };
  if (choice === 'remind') {
    await answer(snoozeCheckin(app.core, memberId, week), 'private');
  } else if (choice === 'skip') {
    await answer(respondSkip(app.core, memberId, week));
  } else if (choice === 'stuck') {
    await interaction.showModal(stuckModal(week));
  } else {
    const open = openMilestones(app.core, memberId).slice(0, 25);
    if (open.length === 0) {
      await answer(respondOnTrack(app.core, memberId, week, undefined));
      return;
    }
    await interaction.reply({
      content: 'Nice. Which milestone did you finish? (Dismiss this if none yet.)',
      components: [milestoneMenu(week, open)],
      allowedMentions: { parse: [] },
    });
  }
}
