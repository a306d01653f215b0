import { type Client, Events, type Interaction } from 'discord.js';
import { createKeyedQueue } from '../core/keyed-queue.ts';
import type { App } from '../main.ts';
import { createDiscordClient } from './client.ts';
import { logDiscordFailure, replyForFailure } from './errors.ts';
import { createInbox } from './inbox.ts';
import { onAutocomplete } from './interactions/autocomplete.ts';
import { onButton } from './interactions/buttons.ts';
import type { InteractionContext } from './interactions/context.ts';
import { onModalSubmit } from './interactions/modals.ts';
import { onSelectMenu } from './interactions/select-menus.ts';
import { onSlashCommand } from './interactions/slash-command.ts';
import { createMessageHandling } from './messages.ts';
import { catchUpMissedMessages, resumeOwedAnswers } from './recovery.ts';
import { type Caller, coreRoles, fromServedGuild } from './roles.ts';

export type BotSettings = {
  token: string;
  appId: string;
  apiURL: string | undefined;
  /** Channels the bot answers in; undefined means all it can see. */
  coachChannelIds: string[] | undefined;
  /**
   * The community's guild (DISCORD_GUILD_ID): the only guild mentor roles are read from, and, when set, the only
   * guild whose events are handled. Unset: mentor commands are refused.
   */
  guildId?: string | undefined;
  /** Members with this role (or Manage Server) in the community guild are mentors. */
  mentorRoleId?: string | undefined;
  /** Waits between attempts to deliver an answer Discord did not take (default 1 s, 4 s). */
  retryDelaysMs?: number[];
};

export type Bot = { client: Client; stop(timeoutMs?: number): Promise<void> };

/** Logs in and answers DMs, mentions, thread follow-ups, slash commands and feedback buttons. */
export async function startBot(app: App, settings: BotSettings): Promise<Bot> {
  const client = createDiscordClient(settings);
  const queue = createKeyedQueue();
  const owedApology = new Set<string>();
  const log = app.log.child({ adapter: 'discord' });
  const inbox = createInbox(app.db);
  let stopping = false;

  const rolesOf = (caller: Caller) => coreRoles(client, { guildId: settings.guildId, mentorRoleId: settings.mentorRoleId }, caller);

  const handling = createMessageHandling({
    client,
    rolesOf,
    core: app.core,
    commands: app.commands,
    db: app.db,
    inbox,
    queue,
    log,
    owedApology,
    coachChannelIds: settings.coachChannelIds,
    communityGuildId: settings.guildId,
    retryDelaysMs: settings.retryDelaysMs,
  });

  /** On every (re)identify: finish what is owed, then read back what Discord will not deliver again. */
  const recover = () => {
    if (stopping) return;
    resumeOwedAnswers(inbox, handling, app.core.now(), log);
    void catchUpMissedMessages(client, inbox, handling, app.core.now(), log);
  };

  const ctx: InteractionContext = { app, client, queue, log, owedApology, rolesOf, stopping: () => stopping };

  const onInteraction = async (interaction: Interaction) => {
    // Another server the bot was invited to is not the community's: nothing there is handled, not even acknowledged.
    if (!fromServedGuild(settings.guildId, interaction.guildId)) return;
    try {
      if (interaction.isChatInputCommand()) await onSlashCommand(ctx, interaction);
      else if (interaction.isAutocomplete()) await onAutocomplete(ctx, interaction);
      else if (interaction.isButton()) await onButton(ctx, interaction);
      else if (interaction.isStringSelectMenu()) await onSelectMenu(ctx, interaction);
      else if (interaction.isModalSubmit()) await onModalSubmit(ctx, interaction);
    } catch (error) {
      const { text } = replyForFailure(log, error, { where: 'interaction', memberId: interaction.user.id });
      if (interaction.isRepliable()) {
        const apology = { content: text, allowedMentions: { parse: [] } };
        await (interaction.deferred || interaction.replied ? interaction.editReply(apology) : interaction.reply(apology)).catch((e: unknown) =>
          logDiscordFailure(log, e, { where: 'interaction apology' }),
        );
      }
    }
  };

  client.on(Events.MessageCreate, (message) => {
    if (stopping) handling.hold(message);
    else handling.receive(message).catch((error: unknown) => logDiscordFailure(log, error, { where: 'messageCreate' }));
  });
  client.on(Events.ShardReady, recover);
  client.on(Events.InteractionCreate, (interaction) => {
    void onInteraction(interaction);
  });
  client.on(Events.Error, (error) => logDiscordFailure(log, error, { where: 'client' }));

  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  const started = performance.now();
  await client.login(settings.token);
  await ready;
  log.info({ ms: Math.round(performance.now() - started), guilds: client.guilds.cache.size }, 'Discord bot ready');

  return {
    client,
    async stop(timeoutMs = 10_000) {
      stopping = true;
      const finished = await queue.idle(timeoutMs);
      if (!finished) log.warn({ pending: queue.pending }, 'shutting down with answers still in flight');
      await client.destroy();
    },
  };
}
