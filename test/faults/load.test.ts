import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureQuestions, percentiles, seededRandom } from '../../bench/support.ts';
import { CLARIFY_TEXT, NOT_A_QUESTION_TEXT, NOTHING_MORE_TEXT } from '../../src/answer/route.ts';
import { SMALL_TALK_REPLIES } from '../../src/answer/small-talk.ts';
import { type Bot, startBot } from '../../src/discord/bot.ts';
import { testApp } from '../support/app.ts';
import { tempDir } from '../support/cli.ts';
import { startFakeDiscord } from '../support/fake-discord.ts';
import { pause } from '../support/wait.ts';

// 200 members DM the bot at once, continuously, through the loopback Discord. LOAD_SECONDS shortens the run
// (default 60). Every message must be answered exactly once, each member's answers in the order they asked.

const SECONDS = Number(process.env.LOAD_SECONDS ?? 60);
const MEMBERS = 200;
/** Each member sends a message about every MEAN_GAP_MS (jittered), and now and then two in a row. */
const MEAN_GAP_MS = 8000;
const BURST_CHANCE = 0.15;
const DRAIN_MS = 60_000;

const QUESTIONS = fixtureQuestions();
/** Replies in character to small talk, or asking what a line follows: by design they store no turn. */
const UNSTORED_REPLIES = new Set<string>([...Object.values(SMALL_TALK_REPLIES), CLARIFY_TEXT, NOT_A_QUESTION_TEXT, NOTHING_MORE_TEXT]);

type Sent = { id: string; member: string; seq: number; at: number };

describe('load', () => {
  it(
    `${MEMBERS} members messaging at once for ${SECONDS} s: every message answered exactly once, in order per member`,
    async () => {
      const fake = await startFakeDiscord();
      const app = testApp({ DATABASE_PATH: join(tempDir(), 'load.db'), MEMBER_MESSAGES_PER_MINUTE: '1000' }, { llm: null });
      let bot: Bot | undefined;
      try {
        bot = await startBot(app, { token: fake.token, appId: fake.appId, apiURL: fake.apiURL, coachChannelIds: undefined });
        const sent: Sent[] = [];
        const random = seededRandom(42);
        const started = Date.now();
        const endAt = started + SECONDS * 1000;
        const send = async (member: string, seq: number) => {
          const question = QUESTIONS[(Number(member.slice(-3)) + seq) % QUESTIONS.length] ?? '';
          const at = Date.now();
          const id = await fake.sendDirectMessage({ userId: member, username: `m${member.slice(-3)}`, content: `#${seq} ${question}` });
          sent.push({ id, member, seq, at });
        };
        await Promise.all(
          Array.from({ length: MEMBERS }, async (_, i) => {
            const member = `95000000000000${String(i).padStart(4, '0')}`;
            await pause(Math.min(random() * MEAN_GAP_MS, endAt - Date.now()));
            for (let seq = 0; Date.now() < endAt; ) {
              await send(member, seq++);
              if (random() < BURST_CHANCE) await send(member, seq++);
              await pause(Math.min(MEAN_GAP_MS * (0.5 + random()), endAt - Date.now()));
            }
          }),
        );

        const replies = () => fake.calls.filter((c) => c.method === 'POST' && /^\/channels\/\d+\/messages$/.test(c.path) && c.status === 200);
        const drainUntil = Date.now() + DRAIN_MS;
        while (new Set(replies().map((c) => referenceOf(c.body))).size < sent.length && Date.now() < drainUntil) await pause(200);

        // The member's view: the bot's messages, each mapped by its message_reference to the message it answers.
        const answers = fake.botMessages().filter((m) => m.via === 'channel');
        const answersTo = new Map<string, number>();
        for (const m of answers) answersTo.set(m.referencedMessageId ?? '', (answersTo.get(m.referencedMessageId ?? '') ?? 0) + 1);
        const unanswered = sent.filter((s) => !answersTo.has(s.id));
        const twice = sent.filter((s) => (answersTo.get(s.id) ?? 0) > 1);
        const strays = answers.filter((m) => !sent.some((s) => s.id === m.referencedMessageId));

        const bySent = new Map(sent.map((s) => [s.id, s]));
        const outOfOrder: string[] = [];
        const lastSeq = new Map<string, number>();
        for (const m of answers) {
          const asked = bySent.get(m.referencedMessageId ?? '');
          if (!asked) continue;
          if ((lastSeq.get(asked.member) ?? -1) > asked.seq) outOfOrder.push(`${asked.member}#${asked.seq}`);
          lastSeq.set(asked.member, asked.seq);
        }

        // Acknowledgement: from the message's dispatch to the first REST call of its reply.
        const firstReplyCall = new Map<string, number>();
        for (const call of replies()) {
          const ref = referenceOf(call.body);
          if (ref && !firstReplyCall.has(ref)) firstReplyCall.set(ref, call.at);
        }
        const acks = percentiles(sent.map((s) => (firstReplyCall.get(s.id) ?? Number.NaN) - s.at).filter((ms) => Number.isFinite(ms)));
        const stored = app.db.$client.prepare('SELECT count(*) AS n FROM turns').get() as { n: number };
        const unstored = answers.filter((m) => UNSTORED_REPLIES.has(m.content)).length;
        console.log(
          `load: ${MEMBERS} members, ${SECONDS} s: ${sent.length} messages sent (${(sent.length / SECONDS).toFixed(1)}/s), ` +
            `${sent.length - unanswered.length} answered, ${twice.length} answered twice, ${outOfOrder.length} out of order; ` +
            `acknowledgement p50 ${acks.p50} ms, p99 ${acks.p99} ms, max ${acks.max} ms; ` +
            `turns stored ${stored.n} (${unstored} small talk or clarifications, stored by design as none); REST calls ${fake.calls.length}`,
        );

        expect(unanswered.map((s) => `${s.member}#${s.seq}`)).toEqual([]);
        expect(twice.map((s) => `${s.member}#${s.seq}`)).toEqual([]);
        expect(strays).toEqual([]);
        expect(outOfOrder).toEqual([]);
        // Every question answered is stored, apart from small talk and requests to clarify.
        expect(unstored).toBeLessThan(sent.length / 10);
        expect(stored.n).toBe(sent.length - unstored);
      } finally {
        await bot?.stop(5000);
        app.close();
        await fake.close();
      }
    },
    (SECONDS + 150) * 1000,
  );
});

function referenceOf(body: unknown): string | undefined {
  const reference = (body as { message_reference?: { message_id?: string } } | undefined)?.message_reference;
  return reference?.message_id;
}
