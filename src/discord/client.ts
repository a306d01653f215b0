import { Client, GatewayIntentBits, Partials } from 'discord.js';

export type DiscordSettings = { token: string; appId: string; apiURL: string | undefined };

/** The discord.js client with the intents Pivot needs; `apiURL` points REST at another host (tests). */
export function createDiscordClient(settings: DiscordSettings): Client {
  return new Client({
    intents: [
      GatewayIntentBits.Guilds,
      GatewayIntentBits.GuildMessages,
      GatewayIntentBits.MessageContent,
      GatewayIntentBits.DirectMessages,
    ],
    // DMs arrive for channels discord.js has not cached yet.
    partials: [Partials.Channel],
    rest: settings.apiURL ? { api: settings.apiURL } : {},
    allowedMentions: { parse: [] },
  });
}
