import { type ChatInputCommandInteraction, MessageFlags } from 'discord.js';
import { withNotices } from '../../commands/dispatch.ts';
import { resolveCommand } from '../../commands/parse-line.ts';
import { findAction } from '../../commands/registry.ts';
import { UserFacingError } from '../../core/errors.ts';
import { stripInvisible } from '../../core/sanitize.ts';
import type { Inbound } from '../../core/types.ts';
import { logDiscordFailure, replyOrApology } from '../errors.ts';
import { renderReply } from '../render.ts';
import { DMS_CLOSED, sendPrivately, toMessageOptions } from '../send.ts';
import type { InteractionContext } from './context.ts';

export async function onSlashCommand(ctx: InteractionContext, interaction: ChatInputCommandInteraction): Promise<void> {
  const { app, client, log, queue, owedApology, rolesOf } = ctx;
  if (ctx.stopping()) {
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
    const answered = await replyOrApology(
      log,
      async () => {
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
      },
      { memberId, where: `/${interaction.commandName}` },
    );
    let reply = answered;
    if (reply.visibility === 'dm' && !channel?.isDMBased()) {
      const sent = await sendPrivately(client, memberId, reply, log);
      reply = sent
        ? { text: 'I sent it to your DMs.', citations: [] }
        : { ...reply, text: `${DMS_CLOSED} Here it is instead; only you can see this.\n\n${reply.text}` };
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
