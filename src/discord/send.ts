import { ActionRowBuilder, AttachmentBuilder, ButtonBuilder, ButtonStyle, type Client, type Message } from 'discord.js';
import type { Reply } from '../core/types.ts';
import type { Logger } from '../log.ts';
import { customId } from './custom-ids.ts';
import { logDiscordFailure } from './errors.ts';
import { type RenderedMessage, renderReply } from './render.ts';

export function feedbackButtons(turnId: number) {
  return new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder()
      .setCustomId(customId({ kind: 'feedback', turnId, helpful: true }))
      .setEmoji('👍')
      .setStyle(ButtonStyle.Secondary),
    new ButtonBuilder()
      .setCustomId(customId({ kind: 'feedback', turnId, helpful: false }))
      .setEmoji('👎')
      .setStyle(ButtonStyle.Secondary),
  );
}

/** Fits every way of posting: channel sends, replies, interaction edits and follow-ups. */
export type OutgoingOptions = {
  content: string;
  allowedMentions: { parse: []; repliedUser?: boolean };
  components: ActionRowBuilder<ButtonBuilder>[];
  files?: AttachmentBuilder[];
};

/**
 * A button that runs a command line for whoever presses it (the reply offering it is theirs alone). A line too long
 * for a custom id throws: cut short, it would run a different command.
 */
export function confirmButton(confirm: { label: string; line: string }) {
  return new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder()
      .setCustomId(customId({ kind: 'confirm', line: confirm.line }))
      .setLabel(confirm.label)
      .setStyle(ButtonStyle.Danger),
  );
}

export function proposalButtons(proposalId: number) {
  return new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder()
      .setCustomId(customId({ kind: 'proposal', proposalId, accept: true }))
      .setLabel('Yes, mark it done')
      .setStyle(ButtonStyle.Success),
    new ButtonBuilder()
      .setCustomId(customId({ kind: 'proposal', proposalId, accept: false }))
      .setLabel('Not yet')
      .setStyle(ButtonStyle.Secondary),
  );
}

export function toMessageOptions(part: RenderedMessage): OutgoingOptions {
  const components: ActionRowBuilder<ButtonBuilder>[] = [];
  if (part.proposalId !== undefined) components.push(proposalButtons(part.proposalId));
  if (part.feedbackTurnId !== undefined) components.push(feedbackButtons(part.feedbackTurnId));
  if (part.confirm) components.push(confirmButton(part.confirm));
  const files = part.attachment ? [new AttachmentBuilder(Buffer.from(part.attachment.content, 'utf8'), { name: part.attachment.name })] : undefined;
  return { content: part.content, allowedMentions: part.allowedMentions, components, ...(files ? { files } : {}) };
}

/**
 * Sends a reply as one or more messages: the first through `first` (a reply
 * to the member or a post in their thread), each later one as a reply to the
 * message before it, so a long answer reads as one chain.
 */
async function sendReply(reply: Reply, first: (options: OutgoingOptions) => Promise<Message>): Promise<Message[]> {
  const sent: Message[] = [];
  for (const part of renderReply(reply)) {
    const options = toMessageOptions(part);
    const previous = sent.at(-1);
    sent.push(previous ? await previous.reply({ ...options, allowedMentions: { ...part.allowedMentions, repliedUser: false } }) : await first(options));
  }
  return sent;
}

export const DMS_CLOSED = 'I could not send you a DM: allow direct messages from server members and try again.';

/** Sends a reply to the member's DMs; false when their DMs are closed or the send fails (logged). */
export async function sendPrivately(client: Client, memberId: string, reply: Reply, log: Logger): Promise<boolean> {
  try {
    const dm = await client.users.createDM(memberId);
    await sendReply({ ...reply, visibility: undefined }, (options) => dm.send(options));
    return true;
  } catch (error) {
    logDiscordFailure(log, error, { where: 'private reply by DM', memberId });
    return false;
  }
}
