import { ActionRowBuilder, ButtonBuilder, ButtonStyle, type Client, DiscordAPIError } from 'discord.js';
import type { CheckinDelivery } from '../checkins/tick.ts';
import { splitMessage } from './split.ts';

const CANNOT_DM = 50007;
export const CHECKIN_PREFIX = 'checkin';

export function checkinButtons(week: string) {
  return new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder().setCustomId(`${CHECKIN_PREFIX}:${week}:on-track`).setLabel('On track').setStyle(ButtonStyle.Success),
    new ButtonBuilder().setCustomId(`${CHECKIN_PREFIX}:${week}:stuck`).setLabel('Stuck').setStyle(ButtonStyle.Primary),
    new ButtonBuilder().setCustomId(`${CHECKIN_PREFIX}:${week}:skip`).setLabel('Skip this week').setStyle(ButtonStyle.Secondary),
  );
}

/** Check-ins by DM; closed DMs are "undeliverable" (never retried), other failures are retried by the planner. */
export function discordCheckinDelivery(client: Client): CheckinDelivery {
  return async ({ memberId, week, text }) => {
    try {
      const user = await client.users.fetch(memberId);
      const parts = splitMessage(text);
      for (const [i, content] of parts.entries()) {
        await user.send({ content, allowedMentions: { parse: [] }, components: i === parts.length - 1 ? [checkinButtons(week)] : [] });
      }
      return 'sent';
    } catch (error) {
      if (error instanceof DiscordAPIError && error.code === CANNOT_DM) return 'undeliverable';
      return 'failed';
    }
  };
}
