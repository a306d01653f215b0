import {
  type ModalSubmitInteraction,
  type StringSelectMenuInteraction,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Client,
  Events,
  type Interaction,
  MessageFlags,
} from 'discord.js';
import { recordFeedback } from '../answer/feedback.ts';
import { handleLine, withNotices } from '../core/commands/dispatch.ts';
import { resolveCommand } from '../core/commands/parse-line.ts';
import { findAction } from '../core/commands/registry.ts';
import { UserFacingError } from '../core/errors.ts';
import { createKeyedQueue } from '../core/keyed-queue.ts';
import { stripInvisible } from '../core/sanitize.ts';
import type { Inbound } from '../core/types.ts';
import type { App } from '../main.ts';
import { createDiscordClient } from './client.ts';
import { logDiscordFailure, replyForFailure, replyOrApology } from './errors.ts';
import { createInbox } from './inbox.ts';
import { createMessageHandling } from './messages.ts';
import { catchUpMissedMessages, resumeOwedAnswers } from './recovery.ts';
import { renderReply } from './render.ts';
import { respondOnTrack, respondSkip, respondStuck } from '../checkins/responses.ts';
import { openMilestones } from '../core/commands/done.ts';
import { settleProposal } from '../members/proposals.ts';
import { CHECKIN_DONE_PREFIX, CHECKIN_PREFIX, CHECKIN_STUCK_PREFIX, milestoneMenu, stuckModal } from './checkin-delivery.ts';
import { type Caller, coreRoles, fromServedGuild } from './roles.ts';
import { CONFIRM_PREFIX, DMS_CLOSED, FEEDBACK_PREFIX, PROPOSAL_PREFIX, sendPrivately, toMessageOptions } from './send.ts';

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

  const onSlashCommand = async (interaction: ChatInputCommandInteraction) => {
    if (stopping) {
      await interaction.reply({ content: 'Pivot is restarting; please try again in a minute.', flags: MessageFlags.Ephemeral });
      return;
    }
    // Acknowledge first: Discord allows 3 seconds, an answer may take longer.
    const privateCommand = app.commands.get(interaction.commandName)?.private === true;
    await interaction.deferReply(privateCommand ? { flags: MessageFlags.Ephemeral } : {});
    const memberId = interaction.user.id;
    await queue.run(memberId, async () => {
      const channel = interaction.channel;
      const conversationId = channel?.isDMBased()
        ? `dm:${interaction.channelId}`
        : channel?.isThread()
          ? `thread:${interaction.channelId}`
          : `channel:${interaction.channelId}:${memberId}`;
      const inbound: Inbound = {
        memberId,
        displayName: interaction.user.displayName,
        origin: {
          kind: channel?.isDMBased() ? 'dm' : 'group',
          conversationId,
          channelId: channel?.isThread() ? (channel.parentId ?? interaction.channelId) : interaction.channelId,
          guildId: interaction.guildId ?? undefined,
        },
        text: '',
        ...(await rolesOf({ userId: memberId, guildId: interaction.guildId, permissions: interaction.memberPermissions })),
      };
      const answered = await replyOrApology(log, async () => {
        const given = interaction.options.data.flatMap((o) => (o.options ? o.options : [o]));
        const values: Record<string, string | number | boolean> = Object.fromEntries(
          given
            .filter((o) => o.value !== undefined && !o.attachment)
            .map((o) => [o.name, typeof o.value === 'string' ? stripInvisible(o.value) : (o.value as number | boolean)]),
        );
        const subcommand = interaction.options.getSubcommand(false) ?? undefined;
        const action = findAction(app.commands, interaction.commandName, subcommand);
        for (const option of given) {
          if (!option.attachment) continue;
          const target = option.name.replace(/_file$/, '');
          const spec = action?.options[target];
          if (spec?.fileAlternative) values[target] = await readTextAttachment(option.attachment, spec.fileAlternative);
        }
        const parsed = resolveCommand(app.commands, interaction.commandName, subcommand, values);
        return parsed.action.run({ deps: app.core, inbound }, parsed.options);
      }, { memberId, where: `/${interaction.commandName}` });
      let reply = answered;
      if (reply.visibility === 'dm' && !channel?.isDMBased()) {
        const sent = await sendPrivately(client, memberId, reply, log);
        reply = sent ? { text: 'I sent it to your DMs.', citations: [] } : { ...reply, text: `${DMS_CLOSED} Here it is instead; only you can see this.\n\n${reply.text}` };
      }
      // Private notices ride only on a reply no one else sees: in a DM, or ephemeral (a private command or reply).
      if (channel?.isDMBased() || privateCommand || reply.visibility) reply = withNotices(app.core, memberId, reply);
      try {
        if (reply.visibility && !privateCommand && !channel?.isDMBased()) {
          // A private reply to a public acknowledgement: replace it with one only the member sees.
          await interaction.deleteReply();
          for (const part of renderReply(reply)) await interaction.followUp({ ...toMessageOptions(part), flags: MessageFlags.Ephemeral });
        } else {
          const [first, ...rest] = renderReply(reply);
          if (first) await interaction.editReply(toMessageOptions(first));
          for (const part of rest) await interaction.followUp({ ...toMessageOptions(part), ...(privateCommand ? { flags: MessageFlags.Ephemeral } : {}) });
        }
      } catch (error) {
        owedApology.add(memberId);
        logDiscordFailure(log, error, { where: `/${interaction.commandName} reply`, memberId });
      }
    });
  };

  const onButton = async (interaction: ButtonInteraction) => {
    if (interaction.customId.startsWith(CONFIRM_PREFIX)) {
      await onConfirmButton(interaction, interaction.customId.slice(CONFIRM_PREFIX.length));
      return;
    }
    const [prefix, turn, vote] = interaction.customId.split(':');
    if (prefix === CHECKIN_PREFIX && turn) {
      await onCheckinButton(interaction, turn, vote ?? '');
      return;
    }
    if (prefix === PROPOSAL_PREFIX) {
      const text = settleProposal(app.db, app.core.roadmaps, {
        memberId: interaction.user.id,
        proposalId: Number(turn),
        accept: vote === 'yes',
        now: app.core.now(),
      });
      await interaction.reply({ content: text, allowedMentions: { parse: [] } });
      return;
    }
    if (prefix !== FEEDBACK_PREFIX) return;
    const saved = recordFeedback(app.db, {
      turnId: Number(turn),
      memberId: interaction.user.id,
      helpful: vote === 'up',
      at: app.core.now(),
    });
    await interaction.reply({
      content: saved ? 'Thanks, noted. It helps us improve the coaching.' : 'That answer is no longer on record.',
      flags: MessageFlags.Ephemeral,
    });
  };

  /** Runs the confirmed command line as whoever pressed the button, and replaces the prompt with the result. */
  const onConfirmButton = async (interaction: ButtonInteraction, line: string) => {
    const memberId = interaction.user.id;
    await interaction.deferUpdate();
    await queue.run(memberId, async () => {
      const inbound: Inbound = {
        memberId,
        displayName: interaction.user.displayName,
        origin: { kind: interaction.channel?.isDMBased() ? 'dm' : 'group', conversationId: `confirm:${memberId}` },
        text: line,
      };
      const reply = await replyOrApology(log, () => handleLine(app.commands, app.core, inbound), { memberId, where: 'confirm button' });
      const [first] = renderReply(reply);
      if (first) await interaction.editReply({ ...toMessageOptions(first), components: [] });
    });
  };

  const onCheckinButton = async (interaction: ButtonInteraction, week: string, choice: string) => {
    const memberId = interaction.user.id;
    if (choice === 'skip') {
      await interaction.reply({ content: respondSkip(app.core, memberId, week), allowedMentions: { parse: [] } });
    } else if (choice === 'stuck') {
      await interaction.showModal(stuckModal(week));
    } else {
      const open = openMilestones(app.core, memberId).slice(0, 25);
      if (open.length === 0) {
        await interaction.reply({ content: respondOnTrack(app.core, memberId, week, undefined), allowedMentions: { parse: [] } });
        return;
      }
      await interaction.reply({
        content: 'Nice. Which milestone did you finish? (Dismiss this if none yet.)',
        components: [milestoneMenu(week, open)],
        allowedMentions: { parse: [] },
      });
    }
  };

  const onSelect = async (interaction: StringSelectMenuInteraction) => {
    const [prefix, week] = interaction.customId.split(':');
    if (prefix !== CHECKIN_DONE_PREFIX || !week) return;
    const text = respondOnTrack(app.core, interaction.user.id, week, interaction.values[0]);
    await interaction.update({ content: text, components: [], allowedMentions: { parse: [] } });
  };

  const onModal = async (interaction: ModalSubmitInteraction) => {
    const [prefix, week] = interaction.customId.split(':');
    if (prefix !== CHECKIN_STUCK_PREFIX || !week) return;
    await interaction.deferReply();
    const memberId = interaction.user.id;
    await queue.run(memberId, async () => {
      const blocker = stripInvisible(interaction.fields.getTextInputValue('blocker'));
      const reply = await replyOrApology(log, () => respondStuck(app.core, memberId, week, blocker), { memberId, where: 'check-in stuck' });
      const [first, ...rest] = renderReply(reply);
      if (first) await interaction.editReply(toMessageOptions(first));
      for (const part of rest) await interaction.followUp(toMessageOptions(part));
    });
  };

  const onAutocomplete = async (interaction: AutocompleteInteraction) => {
    const focused = interaction.options.getFocused(true);
    const action = findAction(app.commands, interaction.commandName, interaction.options.getSubcommand(false) ?? undefined);
    const suggest = action?.options[focused.name]?.suggest;
    const inbound: Inbound = {
      memberId: interaction.user.id,
      origin: { kind: 'group', conversationId: `autocomplete:${interaction.user.id}` },
      text: '',
    };
    const choices = suggest ? suggest({ deps: app.core, inbound }, String(focused.value)).slice(0, 25) : [];
    await interaction.respond(choices);
  };

  const onInteraction = async (interaction: Interaction) => {
    // Another server the bot was invited to is not the community's: nothing there is handled, not even acknowledged.
    if (!fromServedGuild(settings.guildId, interaction.guildId)) return;
    try {
      if (interaction.isChatInputCommand()) await onSlashCommand(interaction);
      else if (interaction.isAutocomplete()) await onAutocomplete(interaction);
      else if (interaction.isButton()) await onButton(interaction);
      else if (interaction.isStringSelectMenu()) await onSelect(interaction);
      else if (interaction.isModalSubmit()) await onModal(interaction);
    } catch (error) {
      const { text } = replyForFailure(log, error, { where: 'interaction', memberId: interaction.user.id });
      if (interaction.isRepliable()) {
        const apology = { content: text, allowedMentions: { parse: [] } };
        await (interaction.deferred || interaction.replied ? interaction.editReply(apology) : interaction.reply(apology)).catch(
          (e: unknown) => logDiscordFailure(log, e, { where: 'interaction apology' }),
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

/** The text of a small .txt/.md attachment; anything else is a clear refusal. */
async function readTextAttachment(
  attachment: { name: string; size: number; url: string; contentType: string | null },
  rules: { maxBytes: number; extensions: string[] },
): Promise<string> {
  const name = attachment.name.toLowerCase();
  if (!rules.extensions.some((ext) => name.endsWith(ext))) {
    throw new UserFacingError(`Attach a ${rules.extensions.join(' or ')} file (got ${attachment.name}).`);
  }
  if (attachment.size > rules.maxBytes) {
    throw new UserFacingError(`${attachment.name} is ${Math.ceil(attachment.size / 1024)} KB; the limit is ${Math.round(rules.maxBytes / 1024)} KB.`);
  }
  const response = await fetch(attachment.url, { signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new UserFacingError(`I could not download ${attachment.name}; please try again.`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.length > rules.maxBytes) throw new UserFacingError(`${attachment.name} is over ${Math.round(rules.maxBytes / 1024)} KB.`);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new UserFacingError(`${attachment.name} is not plain UTF-8 text. Save it as .txt and try again.`);
  }
}
