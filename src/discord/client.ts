import { Client, GatewayIntentBits, Options, Partials } from 'discord.js';

export type DiscordSettings = { token: string; appId: string; apiURL: string | undefined };

/** The discord.js client with the intents Pivot needs; `apiURL` points REST at another host (tests). */
export function createDiscordClient(settings: DiscordSettings): Client {
  return new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent, GatewayIntentBits.DirectMessages],
    // DMs arrive for channels discord.js has not cached yet.
    partials: [Partials.Channel],
    // Each DM channel is its own rate-limit route; idle route handlers are dropped every 10 minutes, not hourly.
    rest: { ...(settings.apiURL ? { api: settings.apiURL } : {}), handlerSweepInterval: 600_000, hashSweepInterval: 600_000 },
    allowedMentions: { parse: [] },
    // Pivot works from the events it receives and never reads old messages from the cache. Without limits every
    // message sent (each check-in, each answer part) and every member seen stays in memory for the life of the process.
    makeCache: Options.cacheWithLimits({
      ...Options.DefaultMakeCacheSettings,
      MessageManager: 0,
      ReactionManager: 0,
      GuildMemberManager: { maxSize: 500, keepOverLimit: (member) => member.id === member.client.user.id },
      UserManager: { maxSize: 2000, keepOverLimit: (user) => user.id === user.client.user.id },
    }),
  });
}
