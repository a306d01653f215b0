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
} from 'discord.js';
import type { Milestone } from '../members/roadmap.ts';
import type { CheckinDelivery } from '../checkins/tick.ts';
import type { DigestPoster } from '../groups/tick.ts';
import { CHECKIN_PREFIX, customId } from './custom-ids.ts';
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

export function checkinButtons(week: string) {
  return new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder().setCustomId(customId({ kind: 'checkin', week, choice: 'on-track' })).setLabel('On track').setStyle(ButtonStyle.Success),
    new ButtonBuilder().setCustomId(customId({ kind: 'checkin', week, choice: 'stuck' })).setLabel('Stuck').setStyle(ButtonStyle.Primary),
    new ButtonBuilder().setCustomId(customId({ kind: 'checkin', week, choice: 'skip' })).setLabel('Skip this week').setStyle(ButtonStyle.Secondary),
  );
}

/**
 * Check-ins by DM; closed DMs are "undeliverable" (never retried), other failures are retried by the planner.
 * Each part carries a nonce from (member, week, part), so a repeated send within Discord's nonce window returns
 * the message already posted; a reclaimed week first looks in the DM for the check-in, for repeats after that.
 */
export function discordCheckinDelivery(client: Client): CheckinDelivery {
  return async ({ memberId, week, text, reclaimed }) => {
    try {
      // createDM opens (or reuses the cached) DM channel without fetching the user first: one request fewer.
      const dm = await client.users.createDM(memberId);
      if (reclaimed && (await checkinAlreadyInDm(dm, week, client.user?.id))) return 'sent';
      const parts = renderText(text);
      for (const [i, content] of parts.entries()) {
        await dm.send({
          content,
          allowedMentions: { parse: [] },
          components: i === parts.length - 1 ? [checkinButtons(week)] : [],
          ...idempotent(`checkin:${memberId}:${week}:${i}`),
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

/** Whether the DM's recent messages hold the bot's check-in for that week (its buttons name the week). */
async function checkinAlreadyInDm(dm: DMChannel, week: string, botId: string | undefined): Promise<boolean> {
  const recent = await dm.messages.fetch({ limit: RECENT_MESSAGES });
  const marker = `"${CHECKIN_PREFIX}:${week}:`;
  return recent.some((m) => m.author.id === botId && JSON.stringify(m.components).includes(marker));
}

/** A group's digest in its channel, with a thread to discuss it; names only, never mentions. */
export function discordDigestPoster(client: Client): DigestPoster {
  return async (group, text) => {
    try {
      const channel = await client.channels.fetch(group.channelId);
      if (!channel?.isSendable()) return 'failed';
      const parts = renderText(text);
      let last: Awaited<ReturnType<typeof channel.send>> | undefined;
      for (const [i, content] of parts.entries()) {
        last = await channel.send({ content, allowedMentions: { parse: [] }, ...idempotent(`digest:${group.id}:${i}:${content}`) });
      }
      if (last && 'startThread' in last && !channel.isThread() && !channel.isDMBased()) {
        await last.startThread({ name: `${group.name}: this week`.slice(0, 90), autoArchiveDuration: 10080 }).catch(() => undefined);
      }
      return 'sent';
    } catch {
      return 'failed';
    }
  };
}
