import type { Reply } from '../core/types.ts';
import { safeForDiscord } from './safe-markdown.ts';
import { DISCORD_MESSAGE_LIMIT, splitMessage } from './split.ts';

/** Nobody is ever pinged by text the bot echoes: no @everyone, roles or users. */
export const NO_MENTIONS = { parse: [] as [] };

export type RenderedMessage = {
  content: string;
  allowedMentions: typeof NO_MENTIONS;
  /** On the last message of an answer: the turn the 👍/👎 buttons vote on. */
  feedbackTurnId?: number;
  /** On the last message: a proposed change awaiting yes or no. */
  proposalId?: number;
  /** On the last message: a file to attach. */
  attachment?: { name: string; content: string };
  /** On the last message: a command line a button confirms. */
  confirm?: { label: string; line: string };
};

/** Sources by title and guide, compactly; raw chunk ids mean nothing to a member. */
export function sourcesLine(reply: Reply): string {
  if (reply.citations.length === 0) return '';
  return `-# Sources: ${reply.citations.map((c, i) => `[${i + 1}] ${c.title} (${c.source})`).join(' · ')}`;
}

/** Plain text as Discord messages: made safe to post, then split within the limit. */
export function renderText(text: string, limit = DISCORD_MESSAGE_LIMIT): string[] {
  return splitMessage(safeForDiscord(text) || '…', limit);
}

/** The one place that turns a core Reply into Discord messages within Discord's limits. */
export function renderReply(reply: Reply, limit = DISCORD_MESSAGE_LIMIT): RenderedMessage[] {
  const sources = sourcesLine(reply);
  const parts = renderText(sources ? `${reply.text}\n\n${sources}` : reply.text, limit);
  return parts.map((content, i) => ({
    content,
    allowedMentions: NO_MENTIONS,
    ...(i === parts.length - 1 && reply.turnId !== undefined ? { feedbackTurnId: reply.turnId } : {}),
    ...(i === parts.length - 1 && reply.proposal ? { proposalId: reply.proposal.id } : {}),
    ...(i === parts.length - 1 && reply.attachment ? { attachment: reply.attachment } : {}),
    ...(i === parts.length - 1 && reply.confirm ? { confirm: reply.confirm } : {}),
  }));
}
