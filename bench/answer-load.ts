// The core's overhead per answer and the knowledge search, timed inside the bot's process against the dataset.
import { handleLine } from '../src/commands/dispatch.ts';
import type { Inbound } from '../src/core/types.ts';
import { retrieve } from '../src/knowledge/search.ts';
import type { App } from '../src/main.ts';
import { skewedMember } from './dataset-rows.ts';
import type { InstantModel } from './instant-model.ts';
import { allQuestions, dmConversation, memberId, seededRandom } from './support.ts';

export type AnswerLoad = { members: number; warmUp: number; timed: number };

/** Most messages continue the member's DM, which has history; the rest open a new thread. */
const CONTINUE_DM_SHARE = 2 / 3;

/**
 * One message a member might send: skewed towards the dataset's busiest members, so their long histories and
 * today's quota rows are what the queries walk.
 */
function messages(load: AnswerLoad, seed: number): (i: number) => Inbound {
  const rnd = seededRandom(seed);
  const questions = allQuestions();
  return (i) => {
    const m = skewedMember(load.members, rnd());
    const conversationId = rnd() < CONTINUE_DM_SHARE ? dmConversation(m) : `thread:7${String(seed * 1_000_000 + i).padStart(17, '0')}`;
    return { memberId: memberId(m), origin: { kind: 'dm', conversationId }, text: questions[i % questions.length] ?? '' };
  };
}

/**
 * Times `handleLine` (what a DM or terminal line goes through: pending confirmations, practice, onboarding, the
 * answer pipeline, the closed-DM notice) with the instant model. Returns the samples; the prompts the timed calls
 * sent go to `takePrompts` every `batch` answers, outside the timing, so the benchmark's bookkeeping does not pile
 * up in the bot's memory.
 */
export async function timeAnswers(
  app: App,
  model: InstantModel,
  load: AnswerLoad,
  takePrompts: (prompts: string[][]) => Promise<void>,
  batch = 50,
): Promise<{ samples: number[]; cpuMsPerAnswer: number }> {
  const warm = messages(load, 1);
  for (let i = 0; i < load.warmUp; i++) await handleLine(app.commands, app.core, warm(i));
  model.sent.length = 0;
  const next = messages(load, 2);
  const samples: number[] = [];
  // CPU time is less disturbed than wall time by other work on the machine; only its mean is meaningful.
  let cpuMs = 0;
  const handOver = () => takePrompts(model.sent.splice(0).map((call) => call.map((m) => m.content)));
  for (let i = 0; i < load.timed; i++) {
    const inbound = next(i);
    const cpuBefore = process.cpuUsage();
    const start = performance.now();
    await handleLine(app.commands, app.core, inbound);
    samples.push(performance.now() - start);
    const cpu = process.cpuUsage(cpuBefore);
    cpuMs += (cpu.user + cpu.system) / 1000;
    if ((i + 1) % batch === 0) await handOver();
  }
  if (model.sent.length > 0) await handOver();
  return { samples, cpuMsPerAnswer: cpuMs / Math.max(1, load.timed) };
}

/** Knowledge search as the answer runs it (top 5), over every labelled question, `passes` times. */
export function timeRetrieval(app: App, passes: number): number[] {
  const questions = allQuestions();
  const samples: number[] = [];
  for (let pass = 0; pass < passes; pass++) {
    for (const question of questions) {
      const start = performance.now();
      retrieve(app.db, question, 5);
      samples.push(performance.now() - start);
    }
  }
  return samples;
}
