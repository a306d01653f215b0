import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.ts';
import { UserFacingError } from '../core/errors.ts';
import { DatabaseOpenError } from '../db/open-errors.ts';
import { KnowledgeFormatError } from '../knowledge/chunk.ts';
import { createLogger } from '../log.ts';
import type { App } from '../main.ts';
import { memberIdArgument } from './member-arg.ts';
import { terminalProgress } from './progress.ts';

/**
 * Where a run of the CLI reads and writes. The process's own by default; tests run `main` in-process with
 * their own (no process is started, and nothing here exits the process).
 */
export type CliIo = {
  env: NodeJS.ProcessEnv;
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  /** Told when the database file is deleted or replaced under a running command: nothing written now would be kept. */
  onDatabaseLost(message: string): void;
};

export const processIo = (): CliIo => ({
  env: process.env,
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  onDatabaseLost: stopOnLostDatabase,
});

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

/**
 * Runs one CLI command and returns its exit code: 0 done, 1 unexpected failure, 2 bad input or configuration.
 * Only the Discord bot (`run` with DISCORD_TOKEN) listens for signals and ends the process when it stops.
 */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  try {
    return await runCommand(argv, io);
  } catch (error) {
    return reportFailure(error, io.stderr);
  }
}

async function runCommand(argv: string[], io: CliIo): Promise<number> {
  const [command, ...args] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    io.stdout.write(`${USAGE}\n`);
    return command ? 0 : 2;
  }
  const config = loadConfig(io.env);
  const log = createLogger(config.logLevel, io.stderr);
  const openApp = async () => {
    const { createApp } = await import('../main.ts');
    return createApp({ config, log, onIndexProgress: terminalProgress('Indexing knowledge', 'chunks', io.stderr), onDatabaseLost: io.onDatabaseLost });
  };
  const withApp = async (work: (app: App) => Promise<void> | void) => {
    const app = await openApp();
    try {
      await work(app);
    } finally {
      app.close();
    }
  };

  switch (command) {
    case 'run': {
      if (config.discord) {
        const { runDiscordBot } = await import('./discord-bot.ts');
        await runDiscordBot(await openApp(), config.discord);
        return 0;
      }
      const { startCheckinScheduler } = await import('../planner/scheduler.ts');
      const { startRetentionSchedule } = await import('../members/retention.ts');
      const { terminalDigests, terminalOutbox } = await import('../terminal/outbox.ts');
      const { runTerminalChat } = await import('../terminal/chat.ts');
      const { startWebIfConfigured } = await import('./web.ts');
      const { terminalRoles } = await import('../web/role-sources.ts');
      await withApp(async (app) => {
        const model = app.core.llm
          ? `answers use the model ${app.core.llm.model}`
          : 'answers come offline from the guides (set OPENAI_API_KEY or OPENAI_BASE_URL for a model)';
        io.stderr.write(`Discord is not connected (set DISCORD_TOKEN to connect it); ${model}. Starting the terminal chat.\n`);
        const scheduler = startCheckinScheduler(app.core, { deliver: terminalOutbox(io.stdout), post: terminalDigests(io.stdout) }, config.checkinCron);
        const retention = startRetentionSchedule(app.core, config.retentionDays);
        const web = await startWebIfConfigured(app, { roles: terminalRoles('local', []), discord: () => 'off' }, io.stderr);
        return runTerminalChat(app, { memberId: 'local', roles: [], input: io.stdin, output: io.stdout }).finally(async () => {
          scheduler.stop();
          retention.stop();
          await web?.close();
        });
      });
      return 0;
    }
    case 'chat': {
      const { values } = parseArgs({ args, strict: true, options: { member: { type: 'string' }, roles: { type: 'string' } } });
      const memberId = memberIdArgument(values.member ?? 'local');
      const roles = (values.roles ?? '')
        .split(',')
        .map((r) => r.trim())
        .filter(Boolean);
      const { runTerminalChat } = await import('../terminal/chat.ts');
      const { startWebIfConfigured } = await import('./web.ts');
      const { terminalRoles } = await import('../web/role-sources.ts');
      await withApp(async (app) => {
        const web = await startWebIfConfigured(app, { roles: terminalRoles(memberId, roles), discord: () => 'off' }, io.stderr);
        try {
          await runTerminalChat(app, { memberId, roles, input: io.stdin, output: io.stdout });
        } finally {
          await web?.close();
        }
      });
      return 0;
    }
    case 'ask': {
      const { parseAskArgs, runAsk } = await import('./ask.ts');
      const options = parseAskArgs(args);
      await withApp((app) => runAsk(app, options, io.stdout));
      return 0;
    }
    case 'search': {
      const { parseSearchArgs, runSearch } = await import('./search.ts');
      const options = parseSearchArgs(args);
      await withApp((app) => runSearch(app, options, io.stdout));
      return 0;
    }
    case 'ingest': {
      const { values } = parseArgs({ args, options: { json: { type: 'boolean' } } });
      await withApp((app) => {
        const { rebuilt, chunks, hash } = app.knowledge;
        io.stdout.write(
          values.json ? `${JSON.stringify({ rebuilt, chunks, hash })}\n` : `Knowledge index ${rebuilt ? 'rebuilt' : 'already up to date'}: ${chunks} chunks.\n`,
        );
      });
      return 0;
    }
    case 'export': {
      const { values } = parseArgs({ args, strict: true, options: { member: { type: 'string' }, json: { type: 'boolean' } } });
      const memberId = memberIdArgument(values.member, 'Usage: pivot export --member ID [--json]');
      const { exportMember } = await import('../members/export.ts');
      await withApp((app) => {
        const data = exportMember(app.db, app.core.roadmaps, memberId);
        if (!data) throw new UserFacingError(`Nothing is stored about member ${memberId}.`);
        io.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
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
      const { countMemberRows, forgetMember } = await import('../members/forget.ts');
      await withApp((app) => {
        if (!values.yes) {
          const total = Object.values(countMemberRows(app.db, memberId)).reduce((a, b) => a + b, 0);
          throw new UserFacingError(`This would erase ${total} records about member ${memberId} and cannot be undone. Add --yes to erase them.`);
        }
        const removed = forgetMember(app.db, memberId);
        const total = Object.values(removed).reduce((a, b) => a + b, 0);
        app.log.info({ memberId, records: total }, 'member erased by an operator');
        io.stdout.write(values.json ? `${JSON.stringify({ member: memberId, removed })}\n` : `Erased ${total} records about member ${memberId}.\n`);
      });
      return 0;
    }
    case 'checkins': {
      if (args[0] !== 'tick') throw new UserFacingError('Usage: pivot checkins tick [--at 2026-11-30T09:05:00Z] [--json]');
      const { values } = parseArgs({ args: args.slice(1), strict: true, options: { at: { type: 'string' }, json: { type: 'boolean' } } });
      const at = values.at ? new Date(values.at) : new Date();
      if (Number.isNaN(at.getTime())) throw new UserFacingError(`--at must be an ISO-8601 instant such as 2026-11-30T09:05:00Z (got "${values.at}").`);
      const { runWeeklyTick } = await import('../planner/weekly.ts');
      const { terminalDigests, terminalOutbox } = await import('../terminal/outbox.ts');
      // discord.js is loaded only when there is a Discord to deliver to.
      const delivery = config.discord ? await import('../discord/checkin-delivery.ts') : undefined;
      const { createDiscordClient } = config.discord ? await import('../discord/client.ts') : { createDiscordClient: undefined };
      await withApp(async (app) => {
        const discord = config.discord && createDiscordClient ? createDiscordClient(config.discord) : undefined;
        try {
          if (discord && config.discord) await discord.login(config.discord.token);
          const out = values.json ? null : io.stdout;
          const outlets =
            discord && delivery
              ? { deliver: delivery.discordCheckinDelivery(discord), post: delivery.discordDigestPoster(discord) }
              : { deliver: terminalOutbox(out), post: terminalDigests(out) };
          const report = await runWeeklyTick(app.core, outlets, at);
          io.stdout.write(
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
      const { backupDatabase } = await import('./backup.ts');
      await withApp(async (app) => {
        const { path, bytes, pages } = await backupDatabase(app.db, positionals[0], terminalProgress('Backing up', 'pages', io.stderr));
        io.stdout.write(values.json ? `${JSON.stringify({ path, bytes, pages })}\n` : `Backed up the database to ${path} (${Math.round(bytes / 1024)} KiB).\n`);
      });
      return 0;
    }
    case 'register-commands': {
      const { values } = parseArgs({ args, strict: true, options: { json: { type: 'boolean' } } });
      if (!config.discord) throw new UserFacingError('Set DISCORD_TOKEN and DISCORD_APP_ID to register commands.');
      const { registerCommands } = await import('../discord/register.ts');
      const { buildCommandRegistry } = await import('../commands/index.ts');
      const result = await registerCommands(buildCommandRegistry(), config.discord);
      io.stdout.write(
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

/** How a failure ends the command: a clear message and exit 2 for the caller's mistakes, a stack trace and 1 otherwise. */
function reportFailure(error: unknown, stderr: NodeJS.WritableStream): number {
  const code = (error as { code?: unknown })?.code;
  if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
    stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (error instanceof ConfigError || error instanceof UserFacingError || error instanceof DatabaseOpenError) {
    stderr.write(`${error.message}\n`);
    return 2;
  }
  if (error instanceof KnowledgeFormatError) {
    stderr.write(`Knowledge file problem: ${error.message}\n`);
    return 1;
  }
  stderr.write(`Pivot stopped on an unexpected error: ${(error as Error)?.stack ?? String(error)}\n`);
  return 1;
}
