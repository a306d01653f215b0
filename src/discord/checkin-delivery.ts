import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  type Client,
  DiscordAPIError,
  type DMChannel,
  ModalBuilder,
  StringSelectMenuBuilder,
  TextInputBuilder,
  TextInputStyle,
  type ThreadChannel,
} from 'discord.js';
import { STOP_MESSAGE } from '../checkins/rhythm.ts';
import type { CheckinDelivery } from '../checkins/tick.ts';
import type { StudyGroup } from '../groups/store.ts';
import type { DigestPoster } from '../groups/tick.ts';
import type { Milestone } from '../members/roadmap.ts';
import { customId } from './custom-ids.ts';
import { idempotent } from './nonce.ts';
import { renderText } from './render.ts';

const CANNOT_DM = 50007;
/** How far back a reclaimed week looks for its check-in: a week's other DMs are few. */
const RECENT_MESSAGES = 25;

export function milestoneMenu(week: string, open: Milestone[]) {
  return new ActionRowBuilder<StringSelectMenuBuilder>().addComponents(
    new StringSelectMenuBuilder()
      .setCustomId(customId({ kind: 'checkin-done', week }))
      .setPlaceholder('The milestone you finished')
      .addOptions(open.slice(0, 25).map((m) => ({ label: m.title.slice(0, 100), value: m.id, description: m.id.slice(0, 100) }))),
  );
}

export function stuckModal(week: string) {
  return new ModalBuilder()
    .setCustomId(customId({ kind: 'checkin-stuck', week }))
    .setTitle('What is blocking you?')
    .addComponents(
      new ActionRowBuilder<TextInputBuilder>().addComponents(
        new TextInputBuilder()
          .setCustomId('blocker')
          .setLabel('In a sentence or two')
          .setStyle(TextInputStyle.Paragraph)
          .setMinLength(3)
          .setMaxLength(1000)
          .setRequired(true),
      ),
    );
}

/**
 * The answers to a week's check-in. The check-in also offers one reminder; the reminder itself does not, and its
 * buttons say they are the reminder's, so a taken-over reminder can tell itself apart from the check-in in the DM.
 */
export function checkinButtons(week: string, kind: 'checkin' | 'reminder' = 'checkin') {
  const reminder = kind === 'reminder';
  const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder()
      .setCustomId(customId({ kind: 'checkin', week, choice: 'on-track', reminder }))
      .setLabel('On track')
      .setStyle(ButtonStyle.Success),
    new ButtonBuilder()
      .setCustomId(customId({ kind: 'checkin', week, choice: 'stuck', reminder }))
      .setLabel('Stuck')
      .setStyle(ButtonStyle.Primary),
    new ButtonBuilder()
      .setCustomId(customId({ kind: 'checkin', week, choice: 'skip', reminder }))
      .setLabel('Skip this week')
      .setStyle(ButtonStyle.Secondary),
  );
  if (kind === 'checkin') {
    row.addComponents(
      new ButtonBuilder()
        .setCustomId(customId({ kind: 'checkin', week, choice: 'remind' }))
        .setLabel('Remind me in 2 days')
        .setStyle(ButtonStyle.Secondary),
    );
  }
  return row;
}

/**
 * Check-ins by DM; closed DMs are "undeliverable" (never retried), other failures are retried by the planner.
 * Each part carries a nonce from (member, week, part), so a repeated send within Discord's nonce window returns
 * the message already posted; a reclaimed week first looks in the DM for the check-in, for repeats after that.
 */
export function discordCheckinDelivery(client: Client): CheckinDelivery {
  return async ({ memberId, week, text, reclaimed, kind = 'checkin' }) => {
    try {
      // createDM opens (or reuses the cached) DM channel without fetching the user first: one request fewer.
      const dm = await client.users.createDM(memberId);
      if (reclaimed && (await checkinAlreadyInDm(dm, week, kind, client.user?.id))) return 'sent';
      const parts = renderText(text);
      // The weekly message keeps its original nonce key; a reminder and a last message have their own.
      const key = kind === 'checkin' ? `checkin:${memberId}:${week}` : `checkin-${kind}:${memberId}:${week}`;
      for (const [i, content] of parts.entries()) {
        await dm.send({
          content,
          allowedMentions: { parse: [] },
          components: i === parts.length - 1 && kind !== 'stop' ? [checkinButtons(week, kind)] : [],
          ...idempotent(`${key}:${i}`),
        });
      }
      // One DM channel per member would otherwise stay cached for the life of the process: 10,000 check-ins,
      // 10,000 channels. A member's reply brings its channel back with the event.
      client.channels.cache.delete(dm.id);
      return 'sent';
    } catch (error) {
      if (error instanceof DiscordAPIError && error.code === CANNOT_DM) return 'undeliverable';
      return 'failed';
    }
  };
}

/**
 * Whether the DM's recent messages hold the bot's message of that kind for the week: a check-in or reminder by its
 * buttons (which name the week), a last message by its text (it has no buttons).
 */
async function checkinAlreadyInDm(dm: DMChannel, week: string, kind: 'checkin' | 'reminder' | 'stop', botId: string | undefined): Promise<boolean> {
  const recent = await dm.messages.fetch({ limit: RECENT_MESSAGES });
  const marker = `"${customId({ kind: 'checkin', week, choice: 'on-track', reminder: kind === 'reminder' })}"`;
  if (kind === 'stop') return recent.some((m) => m.author.id === botId && m.content.startsWith(STOP_MESSAGE.slice(0, 40)));
  return recent.some((m) => m.author.id === botId && JSON.stringify(m.components).includes(marker));
}

/**
 * A group's digest in its one thread: the first digest opens the thread (from a short post in the group's channel
 * that says what it is for), later ones are posted in it, so the channel gets one top-level message, not one a week.
 * A thread that was deleted is opened again. Names only, never mentions.
 */
export function discordDigestPoster(client: Client): DigestPoster {
  return async (group, text) => {
    try {
      const thread = (group.threadId ? await openThread(client, group.threadId) : undefined) ?? (await startDigestThread(client, group));
      if (!thread) return 'failed';
      for (const [i, content] of renderText(text).entries()) {
        await thread.send({ content, allowedMentions: { parse: [] }, ...idempotent(`digest:${group.id}:${i}:${content}`) });
      }
      return { threadId: thread.id };
    } catch {
      return 'failed';
    }
  };
}

const UNKNOWN_CHANNEL = 10003;

/** The group's thread, or undefined when it is gone; an archived one is reopened (posting would reopen it too). */
async function openThread(client: Client, threadId: string): Promise<ThreadChannel | undefined> {
  try {
    const channel = await client.channels.fetch(threadId);
    if (!channel?.isThread()) return undefined;
    if (channel.archived && !channel.locked) await channel.setArchived(false).catch(() => undefined);
    return channel;
  } catch (error) {
    if (error instanceof DiscordAPIError && error.code === UNKNOWN_CHANNEL) return undefined;
    throw error;
  }
}

async function startDigestThread(client: Client, group: StudyGroup): Promise<ThreadChannel | undefined> {
  const channel = await client.channels.fetch(group.channelId);
  if (!channel?.isSendable() || channel.isThread() || channel.isDMBased()) return undefined;
  const [content] = renderText(`**${group.name}**: the group's weekly digests are posted in this thread, one a week.`);
  const starter = await channel.send({
    content: content ?? group.name,
    allowedMentions: { parse: [] },
    ...idempotent(`digest-thread:${group.id}:${group.threadId ?? ''}`),
  });
  return starter.startThread({ name: `${group.name}: weekly digest`.slice(0, 90), autoArchiveDuration: 10080 });
}
