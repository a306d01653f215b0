// Delivering one tick's check-ins from the bot's process through a rate-limited loopback Discord.
import { once } from 'node:events';
import { Events } from 'discord.js';
import { type CheckinDelivery, runCheckinTick } from '../src/checkins/tick.ts';
import { discordCheckinDelivery } from '../src/discord/checkin-delivery.ts';
import { createDiscordClient } from '../src/discord/client.ts';
import type { App } from '../src/main.ts';
import type { DiscordEndpoint } from './bot-protocol.ts';
import { progress } from './progress.ts';

/**
 * Leaves the first `members` schedules on (every dataset schedule is due at the tick) and runs the planner's tick with
 * Discord delivery, as the scheduler does. Works on the run's copy of the dataset, never the dataset itself.
 */
export async function deliverCheckins(app: App, discord: DiscordEndpoint, members: number, concurrency: number, tick: Date) {
  app.db.$client
    .prepare('UPDATE checkin_schedules SET enabled = member_id IN (SELECT member_id FROM checkin_schedules ORDER BY member_id LIMIT ?)')
    .run(members);
  // Three unanswered check-ins in a row make the next week an off week, and the dataset's random history leaves a
  // few members so. The benchmark measures a full week's burst, so each member it counts on answered their latest.
  app.db.$client
    .prepare(
      `UPDATE checkin_deliveries SET response = 'on-track' WHERE status = 'sent' AND response IS NULL
         AND member_id IN (SELECT member_id FROM checkin_schedules WHERE enabled = 1)
         AND week = (SELECT max(week) FROM checkin_deliveries d WHERE d.member_id = checkin_deliveries.member_id AND d.status = 'sent')`,
    )
    .run();
  const client = createDiscordClient(discord);
  try {
    const ready = once(client, Events.ClientReady);
    await client.login(discord.token);
    await ready;
    const deliver = discordCheckinDelivery(client);
    const bar = progress('check-ins delivered', members);
    let delivered = 0;
    const counting: CheckinDelivery = async (message) => {
      const outcome = await deliver(message);
      if (outcome === 'sent') bar.update(++delivered);
      return outcome;
    };
    const started = performance.now();
    const report = await runCheckinTick(app.core, counting, tick, { concurrency });
    const ms = performance.now() - started;
    bar.finish();
    return { ms, sent: report.sent.length, failed: report.failed.length, skipped: report.skipped.length };
  } finally {
    await client.destroy();
  }
}
