// `npm run bench`: every figure the product's targets name, measured against a dataset of stored members and turns.
// The runner plays Discord and the members; the bot runs in its own process (see bot-process.ts).
// Exit codes: 0 every target met, 1 a target missed, 2 bad flags, 3 the benchmark itself failed.
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { type FakeDiscord, startFakeDiscord } from '../test/support/fake-discord.ts';
import { type AckLoad, timeAcks } from './ack-load.ts';
import type { AnswerLoad } from './answer-load.ts';
import { type BotProcess, compileBotProcess, startBotProcess } from './bot-protocol.ts';
import { countCheckins } from './checkin-count.ts';
import { ensureDataset, FULL_DATASET, QUICK_DATASET, removeWorkingCopy, workingCopy } from './dataset.ts';
import type { DatasetSpec } from './dataset-rows.ts';
import { ENCODING, promptTokens } from './prompt-tokens.ts';
import { allMet, type Figures, formatTable, rows } from './report.ts';
import { percentiles, round } from './support.ts';

type Plan = {
  dataset: DatasetSpec;
  answers: Omit<AnswerLoad, 'members'>;
  retrievalPasses: number;
  acks: Omit<AckLoad, 'members'>;
  checkins: number;
};

const PLANS: Record<'full' | 'quick', Plan> = {
  full: {
    dataset: FULL_DATASET,
    answers: { warmUp: 100, timed: 2_000 },
    retrievalPasses: 10,
    acks: { interactions: 500, concurrent: 10, warmUp: 10 },
    checkins: 10_000,
  },
  quick: {
    dataset: QUICK_DATASET,
    answers: { warmUp: 50, timed: 1_000 },
    retrievalPasses: 5,
    acks: { interactions: 200, concurrent: 10, warmUp: 10 },
    checkins: 300,
  },
};

/** Discord's global limit for a bot; the loopback Discord answers calls over it with 429. */
const REST_PER_SECOND = 50;
const CHECKIN_CONCURRENCY = 50;
const USAGE = 'Usage: npm run --silent bench -- [--quick] [--json]';

const runStarted = performance.now();
const say = (line: string) => process.stderr.write(`[${((performance.now() - runStarted) / 1000).toFixed(1)} s] ${line}\n`);

async function measure(plan: Plan): Promise<{ figures: Figures; notes: string[] }> {
  const loadBefore = loadavg()[0] ?? 0;
  const dataset = ensureDataset(plan.dataset);
  say('dataset: copying for this run');
  const copy = workingCopy(dataset);
  const fakes: FakeDiscord[] = [];
  let bot: BotProcess | undefined;
  try {
    const discord = await startFakeDiscord();
    fakes.push(discord);
    say('bot: compiling it to JavaScript, as the Docker image runs it');
    const entry = compileBotProcess();
    say('bot: starting its process against the loopback Discord');
    bot = startBotProcess(entry, { databasePath: copy, discord: { token: discord.token, appId: discord.appId, apiURL: discord.apiURL } });
    const ready = await bot.next('ready', 60_000);

    say(`acks: ${plan.acks.interactions} /ask interactions, ${plan.acks.concurrent} members at a time`);
    const acks = await timeAcks(discord, { ...plan.acks, members: plan.dataset.members });

    say(`answers: ${plan.answers.timed} timed messages after ${plan.answers.warmUp} warm-up`);
    bot.send({ kind: 'answers', load: { ...plan.answers, members: plan.dataset.members }, retrievalPasses: plan.retrievalPasses });
    const answers = await bot.next('answers', 600_000);
    const prompts: string[][] = [];
    for (let batch = 0; batch < answers.promptBatches; batch++) prompts.push(...(await bot.next('prompts', 60_000)).prompts);

    const limited = await startFakeDiscord({ rateLimit: { perSecond: REST_PER_SECOND } });
    fakes.push(limited);
    say(`check-ins: ${plan.checkins.toLocaleString('en-GB')} due, loopback Discord limited to ${REST_PER_SECOND} REST calls/s`);
    bot.send({
      kind: 'checkins',
      discord: { token: limited.token, appId: limited.appId, apiURL: limited.apiURL },
      members: plan.checkins,
      concurrency: CHECKIN_CONCURRENCY,
    });
    const checkins = await bot.next('checkins', 30 * 60_000);
    const received = countCheckins(limited, plan.checkins);
    const { peakRssMb } = await bot.next('done', 60_000);
    await bot.exited;

    say(`prompt tokens: counting with ${ENCODING}`);
    const tokens = percentiles(promptTokens(prompts));
    const retrieval = percentiles(answers.retrieval);
    const overhead = percentiles(answers.answers);
    const ack = percentiles(acks.samples);
    const figures: Figures = {
      retrieval_ms: { p50: round(retrieval.p50, 2), p99: round(retrieval.p99, 2) },
      answer_overhead_ms: { p50: round(overhead.p50, 2), p99: round(overhead.p99, 2) },
      prompt_tokens: { mean: round(tokens.mean), max: tokens.max },
      ack_ms: { p50: ack.p50, p99: ack.p99 },
      checkins: {
        members: plan.checkins,
        seconds: round(checkins.ms / 1000, 1),
        lost: received.lost,
        duplicated: received.duplicated,
        rate_limited: limited.rateLimited(),
      },
      rss_mb: round(peakRssMb, 1),
      ready_ms: round(ready.readyMs),
    };
    const n = (value: number) => Math.round(value).toLocaleString('en-GB');
    const notes = [
      `dataset: ${n(plan.dataset.members)} members, ${n(plan.dataset.turns)} turns`,
      // Other work on the machine stretches the tails; the load average says how much there was.
      `machine: ${availableParallelism()} cores, load average ${loadBefore.toFixed(1)} at the start, ${(loadavg()[0] ?? 0).toFixed(1)} at the end`,
      `start to ready: loading the code ${n(ready.importMs)} ms, opening the app ${n(ready.appMs)} ms, Discord login to ready ${n(ready.loginMs)} ms`,
      `bot's RSS: ${ready.startRssMb.toFixed(1)} MB before loading the app (Node itself), ` +
        `${ready.rssMb.toFixed(1)} MB when ready, ${answers.rssMb.toFixed(1)} MB after the answers, ${checkins.rssMb.toFixed(1)} MB after the check-ins`,
      `answers: mean ${overhead.mean.toFixed(2)} ms (CPU ${answers.cpuMsPerAnswer.toFixed(2)} ms), max ${overhead.max.toFixed(2)} ms over ${n(overhead.count)}; ` +
        `retrieval max ${retrieval.max.toFixed(2)} ms over ${n(retrieval.count)}`,
      `prompt tokens (${ENCODING}) over ${n(tokens.count)} model calls`,
      `/ask: ${acks.replied}/${acks.samples.length} answered; ack max ${n(ack.max)} ms`,
      `check-ins: tick reported ${n(checkins.sent)} sent, ${n(checkins.failed)} failed, ${n(checkins.skipped)} missed; ${n(received.unexpected)} sent to members who were not due`,
    ];
    return { figures, notes };
  } finally {
    bot?.stop();
    await bot?.exited;
    for (const fake of fakes) await fake.close();
    removeWorkingCopy(copy);
  }
}

async function main(argv: string[]): Promise<number> {
  let flags: { json?: boolean; quick?: boolean; help?: boolean };
  try {
    flags = parseArgs({ args: argv, options: { json: { type: 'boolean' }, quick: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } }).values;
  } catch (error) {
    say(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (flags.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const { figures, notes } = await measure(PLANS[flags.quick ? 'quick' : 'full']);
  const table = rows(figures);
  say('benchmark finished');
  const readable = `\n${formatTable(table)}\n\n${notes.map((line) => `  ${line}`).join('\n')}\n`;
  // With --json the table still goes to stderr, for whoever watches the run.
  if (flags.json) {
    process.stderr.write(readable);
    process.stdout.write(`${JSON.stringify(figures)}\n`);
  } else process.stdout.write(readable);
  return allMet(table) ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    say(`benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exitCode = 3;
  },
);
