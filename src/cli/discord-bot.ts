import { type Bot, startBot } from '../discord/bot.ts';
import { discordCheckinDelivery, discordDigestPoster } from '../discord/checkin-delivery.ts';
import { inboxBacklog } from '../discord/inbox.ts';
import type { App } from '../main.ts';
import { startRetentionSchedule } from '../members/retention.ts';
import { startCheckinScheduler } from '../planner/scheduler.ts';
import { discordRoles } from '../web/role-sources.ts';
import { firstShutdownSignal, shutDown } from './shutdown.ts';
import { startWebIfConfigured } from './web.ts';

/** Runs the bot until SIGINT/SIGTERM, then stops taking events, lets answers finish and closes cleanly (see cli/shutdown.ts). */
export async function runDiscordBot(app: App, settings: NonNullable<App['config']['discord']>): Promise<void> {
  // Listen before logging in, so a signal during start-up still shuts down cleanly.
  const signalled = firstShutdownSignal(app.log);
  let bot: Bot | undefined;
  const web = await startWebIfConfigured(app, {
    roles: discordRoles(() => bot?.client, { guildId: settings.guildId, mentorRoleId: settings.mentorRoleId }),
    discord: () => (bot?.client.isReady() ? 'ready' : 'connecting'),
    inboxBacklog: () => inboxBacklog(app.db),
  });
  const starting = startBot(app, settings);
  // After a signal during start-up, a failing login is part of stopping, not an error to report.
  starting.catch(() => undefined);
  bot = await Promise.race([starting, signalled.then(() => undefined)]);
  const scheduler = bot
    ? startCheckinScheduler(app.core, { deliver: discordCheckinDelivery(bot.client), post: discordDigestPoster(bot.client) }, app.config.checkinCron)
    : undefined;
  const retention = bot ? startRetentionSchedule(app.core, app.config.retentionDays) : undefined;
  const signal = await signalled;
  app.log.info({ signal }, 'shutting down');
  scheduler?.stop();
  retention?.stop();
  await shutDown(app.log, {
    // A bot still logging in is left to the exit: it has taken no events yet.
    stop: async (budgetMs) => {
      // The dashboard stops first: it must not read a database that is closing.
      await web?.close();
      await bot?.stop(budgetMs);
    },
    closeDatabase: () => app.close(),
  });
}
