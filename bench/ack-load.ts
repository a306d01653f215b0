// /ask acknowledgements as members see them: from the interaction leaving (the loopback) Discord to the bot's
// deferral arriving back, measured on Discord's side, with a few members asking at once.
import type { FakeDiscord } from '../test/support/fake-discord.ts';
import { allQuestions, memberId } from './support.ts';

export type AckLoad = { interactions: number; concurrent: number; warmUp: number; members: number };

const REPLY_TIMEOUT_MS = 10_000;

/** Rounds of `concurrent` /ask interactions; each round waits for its answers before the next. */
export async function timeAcks(fake: FakeDiscord, load: AckLoad): Promise<{ samples: number[]; replied: number }> {
  const questions = allQuestions();
  const samples: number[] = [];
  let replied = 0;
  const total = load.warmUp + load.interactions;
  for (let first = 0; first < total; first += load.concurrent) {
    const round = Array.from({ length: Math.min(load.concurrent, total - first) }, (_, k) => first + k);
    await Promise.all(
      round.map(async (i) => {
        const member = memberId((i * 7919) % load.members);
        const sent = Date.now();
        const { id, token } = await fake.sendInteraction({
          userId: member,
          username: `member${i}`,
          command: 'ask',
          options: { question: questions[i % questions.length] ?? 'How long does the switch take?' },
        });
        const ack = await fake.waitForCall((c) => c.path === `/interactions/${id}/${token}/callback`, REPLY_TIMEOUT_MS);
        const answered = await fake
          .waitForCall(
            (c) => c.method === 'PATCH' && c.path.includes(token) && String((c.body as { content?: string }).content ?? '').length > 0,
            REPLY_TIMEOUT_MS,
          )
          .then(() => true)
          .catch(() => false);
        if (i < load.warmUp) return;
        samples.push(ack.at - sent);
        if (answered) replied++;
      }),
    );
  }
  return { samples, replied };
}
