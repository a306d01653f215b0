import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Dashboard, member, page, startDashboard } from './dashboard-support.ts';

let d: Dashboard;
beforeEach(async () => {
  d = await startDashboard();
});
afterEach(async () => {
  await d.close();
});

const metric = (text: string, name: string) => Number(text.match(new RegExp(`^${name.replace(/[{}]/g, '\\$&')} (\\S+)$`, 'm'))?.[1] ?? Number.NaN);

describe('/healthz', () => {
  it('answers 200 with the database, Discord and knowledge state when all is well, without signing in', async () => {
    const off = await page(d, '/healthz');
    expect(off.status).toBe(200);
    expect(JSON.parse(off.body)).toEqual({ db: 'ok', discord: 'off', knowledge_chunks: d.app.knowledge.chunks });
    expect(d.app.knowledge.chunks).toBeGreaterThan(0);
    d.discord.state = 'ready';
    expect(JSON.parse((await page(d, '/healthz')).body)).toEqual({ db: 'ok', discord: 'ready', knowledge_chunks: d.app.knowledge.chunks });
  });

  it('answers 503 while the gateway is connecting or the database does not answer', async () => {
    d.discord.state = 'connecting';
    const connecting = await page(d, '/healthz');
    expect(connecting.status).toBe(503);
    expect(JSON.parse(connecting.body)).toMatchObject({ db: 'ok', discord: 'connecting' });
    d.discord.state = 'off';
    d.app.db.$client.close();
    const down = await page(d, '/healthz');
    expect(down.status).toBe(503);
    expect(JSON.parse(down.body)).toEqual({ db: 'error', discord: 'off', knowledge_chunks: 0 });
  });
});

describe('/metrics', () => {
  it('counts answers by mode with their latency, in Prometheus format, with no member ids or text', async () => {
    const before = (await page(d, '/metrics')).body;
    await d.as(member('member-secret-42'), 'How long does the switch to ML engineering take?');
    await d.as(member('member-secret-42'), 'Which projects should a backend developer build first?');
    const seen = await page(d, '/metrics');
    expect(seen.status).toBe(200);
    expect(seen.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(metric(seen.body, 'pivot_answers_total{mode="offline"}') - (metric(before, 'pivot_answers_total{mode="offline"}') || 0)).toBe(2);
    expect(
      metric(seen.body, 'pivot_answer_latency_seconds_count{mode="offline"}') - (metric(before, 'pivot_answer_latency_seconds_count{mode="offline"}') || 0),
    ).toBe(2);
    for (const name of [
      'pivot_model_errors_total',
      'pivot_model_fallbacks_total',
      'pivot_inbox_backlog',
      'pivot_queue_pending',
      'pivot_process_cpu_seconds_total',
      'pivot_nodejs_heap_size_used_bytes',
    ]) {
      expect(seen.body).toMatch(new RegExp(`^${name} \\d`, 'm'));
    }
    expect(seen.body).toContain('# TYPE pivot_checkins_total counter');
    expect(seen.body).toContain('# TYPE pivot_member_queue_depth histogram');
    expect(seen.body).not.toMatch(/secret-42|switch to ML/);
  });
});

describe('/metrics counts what happens in the core', () => {
  it('counts model errors and the offline fallbacks they cause', async () => {
    const { startFakeOpenAi } = await import('../support/fake-openai.ts');
    const { handleLine } = await import('../../src/commands/dispatch.ts');
    const { testApp } = await import('../support/app.ts');
    const fake = await startFakeOpenAi();
    const app = testApp({ OPENAI_BASE_URL: fake.baseURL, MEMBER_MESSAGES_PER_MINUTE: '1000', OPENAI_TIMEOUT_MS: '2000' });
    try {
      const before = (await page(d, '/metrics')).body;
      // The SDK retries server errors; every attempt fails.
      fake.respondWith(...Array(5).fill({ status: 500 }));
      const reply = await handleLine(app.commands, app.core, {
        memberId: 'm1',
        origin: { kind: 'dm', conversationId: 'dm:m1' },
        text: 'How long does the switch to ML engineering take?',
      });
      expect(reply.mode).toBe('offline');
      fake.discardQueued();
      const after = (await page(d, '/metrics')).body;
      expect(metric(after, 'pivot_model_errors_total') - metric(before, 'pivot_model_errors_total')).toBe(1);
      expect(metric(after, 'pivot_model_fallbacks_total') - metric(before, 'pivot_model_fallbacks_total')).toBe(1);
    } finally {
      app.close();
      await fake.close();
    }
  });

  it('counts check-ins sent and failed', async () => {
    const { runWeeklyTick } = await import('../../src/planner/weekly.ts');
    d.clock.now = Date.parse('2026-11-30T09:05:00Z');
    for (const id of ['ava', 'bo']) {
      await d.as(member(id), '/profile set track:ml-platform timezone:Europe/London');
      await d.as(member(id), '/checkin on day:monday time:09:00');
    }
    const before = (await page(d, '/metrics')).body;
    const report = await runWeeklyTick(
      d.app.core,
      { deliver: async (m) => (m.memberId === 'ava' ? 'sent' : 'failed'), post: async () => 'sent' },
      new Date(d.clock.now),
      { retryDelaysMs: [] },
    );
    expect(report.sent.map((s) => s.member)).toEqual(['ava']);
    const after = (await page(d, '/metrics')).body;
    const delta = (name: string) => metric(after, name) - (metric(before, name) || 0);
    expect(delta('pivot_checkins_total{outcome="sent"}')).toBe(1);
    expect(delta('pivot_checkins_total{outcome="failed"}')).toBe(1);
  });
});
