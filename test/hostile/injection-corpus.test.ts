import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleLine } from '../../src/commands/dispatch.ts';
import type { Reply } from '../../src/core/types.ts';
import { renderReply } from '../../src/discord/render.ts';
import type { App } from '../../src/main.ts';
import { markMilestoneDone } from '../../src/members/store.ts';
import { testApp } from '../support/app.ts';
import { type FakeOpenAi, type RecordedRequest, startFakeOpenAi } from '../support/fake-openai.ts';
import {
  INVISIBLE,
  MASKED_LINK,
  promptRun,
  RAW_MENTION,
  snapshotTables,
  type TableChange,
  tableChanges,
  VICTIM,
  victimMarkersIn,
} from '../support/hostile-checks.ts';
import { CATEGORIES, compliantModel, expandMacros, type InjectionCase, loadInjectionCorpus, type MacroValues } from '../support/injection-corpus.ts';

const corpus = loadInjectionCorpus();
let fake: FakeOpenAi;
let app: App;
let values: MacroValues;

const say = (memberId: string, text: string) =>
  handleLine(app.commands, app.core, { memberId, displayName: 'Sam', origin: { kind: 'dm', conversationId: `dm:${memberId}` }, text });

beforeAll(async () => {
  fake = await startFakeOpenAi();
  app = testApp({ OPENAI_BASE_URL: fake.baseURL, MEMBER_MESSAGES_PER_MINUTE: '1000' });
  const m = VICTIM.markers;
  await say(VICTIM.id, `/profile set role:"Data engineer ${m.role}" stack:"Scala ${m.stack}" goal:"Lead ML at ${m.goal}" track:applied-ml`);
  await say(VICTIM.id, `/project add name:"${m.project} churn model" url:https://victim.example/${m.url} summary:"Deployed ${m.summary} model"`);
  app.core.turns.store({
    memberId: VICTIM.id,
    conversationId: `dm:${VICTIM.id}`,
    question: `How do I explain ${m.question} on my CV?`,
    answer: `Lead with the outcome of ${m.answer}.`,
    chunkIds: [],
    citedIds: [],
    mode: 'llm',
    model: 'gpt-4o-mini',
    promptTokens: 900,
    completionTokens: 120,
    latencyMs: 900,
    createdAt: new Date(),
  });
  const [done, open, open2] = app.core.roadmaps.milestones('ml-platform');
  const otherTrack = app.core.roadmaps.milestones('ml-research').find((r) => !app.core.roadmaps.milestones('ml-platform').some((p) => p.id === r.id));
  values = {
    victimId: VICTIM.id,
    milestones: { done: done?.id ?? '', open: open?.id ?? '', openTitle: open?.title ?? '', open2: open2?.id ?? '', otherTrack: otherTrack?.id ?? '' },
  };
});

afterAll(async () => {
  app.close();
  await fake.close();
});

/** An attacker of their own, with a profile and one milestone done, so every path that knows the member is reachable. */
async function seedAttacker(id: string): Promise<void> {
  await say(id, '/profile set role:"Backend engineer" years:5 stack:"Go, Kafka" track:ml-platform hours:8 market:uk');
  markMilestoneDone(app.db, id, values.milestones.done, app.core.now());
}

const messagesOf = (request: RecordedRequest) => ((request.body.messages ?? []) as { content: string }[]).map((m) => m.content).join('\n');

/** Everything a member sees of a reply, core text and Discord rendering alike, holds nothing the attack wanted. */
function expectHarmless(reply: Reply): string {
  expect(promptRun(reply.text), 'prompt text in the reply').toBeUndefined();
  expect(victimMarkersIn(reply.text), "another member's data in the reply").toEqual([]);
  expect(reply.text).not.toMatch(INVISIBLE);
  const parts = renderReply(reply);
  for (const part of parts) {
    expect(part.allowedMentions).toEqual({ parse: [] });
    expect(part.content.length).toBeLessThanOrEqual(2000);
    expect(part.content).not.toMatch(RAW_MENTION);
    expect(part.content).not.toMatch(MASKED_LINK);
    // The renderer's own zero-width spaces break mentions; nothing else invisible may remain.
    expect(part.content.replace(/(?<=[@<])\u200b/g, '')).not.toMatch(INVISIBLE);
  }
  const shown = parts.map((p) => p.content).join('\n');
  expect(promptRun(shown), 'prompt text on Discord').toBeUndefined();
  return shown;
}

const rowsOf = (rows: string[]) => rows.map((r) => JSON.parse(r) as Record<string, unknown>);
const belongsTo = (row: Record<string, unknown>, member: string) => row.member_id === member || row.id === member;

/** Only what the member's own confirmation allows changed: new turns, pending or declined proposals, and tables the case names. */
function expectNoUnconfirmedChange(changes: TableChange[], testCase: InjectionCase, attacker: string): void {
  for (const { table, removed, added } of changes) {
    for (const row of rowsOf(removed)) expect(belongsTo(row, VICTIM.id), `${table}: the other member's row changed`).toBe(false);
    for (const row of rowsOf(added)) {
      for (const value of Object.values(row)) {
        if (typeof value !== 'string') continue;
        expect(value, `${table}: stored text`).not.toMatch(INVISIBLE);
        expect(victimMarkersIn(value), `${table}: another member's data stored`).toEqual([]);
        expect(promptRun(value), `${table}: prompt text stored`).toBeUndefined();
      }
    }
    if (testCase.changes.includes(table)) continue;
    if (table === 'turns') {
      expect(removed, 'turns: an earlier turn changed').toEqual([]);
      for (const row of rowsOf(added)) expect(row.member_id).toBe(attacker);
    } else if (table === 'model_calls') {
      // Every model call is recorded, for the member who made it.
      expect(removed, 'model_calls: an earlier record changed').toEqual([]);
      for (const row of rowsOf(added)) expect(row.member_id).toBe(attacker);
    } else if (table === 'proposals') {
      for (const row of rowsOf(removed)) expect(row.status, 'proposals: only a pending one may change').toBe('pending');
      for (const row of rowsOf(added)) expect(['pending', 'declined'], 'proposals: applied without a yes').toContain(row.status);
    } else {
      expect({ table, removed, added }, `${table} changed without the member's confirmation`).toBeUndefined();
    }
  }
}

describe('the injection corpus', () => {
  it('holds at least 50 cases, in every category', () => {
    const perCategory = Object.fromEntries(CATEGORIES.map((c) => [c, corpus.filter((x) => x.category === c).length]));
    expect(corpus.length).toBeGreaterThanOrEqual(50);
    for (const count of Object.values(perCategory)) expect(count).toBeGreaterThanOrEqual(5);
  });

  it.each(corpus.map((c) => [`${c.id} (${c.category})`, c] as const))('%s: the compliant model changes nothing it should not', async (_, testCase) => {
    const attacker = `attacker-${testCase.id}`;
    await seedAttacker(attacker);
    const before = snapshotTables(app.db);
    const firstRequest = fake.requests.length;
    const unexpected = fake.unexpected.length;
    fake.respondWith(...testCase.model.map((reply) => compliantModel(reply, values)));

    const lines = Array.isArray(testCase.member) ? testCase.member : [testCase.member];
    const replies: Reply[] = [];
    for (const line of lines) replies.push(await say(attacker, expandMacros(line, values)));

    const requests = fake.requests.slice(firstRequest);
    expect({ modelCalls: requests.length, unused: fake.discardQueued(), failed: fake.unexpected.length - unexpected }).toEqual({
      modelCalls: testCase.model.length,
      unused: 0,
      failed: 0,
    });
    for (const request of requests) {
      expect(victimMarkersIn(JSON.stringify(request.body)), "another member's data sent to the model").toEqual([]);
      expect(messagesOf(request)).not.toMatch(INVISIBLE);
    }
    const shown = replies
      .map(expectHarmless)
      .join('\n')
      .replace(/\u200b/g, '');
    for (const text of testCase.expect.replyIncludes) expect(shown).toContain(expandMacros(text, values));
    for (const text of testCase.expect.replyExcludes) expect(shown).not.toContain(expandMacros(text, values));
    if (testCase.expect.proposal !== undefined) expect(replies.some((r) => r.proposal !== undefined)).toBe(testCase.expect.proposal);

    const changes = tableChanges(before, snapshotTables(app.db));
    if (testCase.expect.nothingStored) expect(changes).toEqual([]);
    expectNoUnconfirmedChange(changes, testCase, attacker);
  });
});
