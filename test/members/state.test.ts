import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handleLine } from '../../src/commands/dispatch.ts';
import type { Inbound } from '../../src/core/types.ts';
import type { App } from '../../src/main.ts';
import { effectiveHours, scaleWeeks, transitionView } from '../../src/members/progress.ts';
import { loadRoadmaps, RoadmapError } from '../../src/members/roadmap.ts';
import { getMember } from '../../src/members/store.ts';
import { inbound, testApp } from '../support/app.ts';

let app: App;
beforeEach(() => {
  app = testApp({ MEMBER_MESSAGES_PER_MINUTE: '1000' }, { llm: null });
});
afterEach(() => app.close());

const say = async (text: string, memberId = 'm1', conversationId = `dm:${memberId}`) =>
  (await handleLine(app.commands, app.core, inbound(text, memberId, conversationId) as Inbound)).text;
const profileOf = (memberId = 'm1') => getMember(app.db, memberId)?.profile;

describe('profile', () => {
  it('sets only the fields given, and shows them', async () => {
    await say('/profile set role:"Backend engineer" years:6 stack:"Go, PostgreSQL" track:ml-platform hours:8 market:uk timezone:Europe/London');
    await say('/profile set hours:12');
    expect(profileOf()).toMatchObject({
      role: 'Backend engineer',
      years: 6,
      stack: 'Go, PostgreSQL',
      track: 'ml-platform',
      hours: 12,
      market: 'uk',
      timezone: 'Europe/London',
      target: null,
    });
    expect(await say('/profile show')).toContain('stack: Go, PostgreSQL');
  });

  it.each([
    ['years:-3', /years: must be a whole number from 0 to 50/],
    ['years:abc', /years: must be a whole number from 0 to 50/],
    ['timezone:Mars/Base', /timezone: must be an IANA timezone/],
    ['track:unknown', /track: must be one of ml-platform, applied-ml, ml-research/],
    ['hours:500', /hours: must be a whole number from 1 to 80/],
    ['market:mars', /market: must be one of uk, us, eu, remote-eu, other/],
    ['target:2027-13', /target: must be a month as YYYY-MM/],
  ])('rejects %s with a clear message and changes nothing', async (option, message) => {
    await say('/profile set years:6 hours:8 track:applied-ml');
    const before = profileOf();
    expect(await say(`/profile set role:"Data engineer" ${option}`)).toMatch(message);
    expect(profileOf()).toEqual(before);
  });
});

describe('onboarding', () => {
  it('is offered once after the first answer, never imposed', async () => {
    expect(await say('How long does the switch take?')).toContain('/profile setup');
    expect(await say('What do ML engineers earn in the UK?')).not.toContain('/profile setup');
  });

  it('leaves an answer ending with another next step as it is, and offers set-up with a later answer', async () => {
    const cv = await say('How long should my CV be?', 'cv-first');
    expect(cv.trimEnd().split('\n').at(-1)).toMatch(/^Next step: paste a CV line into \/resume rewrite/);
    expect(cv).not.toContain('/profile setup');
    expect(await say('How long does the switch take?', 'cv-first')).toContain('/profile setup');
  });

  it('asks question by question, can be paused and resumed, and never eats a /command', async () => {
    expect(await say('/profile setup')).toMatch(/current role/);
    expect(await say('Senior backend engineer')).toMatch(/years of experience/);
    expect(await say('forty')).toMatch(/years: must be a whole number/);
    expect(await say('/profile show')).toContain('role: Senior backend engineer');
    expect(await say('stop')).toMatch(/Paused/);
    expect(await say('How long does the switch take?')).toMatch(/guides/);
    expect(await say('/profile setup')).toMatch(/years of experience/);
    expect(await say('7')).toMatch(/stack/);
    expect(await say('skip')).toMatch(/track/);
    expect(await say('ml-platform')).toMatch(/hours a week/);
    expect(profileOf()).toMatchObject({ role: 'Senior backend engineer', years: 7, stack: null, track: 'ml-platform' });
  });
});

describe('roadmaps', () => {
  it('loads the shipped roadmaps for every track with unique milestone ids', () => {
    for (const track of ['ml-platform', 'applied-ml', 'ml-research'] as const) {
      const milestones = app.core.roadmaps.milestones(track);
      expect(milestones.length).toBeGreaterThanOrEqual(10);
      for (const m of milestones) expect(m.sources.length).toBeGreaterThan(0);
    }
  });

  it('names the file and the path of a broken roadmap', () => {
    const dir = mkdtempSync(join(tmpdir(), 'roadmaps-'));
    const good = JSON.parse(readFileSync(new URL('../../knowledge/roadmaps/ml-platform.json', import.meta.url), 'utf8'));
    good.phases[1].milestones[0].weeks = 'six';
    writeFileSync(join(dir, 'ml-platform.json'), JSON.stringify(good));
    expect(() => loadRoadmaps(dir)).toThrow(RoadmapError);
    expect(() => loadRoadmaps(dir)).toThrow(/roadmaps\/ml-platform\.json at phases\[1\]\.milestones\[0\]\.weeks/);
  });

  it('scales the timeline with study hours, with diminishing returns past 25 a week', async () => {
    expect(scaleWeeks(30, 10, 20)).toBe(15);
    expect(scaleWeeks(30, 10, 5)).toBe(60);
    expect(effectiveHours(25)).toBe(25);
    expect(effectiveHours(45)).toBe(35);
    const now = Date.parse('2026-11-23T00:00:00Z');
    const base = { role: null, years: null, stack: null, track: 'ml-platform' as const, market: null, timezone: null, goal: null };
    const roadmap = app.core.roadmaps.byTrack.get('ml-platform');
    const learning =
      roadmap?.phases
        .filter((p) => p.stage === 'learning')
        .flatMap((p) => p.milestones)
        .reduce((n, m) => n + m.weeks, 0) ?? 0;
    const search =
      roadmap?.phases
        .filter((p) => p.stage === 'job-search')
        .flatMap((p) => p.milestones)
        .reduce((n, m) => n + m.weeks, 0) ?? 0;
    const baseline = roadmap?.baselineHoursPerWeek ?? 10;
    const slow = transitionView(app.core.roadmaps, { ...base, hours: baseline, target: '2030-01' }, new Map(), now);
    const fast = transitionView(app.core.roadmaps, { ...base, hours: baseline * 2, target: '2027-01' }, new Map(), now);
    expect(slow?.readyWeeks).toBe(learning);
    expect(slow?.searchWeeks).toBe(search);
    expect(slow?.remainingWeeks).toBe(learning + search);
    expect(fast?.readyWeeks).toBe(Math.ceil(learning / 2));
    expect(slow?.weeksAheadOfTarget).toBeGreaterThan(0);
    expect(fast?.weeksAheadOfTarget).toBeLessThan(0);
  });

  it.each(['ml-platform', 'applied-ml', 'ml-research'] as const)('never projects %s faster than the fastest guide figure for each stage', (track) => {
    const now = Date.parse('2026-11-23T00:00:00Z');
    const roadmap = app.core.roadmaps.byTrack.get(track);
    if (!roadmap) throw new Error(`no roadmap for ${track}`);
    for (const hours of [40, 80]) {
      const view = transitionView(
        app.core.roadmaps,
        { role: null, years: null, stack: null, track, market: null, timezone: null, goal: null, hours, target: null },
        new Map(),
        now,
      );
      expect(view?.readyWeeks).toBeGreaterThanOrEqual(roadmap.fastest.ready.weeks);
      expect(view?.searchWeeks).toBeGreaterThanOrEqual(roadmap.fastest.search.weeks);
    }
  });
});

describe('/plan, /done, /undo, /progress, /project', () => {
  it("shows ready to apply and the job search apart, at the guides' fastest for 40 and 80 h/week", async () => {
    for (const hours of [40, 80]) {
      await say(`/profile set track:ml-platform hours:${hours}`);
      const plan = await say('/plan');
      expect(plan).toMatch(/Ready to apply: \w+ \d{4} \(13 weeks of learning at your \d+ h\/week; no guide gets there faster \(ml-2026\)\)/);
      expect(plan).toMatch(/Then the job search: about 8 weeks \(transition-4phase; uk-guide warns it often takes longer\), so a role around \w+ \d{4}\./);
      expect(plan).not.toContain('Projected finish');
    }
  });

  it("shows milestone durations at the member's own hours", async () => {
    await say('/profile set track:ml-platform hours:2');
    const stack = app.core.roadmaps.milestone('plat-python-ml-stack');
    expect(stack?.weeks).toBe(2);
    const plan = await say('/plan');
    expect(plan).toContain(`${stack?.title} (10 wk at 2 h/week`);
    expect(plan).not.toContain(`${stack?.title} (2 wk`);
  });

  it('says more hours will not help when the plan is already at the fastest pace', async () => {
    const soon = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 7);
    await say(`/profile set track:ml-platform hours:60 target:${soon}`);
    expect(await say('/plan')).toMatch(/more hours a week would not close the gap/);
  });

  it('marks milestones done by id or unique prefix, and undoes the last change', async () => {
    await say('/profile set track:ml-platform hours:10');
    const first = app.core.roadmaps.milestones('ml-platform')[0];
    const second = app.core.roadmaps.milestones('ml-platform')[1];
    expect(await say('/plan')).toContain(`\`${first?.id}\``);
    expect(await say(`/done item:${first?.id}`)).toContain(`Done: ${first?.title}`);
    expect(await say(`/done item:${second?.id.slice(0, -2)}`)).toMatch(/Done: |matches/);
    expect(await say('/done item:plat-')).toMatch(/matches \d+ milestones/);
    expect(await say('/done item:nonsense')).toMatch(/No milestone "nonsense"/);
    const progress = await say('/progress');
    expect(progress).toMatch(/Overall +█+░+ \d+% \(2\/\d+\)|Overall +█*░+ \d+% \(2\/\d+\)/);
    expect(await say('/undo')).toMatch(/is open again/);
    expect(await say('/progress')).toMatch(/\(1\/\d+\)/);
    expect(await say('/undo')).toMatch(/is open again/);
    expect(await say('/undo')).toMatch(/restored/);
    expect(profileOf()?.track).toBeNull();
    expect(await say('/undo')).toBe('Nothing to undo.');
  });

  it('keeps a portfolio and validates links', async () => {
    expect(await say('/project add name:"Churn service" url:ftp://nope')).toMatch(/url: must be a link/);
    await say('/project add name:"Churn service" url:https://github.com/me/churn summary:"FastAPI + monitoring"');
    expect(await say('/project list')).toContain('**Churn service** <https://github.com/me/churn>: FastAPI + monitoring');
  });

  it('stores a project and its undo entry, and /undo removes the project', async () => {
    const at = Date.UTC(2026, 2, 2, 9, 30);
    const fixed = testApp({ MEMBER_MESSAGES_PER_MINUTE: '1000' }, { llm: null, now: () => at });
    try {
      const run = async (text: string) => (await handleLine(fixed.commands, fixed.core, inbound(text, 'm1', 'dm:m1') as Inbound)).text;
      await run('/project add name:"Churn service" url:https://github.com/me/churn summary:"FastAPI + monitoring"');
      await run('/project add name:"Feature store"');
      const rows = (sql: string) => fixed.db.$client.prepare(sql).all();
      expect(rows('SELECT id, member_id, name, url, summary, created_at FROM projects ORDER BY id')).toEqual([
        { id: 1, member_id: 'm1', name: 'Churn service', url: 'https://github.com/me/churn', summary: 'FastAPI + monitoring', created_at: at },
        { id: 2, member_id: 'm1', name: 'Feature store', url: null, summary: null, created_at: at },
      ]);
      expect(rows('SELECT member_id, kind, undo, undone_at, created_at FROM state_changes ORDER BY id')).toEqual([
        { member_id: 'm1', kind: 'project-add', undo: '{"projectId":1}', undone_at: null, created_at: at },
        { member_id: 'm1', kind: 'project-add', undo: '{"projectId":2}', undone_at: null, created_at: at },
      ]);
      expect(await run('/undo')).toMatch(/Feature store/);
      expect(rows('SELECT name FROM projects')).toEqual([{ name: 'Churn service' }]);
      expect(rows('SELECT undone_at FROM state_changes ORDER BY id')).toEqual([{ undone_at: null }, { undone_at: at }]);
      expect(await run('/project list')).toContain('**Churn service**');
      expect(await run('/project list')).not.toContain('Feature store');
    } finally {
      fixed.close();
    }
  });

  it('stores milestones done with their time, and /undo reopens them', async () => {
    const at = Date.UTC(2026, 2, 2, 9, 30);
    const fixed = testApp({ MEMBER_MESSAGES_PER_MINUTE: '1000' }, { llm: null, now: () => at });
    try {
      const run = async (text: string) => (await handleLine(fixed.commands, fixed.core, inbound(text, 'm1', 'dm:m1') as Inbound)).text;
      const first = fixed.core.roadmaps.milestones('ml-platform')[0];
      await run('/profile set track:ml-platform');
      await run(`/done item:${first?.id}`);
      expect(await run(`/done item:${first?.id}`)).toMatch(/already/i);
      const rows = (sql: string) => fixed.db.$client.prepare(sql).all();
      expect(rows('SELECT member_id, milestone_id, done_at FROM milestone_progress')).toEqual([{ member_id: 'm1', milestone_id: first?.id, done_at: at }]);
      expect(rows('SELECT kind, undo FROM state_changes ORDER BY id')).toEqual([
        { kind: 'profile', undo: '{"track":null}' },
        { kind: 'milestone-done', undo: JSON.stringify({ milestoneId: first?.id }) },
      ]);
      expect(await run('/undo')).toMatch(/is open again/);
      expect(rows('SELECT * FROM milestone_progress')).toEqual([]);
    } finally {
      fixed.close();
    }
  });

  it('asks for a track before planning', async () => {
    expect(await say('/plan', 'fresh')).toMatch(/track first/);
  });
});

describe('/forget', () => {
  it('erases everything about the member only after confirmation, and leaves others alone', async () => {
    await say('/profile set track:ml-platform timezone:Europe/London');
    await say('/checkin on day:monday time:09:00');
    await say('How long does the switch take?');
    await say('/profile set track:applied-ml', 'other');
    expect(await say('/forget')).toMatch(/erases everything I store about you \(\d+ records/);
    expect(profileOf()?.track).toBe('ml-platform');
    expect(await say('/forget confirm:yes')).toMatch(/erased everything/);
    expect(profileOf()).toBeUndefined();
    for (const table of ['turns', 'checkin_schedules', 'state_changes']) {
      expect(app.db.$client.prepare(`SELECT count(*) AS n FROM ${table} WHERE member_id = 'm1'`).get()).toEqual({ n: 0 });
    }
    expect(profileOf('other')?.track).toBe('applied-ml');
  });
});
