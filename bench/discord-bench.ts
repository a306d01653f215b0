// The Discord adapter against the loopback Discord: time from start to ready,
// acknowledgement latency of /ask over 200 interactions, and replies lost.
import { parseConfig } from '../src/config.ts';
import { startBot } from '../src/discord/bot.ts';
import { createLogger } from '../src/log.ts';
import { createApp } from '../src/main.ts';
import { startFakeDiscord } from '../test/support/fake-discord.ts';
import { fixtureQuestions } from './support.ts';

const INTERACTIONS = 200;
const CONCURRENT_MEMBERS = 10;

const questions = fixtureQuestions();

const fake = await startFakeDiscord();
const app = createApp({
  config: parseConfig({ DATABASE_PATH: ':memory:', LOG_LEVEL: 'silent', MEMBER_MESSAGES_PER_MINUTE: '1000' }),
  log: createLogger('silent'),
  llm: null,
});
const started = performance.now();
const bot = await startBot(app, { token: fake.token, appId: fake.appId, apiURL: fake.apiURL, coachChannelIds: undefined });
const readyMs = performance.now() - started;

const acks: number[] = [];
let delivered = 0;
for (let round = 0; round < INTERACTIONS / CONCURRENT_MEMBERS; round++) {
  await Promise.all(
    Array.from({ length: CONCURRENT_MEMBERS }, async (_, m) => {
      const i = round * CONCURRENT_MEMBERS + m;
      const sent = Date.now();
      const { id, token } = await fake.sendInteraction({
        userId: `${800000 + m}`,
        username: `member${m}`,
        command: 'ask',
        options: { question: questions[i % questions.length] ?? 'How long does the switch take?' },
      });
      const ack = await fake.waitForCall((c) => c.path === `/interactions/${id}/${token}/callback`, 10_000);
      acks.push(ack.at - sent);
      const edit = await fake.waitForCall(
        (c) => c.method === 'PATCH' && c.path.includes(token) && String((c.body as { content?: string }).content ?? '').length > 0,
        10_000,
      );
      if (edit) delivered++;
    }),
  );
}
acks.sort((a, b) => a - b);
const at = (q: number) => acks[Math.min(acks.length - 1, Math.floor(q * acks.length))] ?? 0;
console.log(`discord: start to ready ${readyMs.toFixed(0)} ms`);
console.log(`/ask acknowledgement over ${INTERACTIONS} interactions: p50 ${at(0.5)} ms  p99 ${at(0.99)} ms  max ${acks.at(-1)} ms`);
console.log(`replies delivered ${delivered}/${INTERACTIONS}, lost ${INTERACTIONS - delivered}`);
await bot.stop(5000);
app.close();
await fake.close();
