// The bot's process: Pivot's app on a copy of the dataset, logged into the runner's loopback Discord. It reports
// how long it took to be ready, runs the answer load, delivers check-ins, and finally its peak memory.
// The app is imported dynamically so the memory before it (Node itself) can be told apart.
import type { BotSettings, FromBot, ToBot } from './bot-protocol.ts';

const settings = JSON.parse(process.argv[2] ?? '{}') as BotSettings;
const megabytes = (bytes: number) => bytes / 1_048_576;
const rssNowMb = () => megabytes(process.memoryUsage.rss());
const startRssMb = rssNowMb();
const importStarted = performance.now();

const send = (message: FromBot) => process.send?.(message);
/** Resolves once the message has left, so a batch is freed before the next is serialised. */
const sendAndWait = (message: FromBot) => new Promise<void>((resolve) => process.send?.(message, () => resolve()) ?? resolve());
// Without the runner there is nobody to report to, and a Discord client left alone keeps reconnecting.
process.on('disconnect', () => process.exit(1));
const inbox: ToBot[] = [];
let waiting: ((m: ToBot) => void) | undefined;
process.on('message', (message: ToBot) => {
  if (waiting) {
    const deliver = waiting;
    waiting = undefined;
    deliver(message);
  } else inbox.push(message);
});
const nextInstruction = () =>
  new Promise<ToBot>((resolve) => {
    const queued = inbox.shift();
    if (queued) resolve(queued);
    else waiting = resolve;
  });

const { parseConfig } = await import('../src/config.ts');
const { createLogger } = await import('../src/log.ts');
const { createApp } = await import('../src/main.ts');
const { startBot } = await import('../src/discord/bot.ts');
const { instantModel } = await import('./instant-model.ts');
const { DATASET_NOW } = await import('./dataset-rows.ts');
const importMs = performance.now() - importStarted;

// The clock starts where the dataset ends, so "today" and "the last minute" hold the dataset's recent turns.
const offset = Date.now() - DATASET_NOW;
const model = instantModel();
const appStarted = performance.now();
const app = createApp({
  config: parseConfig({
    DATABASE_PATH: settings.databasePath,
    LOG_LEVEL: 'silent',
    // The load asks far faster than a member may; the quota must not turn answers into refusals.
    MEMBER_MESSAGES_PER_MINUTE: '1000',
    MEMBER_DAILY_TOKENS: '10000000',
  }),
  log: createLogger('silent'),
  llm: model,
  now: () => Date.now() - offset,
});
const appMs = performance.now() - appStarted;
const loginStarted = performance.now();
const bot = await startBot(app, { ...settings.discord, coachChannelIds: undefined });
const loginMs = performance.now() - loginStarted;
let botStopped = false;
const stopBot = async () => {
  if (botStopped) return;
  botStopped = true;
  await bot.stop(10_000);
};
// performance.now() counts from the start of this process.
send({ kind: 'ready', importMs, appMs, loginMs, readyMs: performance.now(), startRssMb, rssMb: rssNowMb() });

try {
  for (;;) {
    const instruction = await nextInstruction();
    if (instruction.kind === 'answers') {
      const { timeAnswers, timeRetrieval } = await import('./answer-load.ts');
      const retrieval = timeRetrieval(app, instruction.retrievalPasses);
      let promptBatches = 0;
      const { samples, cpuMsPerAnswer } = await timeAnswers(app, model, instruction.load, async (prompts) => {
        promptBatches++;
        await sendAndWait({ kind: 'prompts', prompts });
      });
      send({ kind: 'answers', retrieval, answers: samples, cpuMsPerAnswer, promptBatches, rssMb: rssNowMb() });
    } else {
      // Check-ins go to a second loopback Discord that enforces a rate limit; one Discord client at a time.
      await stopBot();
      const { deliverCheckins } = await import('./checkin-delivery.ts');
      const result = await deliverCheckins(app, instruction.discord, instruction.members, instruction.concurrency, new Date(DATASET_NOW));
      send({ kind: 'checkins', ...result, rssMb: rssNowMb() });
      break;
    }
  }
} finally {
  await stopBot();
  app.close();
}
// The kernel's high-water mark for this process: start-up, the Discord load, the answers and the check-ins.
send({ kind: 'done', peakRssMb: process.resourceUsage().maxRSS / 1024 });
process.removeAllListeners('disconnect');
process.disconnect?.();
