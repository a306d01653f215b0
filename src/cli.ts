#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { type App, createApp } from './main.ts';
import { parseAskArgs, runAsk } from './cli/ask.ts';
import { memberIdArgument } from './cli/member-arg.ts';
import { backupDatabase } from './cli/backup.ts';
import { firstShutdownSignal, shutDown } from './cli/shutdown.ts';
import { exportMember } from './members/export.ts';
import { countMemberRows, forgetMember } from './members/forget.ts';
import { startCheckinScheduler } from './checkins/scheduler.ts';
import { startRetentionSchedule } from './members/retention.ts';
import { runWeeklyTick } from './checkins/weekly.ts';
import { discordCheckinDelivery, discordDigestPoster } from './discord/checkin-delivery.ts';
import { createDiscordClient } from './discord/client.ts';
import { terminalDigests, terminalOutbox } from './terminal/outbox.ts';
import { terminalProgress } from './cli/progress.ts';
import { parseSearchArgs, runSearch } from './cli/search.ts';
import { ConfigError, loadConfig } from './config.ts';
import { DatabaseOpenError } from './db/open-errors.ts';
import { UserFacingError } from './core/errors.ts';
import { KnowledgeFormatError } from './knowledge/chunk.ts';
import { createLogger } from './log.ts';
import { type Bot, startBot } from './discord/bot.ts';
import { registerCommands } from './discord/register.ts';
import { buildCommandRegistry } from './core/commands/index.ts';
import { runTerminalChat } from './terminal/chat.ts';
import { inboxBacklog } from './discord/inbox.ts';
import { discordRoles, terminalRoles } from './web/role-sources.ts';
import { startWebServer, type WebOptions, type WebServer } from './web/server.ts';

const USAGE = `Usage: pivot <command> [options]

Commands:
  run                      start Pivot (the terminal chat until Discord is configured)
  chat [--member ID] [--roles mentor]
                           the terminal chat: questions and /commands, one per line (stdin may be piped)
  ask [--member ID] [--json] "question"
                           answer one question from the guides, with sources
  search [--k N] [--json] "question"
                           show the knowledge chunks that best match a question
  ingest [--json]          rebuild the knowledge index if knowledge/ changed; print its status
  export --member ID [--json]
                           everything stored about one member, as JSON
  forget --member ID --yes [--json]
                           erase everything stored about one member (--yes confirms)
  checkins tick [--at ISO-8601] [--json]
                           run one check-in planner tick at that instant (default now); delivers over
                           Discord with DISCORD_TOKEN, else prints them (the terminal outbox)
  backup <file> [--json]   copy the database to a new file while Pivot runs (SQLite online backup)
  register-commands [--json]
                           register the slash commands with Discord (DISCORD_GUILD_ID: that guild only)
  help                     show this message`;

/** Exit codes: 0 done, 1 unexpected failure, 2 bad input or configuration. */
async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(`${USAGE}\n`);
    return command ? 0 : 2;
  }
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  const withApp = async (work: (app: App) => Promise<void> | void) => {
    const app = createApp({ config, log, onIndexProgress: terminalProgress('Indexing knowledge', 'chunks'), onDatabaseLost: stopOnLostDatabase });
    try {
      await work(app);
    } finally {
      app.close();
    }
  };

  switch (command) {
    case 'run':
      if (config.discord) {
        await runDiscordBot(createApp({ config, log, onIndexProgress: terminalProgress('Indexing knowledge', 'chunks'), onDatabaseLost: stopOnLostDatabase }), config.discord);
        return 0;
      }
      await withApp(async (app) => {
        const model = app.core.llm ? `answers use the model ${app.core.llm.model}` : 'answers come offline from the guides (set OPENAI_API_KEY or OPENAI_BASE_URL for a model)';
        process.stderr.write(`Discord is not connected (set DISCORD_TOKEN to connect it); ${model}. Starting the terminal chat.\n`);
        const scheduler = startCheckinScheduler(
          app.core,
          { deliver: terminalOutbox(process.stdout), post: terminalDigests(process.stdout) },
          config.checkinCron,
        );
        const retention = startRetentionSchedule(app.core, config.retentionDays);
        const web = await startWebIfConfigured(app, { roles: terminalRoles('local', []), discord: () => 'off' });
        return runTerminalChat(app, { memberId: 'local', roles: [] }).finally(async () => {
          scheduler.stop();
          retention.stop();
          await web?.close();
        });
      });
      return 0;
    case 'chat': {
      const { values } = parseArgs({ args, strict: true, options: { member: { type: 'string' }, roles: { type: 'string' } } });
      const memberId = memberIdArgument(values.member ?? 'local');
      const roles = (values.roles ?? '').split(',').map((r) => r.trim()).filter(Boolean);
      await withApp(async (app) => {
        const web = await startWebIfConfigured(app, { roles: terminalRoles(memberId, roles), discord: () => 'off' });
        try {
          await runTerminalChat(app, { memberId, roles });
        } finally {
          await web?.close();
        }
      });
      return 0;
    }
    case 'ask': {
      const options = parseAskArgs(args);
      await withApp((app) => runAsk(app, options));
      return 0;
    }
    case 'search': {
      const options = parseSearchArgs(args);
      await withApp((app) => runSearch(app, options));
      return 0;
    }
    case 'ingest': {
      const { values } = parseArgs({ args, options: { json: { type: 'boolean' } } });
      await withApp((app) => {
        const { rebuilt, chunks, hash } = app.knowledge;
        process.stdout.write(
          values.json
            ? `${JSON.stringify({ rebuilt, chunks, hash })}\n`
            : `Knowledge index ${rebuilt ? 'rebuilt' : 'already up to date'}: ${chunks} chunks.\n`,
        );
      });
      return 0;
    }
    case 'export': {
      const { values } = parseArgs({ args, strict: true, options: { member: { type: 'string' }, json: { type: 'boolean' } } });
      const memberId = memberIdArgument(values.member, 'Usage: pivot export --member ID [--json]');
      await withApp((app) => {
        const data = exportMember(app.db, app.core.roadmaps, memberId);
        if (!data) throw new UserFacingError(`Nothing is stored about member ${memberId}.`);
        process.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
      });
      return 0;
    }
    case 'forget': {
      const { values } = parseArgs({
        args,
        strict: true,
        options: { member: { type: 'string' }, yes: { type: 'boolean' }, json: { type: 'boolean' } },
      });
      const memberId = memberIdArgument(values.member, 'Usage: pivot forget --member ID --yes [--json]');
      await withApp((app) => {
        if (!values.yes) {
          const total = Object.values(countMemberRows(app.db, memberId)).reduce((a, b) => a + b, 0);
          throw new UserFacingError(`This would erase ${total} records about member ${memberId} and cannot be undone. Add --yes to erase them.`);
        }
        const removed = forgetMember(app.db, memberId);
        const total = Object.values(removed).reduce((a, b) => a + b, 0);
        app.log.info({ memberId, records: total }, 'member erased by an operator');
        process.stdout.write(values.json ? `${JSON.stringify({ member: memberId, removed })}\n` : `Erased ${total} records about member ${memberId}.\n`);
      });
      return 0;
    }
    case 'checkins': {
      if (args[0] !== 'tick') throw new UserFacingError('Usage: pivot checkins tick [--at 2026-11-30T09:05:00Z] [--json]');
      const { values } = parseArgs({ args: args.slice(1), strict: true, options: { at: { type: 'string' }, json: { type: 'boolean' } } });
      const at = values.at ? new Date(values.at) : new Date();
      if (Number.isNaN(at.getTime())) throw new UserFacingError(`--at must be an ISO-8601 instant such as 2026-11-30T09:05:00Z (got "${values.at}").`);
      await withApp(async (app) => {
        const discord = config.discord ? createDiscordClient(config.discord) : undefined;
        try {
          if (discord && config.discord) await discord.login(config.discord.token);
          const out = values.json ? null : process.stdout;
          const outlets = discord
            ? { deliver: discordCheckinDelivery(discord), post: discordDigestPoster(discord) }
            : { deliver: terminalOutbox(out), post: terminalDigests(out) };
          const report = await runWeeklyTick(app.core, outlets, at);
          process.stdout.write(
            values.json
              ? `${JSON.stringify(report)}\n`
              : `Check-ins: ${report.sent.length} sent, ${report.skipped.length} skipped, ${report.failed.length} failed.\n`,
          );
        } finally {
          await discord?.destroy();
        }
      });
      return 0;
    }
    case 'backup': {
      const { values, positionals } = parseArgs({ args, strict: true, allowPositionals: true, options: { json: { type: 'boolean' } } });
      await withApp(async (app) => {
        const { path, bytes, pages } = await backupDatabase(app.db, positionals[0], terminalProgress('Backing up', 'pages'));
        process.stdout.write(
          values.json ? `${JSON.stringify({ path, bytes, pages })}\n` : `Backed up the database to ${path} (${Math.round(bytes / 1024)} KiB).\n`,
        );
      });
      return 0;
    }
    case 'register-commands': {
      const { values } = parseArgs({ args, strict: true, options: { json: { type: 'boolean' } } });
      if (!config.discord) throw new UserFacingError('Set DISCORD_TOKEN and DISCORD_APP_ID to register commands.');
      const result = await registerCommands(buildCommandRegistry(), config.discord);
      process.stdout.write(
        values.json
          ? `${JSON.stringify(result)}\n`
          : `Registered ${result.scope} commands. Added: ${list(result.added)}. Updated: ${list(result.updated)}. Removed: ${list(result.removed)}. Unchanged: ${list(result.unchanged)}.\n`,
      );
      return 0;
    }
    default:
      throw new UserFacingError(`Unknown command "${command}".\n${USAGE}`);
  }
}

/** Nothing can be stored any more: answering on would lose every write, so the process stops here. */
function stopOnLostDatabase(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

const list = (names: string[]) => (names.length ? names.map((n) => `/${n}`).join(', ') : 'none');

/** Runs the bot until SIGINT/SIGTERM, then stops taking events, lets answers finish and closes cleanly (see cli/shutdown.ts). */
async function runDiscordBot(app: App, settings: NonNullable<App['config']['discord']>): Promise<void> {
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

/** The dashboard, /healthz and /metrics, when WEB_PORT is set. */
async function startWebIfConfigured(app: App, options: WebOptions): Promise<WebServer | undefined> {
  if (!app.config.web) return undefined;
  const web = await startWebServer(app, options);
  process.stderr.write(`Mentor dashboard, /healthz and /metrics at ${web.url}${app.config.web.publicUrl ? ` (links use ${app.config.web.publicUrl})` : ''}.\n`);
  if (!app.config.web.publicUrl && ['0.0.0.0', '::'].includes(app.config.web.host)) {
    process.stderr.write('Set PUBLIC_URL to the address mentors open: sign-in links cannot point at an address that listens on every interface.\n');
  }
  return web;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const code = (error as { code?: unknown })?.code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
      process.exitCode = 2;
    } else if (error instanceof ConfigError || error instanceof UserFacingError || error instanceof DatabaseOpenError) {
      process.stderr.write(`${error.message}\n`);
      process.exitCode = 2;
    } else if (error instanceof KnowledgeFormatError) {
      process.stderr.write(`Knowledge file problem: ${error.message}\n`);
      process.exitCode = 1;
    } else {
      process.stderr.write(`Pivot stopped on an unexpected error: ${(error as Error)?.stack ?? String(error)}\n`);
      process.exitCode = 1;
    }
  },
);
