import { afterEach } from 'vitest';
import { type Bot, type BotSettings, startBot } from '../../src/discord/bot.ts';
import type { App } from '../../src/main.ts';
import { testApp } from './app.ts';
import { type FakeDiscord, type StartFakeDiscordOptions, startFakeDiscord } from './fake-discord.ts';
import { type FakeOpenAi, startFakeOpenAi } from './fake-openai.ts';

export type BotHarness = { fake: FakeDiscord; app: App; bot: Bot; openai?: FakeOpenAi };

export type BotHarnessOptions = {
  /** Answers through a loopback model instead of offline. */
  openai?: boolean;
  /** More environment for the app (e.g. COACH_CHANNEL_IDS with a DISCORD_TOKEN); a function when it depends on the fake. */
  env?: Record<string, string> | ((fake: FakeDiscord) => Record<string, string>);
  fake?: StartFakeDiscordOptions;
  /** Bot settings over the defaults; a function when they depend on the fake (its guild id). */
  settings?: Partial<BotSettings> | ((fake: FakeDiscord) => Partial<BotSettings>);
};

/**
 * The real bot on a fresh app, logged into a loopback Discord; whatever a test
 * starts is stopped after it. Call at the top of a test file.
 */
export function useBotHarness(): (options?: BotHarnessOptions) => Promise<BotHarness> {
  let harness: BotHarness | undefined;
  afterEach(async () => {
    if (!harness) return;
    await harness.bot.stop(2000);
    harness.app.close();
    await harness.fake.close();
    await harness.openai?.close();
    harness = undefined;
  });
  return async (options = {}) => {
    const fake = await startFakeDiscord(options.fake);
    const openai = options.openai ? await startFakeOpenAi() : undefined;
    const env = typeof options.env === 'function' ? options.env(fake) : (options.env ?? {});
    const app = openai
      ? testApp({ OPENAI_BASE_URL: openai.baseURL, MEMBER_MESSAGES_PER_MINUTE: '1000', ...env })
      : testApp({ MEMBER_MESSAGES_PER_MINUTE: '1000', ...env }, { llm: null });
    const settings = typeof options.settings === 'function' ? options.settings(fake) : options.settings;
    const bot = await startBot(app, { token: fake.token, appId: fake.appId, apiURL: fake.apiURL, coachChannelIds: undefined, ...settings });
    harness = { fake, app, bot, openai };
    return harness;
  };
}
