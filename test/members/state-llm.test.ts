import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { handleLine } from '../../src/commands/dispatch.ts';
import { doneMilestones } from '../../src/members/store.ts';
import { inbound, useAppWithModel } from '../support/app.ts';
import { runCli, tempDir } from '../support/cli.ts';

const ctx = useAppWithModel();

const say = async (text: string) => handleLine(ctx.app.commands, ctx.app.core, inbound(text, 'lee', 'dm:lee'));

describe('answers that know the member', () => {
  it('puts the member summary in the model request', async () => {
    await say('/profile set role:"Backend engineer" years:6 stack:"Go, PostgreSQL" track:ml-platform hours:8');
    ctx.fake.respondWith({ text: 'Focus on the basics first.' });
    await say('What should I focus on now?');
    const prompt = ((ctx.fake.requests[0]?.body.messages ?? []) as { content: string }[]).map((m) => m.content).join('\n');
    const next = ctx.app.core.roadmaps.milestones('ml-platform')[0];
    expect(prompt).toContain('role: Backend engineer, 6 years');
    expect(prompt).toContain('stack: Go, PostgreSQL');
    expect(prompt).toContain('target track: ml-platform');
    expect(prompt).toContain(`${next?.id} (${next?.title}, `);
    expect(ctx.fake.requests[0]?.body.tools?.[0]?.function?.name).toBe('propose_milestone_done');
  });

  it('writes a change the model proposes only after the member says yes', async () => {
    await say('/profile set track:ml-platform');
    const milestone = ctx.app.core.roadmaps.milestones('ml-platform')[1];
    ctx.fake.respondWith(
      { text: 'Great work!', toolCalls: [{ name: 'propose_milestone_done', arguments: JSON.stringify({ milestone_id: milestone?.id }) }] },
      { text: 'Nice.', toolCalls: [{ name: 'propose_milestone_done', arguments: '{"milestone_id":"made-up-id"}' }] },
    );
    const reply = await say(`I just finished ${milestone?.title}`);
    expect(reply.text).toContain(`Shall I mark **${milestone?.title}**`);
    expect(reply.proposal?.title).toBe(milestone?.title);
    expect(doneMilestones(ctx.app.db, 'lee').size).toBe(0);

    expect((await say('yes')).text).toMatch(/Marked done/);
    expect([...doneMilestones(ctx.app.db, 'lee').keys()]).toEqual([milestone?.id]);
    expect((await say('yes')).text).not.toMatch(/Marked done/);

    const invented = await say('I also shipped something else');
    expect(invented.text).not.toContain('Shall I mark');
    expect(doneMilestones(ctx.app.db, 'lee').size).toBe(1);
  });

  it('leaves state alone when the member says no', async () => {
    await say('/profile set track:applied-ml');
    const milestone = ctx.app.core.roadmaps.milestones('applied-ml')[0];
    ctx.fake.respondWith({ text: '', toolCalls: [{ name: 'propose_milestone_done', arguments: JSON.stringify({ milestone_id: milestone?.id }) }] });
    expect((await say('done with that first one')).text).toContain('Shall I mark');
    expect((await say('no')).text).toMatch(/left .* open/);
    expect(doneMilestones(ctx.app.db, 'lee').size).toBe(0);
  });
});

describe('state across processes, and export', () => {
  it('keeps state written by one process for the next, and exports it in the documented shape', async () => {
    const env = { DATABASE_PATH: join(tempDir(), 'pivot.db') };
    const chat = await runCli(
      ['chat', '--member', 'kim'],
      env,
      '/profile set role:"Backend engineer" years:6 track:ml-platform hours:8 market:uk timezone:Europe/London\n/project add name:"Churn API" url:https://example.com/churn\n',
    );
    expect(chat.code).toBe(0);
    const first = JSON.parse((await runCli(['export', '--member', 'kim', '--json'], env)).stdout).milestones[0].id;
    expect((await runCli(['chat', '--member', 'kim'], env, `/done item:${first}\n`)).code).toBe(0);

    const exported = await runCli(['export', '--member', 'kim', '--json'], env);
    expect(exported.code).toBe(0);
    const data = JSON.parse(exported.stdout);
    expect(data.profile).toMatchObject({ role: 'Backend engineer', years: 6, track: 'ml-platform', hours: 8, market: 'uk', timezone: 'Europe/London' });
    expect(Object.keys(data.profile)).toEqual(expect.arrayContaining(['role', 'years', 'stack', 'track', 'hours', 'market', 'timezone', 'target', 'goal']));
    expect(data.milestones[0]).toEqual({
      id: first,
      title: expect.any(String),
      phase: expect.any(String),
      done: true,
      doneAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(data.milestones[1]).toMatchObject({ done: false, doneAt: null });
    expect(data.projects).toEqual([expect.objectContaining({ name: 'Churn API', url: 'https://example.com/churn' })]);
    expect((await runCli(['export', '--member', 'nobody', '--json'], env)).code).toBe(2);

    const unconfirmed = await runCli(['forget', '--member', 'kim', '--json'], env);
    expect(unconfirmed.code).toBe(2);
    expect(unconfirmed.stderr).toMatch(/would erase \d+ records about member kim.*--yes/s);
    const forgotten = await runCli(['forget', '--member', 'kim', '--yes', '--json'], env);
    expect(forgotten.code).toBe(0);
    expect(JSON.parse(forgotten.stdout).removed).toMatchObject({ members: 1, milestone_progress: 1, projects: 1 });
    expect((await runCli(['export', '--member', 'kim', '--json'], env)).code).toBe(2);
  }, 90_000);
});
