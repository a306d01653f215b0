import { ActionRowBuilder, ButtonBuilder, ButtonStyle } from 'discord.js';
import type { RenderedMessage } from './render.ts';

export const FEEDBACK_PREFIX = 'feedback';

export function feedbackButtons(turnId: number) {
  return new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder().setCustomId(`${FEEDBACK_PREFIX}:${turnId}:up`).setEmoji('👍').setStyle(ButtonStyle.Secondary),
    new ButtonBuilder().setCustomId(`${FEEDBACK_PREFIX}:${turnId}:down`).setEmoji('👎').setStyle(ButtonStyle.Secondary),
  );
}

/** Fits every way of posting: channel sends, replies, interaction edits and follow-ups. */
export type OutgoingOptions = {
  content: string;
  allowedMentions: { parse: []; repliedUser?: boolean };
  components: ActionRowBuilder<ButtonBuilder>[];
};

export const PROPOSAL_PREFIX = 'proposal';

export function proposalButtons(proposalId: number) {
  return new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder().setCustomId(`${PROPOSAL_PREFIX}:${proposalId}:yes`).setLabel('Yes, mark it done').setStyle(ButtonStyle.Success),
    new ButtonBuilder().setCustomId(`${PROPOSAL_PREFIX}:${proposalId}:no`).setLabel('Not yet').setStyle(ButtonStyle.Secondary),
  );
}

export function toMessageOptions(part: RenderedMessage): OutgoingOptions {
  const components: ActionRowBuilder<ButtonBuilder>[] = [];
  if (part.proposalId !== undefined) components.push(proposalButtons(part.proposalId));
  if (part.feedbackTurnId !== undefined) components.push(feedbackButtons(part.feedbackTurnId));
  return { content: part.content, allowedMentions: part.allowedMentions, components };
}
