import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordFeedback } from '../../src/answer/feedback.ts';
import { respondStuck } from '../../src/checkins/responses.ts';
import { runCheckinTick } from '../../src/checkins/tick.ts';
import { handleLine } from '../../src/commands/dispatch.ts';
import type { Inbound, Reply } from '../../src/core/types.ts';
import type { App } from '../../src/main.ts';
import { renderForTerminal } from '../../src/terminal/render.ts';
import { testApp } from '../support/app.ts';

let app: App;
let clock: number;

beforeEach(() => {
  clock = Date.parse('2026-11-23T10:00:00Z');
  app = testApp({ MEMBER_MESSAGES_PER_MINUTE: '1000' }, { llm: null, now: () => clock });
});
afterEach(() => app.close());

const MENTOR = { memberId: 'mentor-1', displayName: 'Maya', roles: ['mentor'] };

async function as(who: { memberId: string; displayName?: string; roles?: string[] }, text: string): Promise<Reply> {
  const message: Inbound = { ...who, origin: { kind: 'dm', conversationId: `dm:${who.memberId}` }, text };
  clock += 1000;
  return handleLine(app.commands, app.core, message);
}
const member = (id: string) => ({ memberId: id, displayName: id });
const auditRows = (memberId: string) => app.db.$client.prepare('SELECT actor_id, action, detail FROM audit_log WHERE member_id = ? ORDER BY id').all(memberId);

describe('mentor review with consent', () => {
  it('refuses until the member consents, shows the read in /privacy, and refuses again once consent is withdrawn', async () => {
    await as(member('ana'), 'How long does the switch to ML engineering take?');

    expect((await as(MENTOR, '/mentor logs member:ana')).text).toMatch(/ana has not allowed mentors/);
    expect((await as(member('bob'), '/mentor logs member:ana')).text).toMatch(/Only mentors can use \/mentor/);
    expect(auditRows('ana')).toEqual([]);

    expect((await as(member('ana'), '/privacy')).text).toMatch(/Mentors\*\*: may not read anything/);
    expect((await as(member('ana'), '/privacy mentors:on')).text).toMatch(/Mentors may now read/);

    const log = await as(MENTOR, '/mentor logs member:<@ana>');
    expect(log.visibility).toBe('private');
    expect(log.attachment?.name).toBe('pivot-log-ana.md');
    expect(log.attachment?.content).toContain('How long does the switch to ML engineering take?');
    expect(log.attachment?.content).toMatch(/Sources: [a-z0-9-]+\//);
    expect(renderForTerminal(log)).toContain('----- pivot-log-ana.md -----');
    expect(auditRows('ana')).toEqual([{ actor_id: 'mentor-1', action: 'logs', detail: '1 turn' }]);

    const privacy = (await as(member('ana'), '/privacy')).text;
    expect(privacy).toMatch(/2026-11-23 10:00 UTC: Maya read your conversation log \(1 turn\)/);
    expect(privacy).toMatch(/questions and answers: 1/);

    await as(member('ana'), '/privacy mentors:off');
    expect((await as(MENTOR, '/mentor logs member:ana')).text).toMatch(/ana has not allowed mentors/);
    expect(auditRows('ana')).toHaveLength(1);
  });

  it('lists only consenting members as mentees, auditing each', async () => {
    await as(member('ana'), '/profile set track:ml-platform');
    await as(member('ana'), '/privacy mentors:on');
    await as(member('bob'), '/profile set track:applied-ml');
    await as(member('ana'), 'What salary can I expect in the UK?');

    const reply = await as(MENTOR, '/mentor mentees');
    expect(reply.text).toMatch(/^\*\*Mentees\*\* \(1\)\n- ana: ml-platform, [^,]+, \S+ 0% \(0\/20 milestones\), last active 2026-11-23$/u);
    expect(reply.text).not.toContain('bob');
    expect(auditRows('ana')).toEqual([expect.objectContaining({ action: 'mentees', actor_id: 'mentor-1' })]);
    expect(auditRows('bob')).toEqual([]);
  });

  it('delivers a note with the member’s next reply, once, and only to consenting members', async () => {
    expect((await as(MENTOR, '/mentor note member:bob text:"Try the UK guide"')).text).toMatch(/bob has not allowed mentors/);
    await as(member('ana'), '/privacy mentors:on');
    expect((await as(MENTOR, '/mentor note member:ana text:""')).text).toMatch(/text: required|text: must not be empty/);
    expect((await as(MENTOR, '/mentor note member:ana text:"Look at the portfolio chapter @everyone"')).text).toMatch(/ana will see it/);

    const next = (await as(member('ana'), '/help')).text;
    expect(next).toMatch(/📝 Note from mentor Maya: Look at the portfolio chapter$/m);
    expect((await as(member('ana'), '/help')).text).not.toContain('Note from mentor');
    expect(auditRows('ana')).toEqual([expect.objectContaining({ action: 'note' })]);
  });

  it('shows thumbs-down and uncovered answers of consenting members only', async () => {
    for (const id of ['ana', 'bob']) {
      await as(member(id), `/privacy mentors:${id === 'ana' ? 'on' : 'off'}`);
      const rated = await as(member(id), 'What does an ML engineer earn in the UK?');
      recordFeedback(app.db, { turnId: rated.turnId ?? -1, memberId: id, helpful: false, at: clock });
      await as(member(id), 'Where is the best pizza in Rome?');
      await as(member(id), 'How do I prepare for ML interviews?');
    }
    const flagged = await as(MENTOR, '/mentor flagged');
    expect(flagged.text).toBe('2 flagged turns, newest first.');
    const content = flagged.attachment?.content ?? '';
    expect(content).toContain('member ana · not covered');
    expect(content).toContain('member ana · thumbs-down');
    expect(content).toContain('pizza in Rome');
    expect(content).not.toContain('member bob');
    expect(content).not.toContain('prepare for ML interviews');
    expect(auditRows('ana')).toEqual([expect.objectContaining({ action: 'flagged', detail: '2 flagged turns' })]);
    expect(auditRows('bob')).toEqual([]);
  });

  it('shows "Stuck" check-in answers of consenting members, with the milestone they were working towards', async () => {
    for (const id of ['cy', 'dee']) {
      await as(member(id), `/privacy mentors:${id === 'cy' ? 'on' : 'off'}`);
      await as(member(id), '/profile set track:ml-platform timezone:Europe/London');
      await as(member(id), '/checkin on day:monday time:09:00');
    }
    await runCheckinTick(app.core, async () => 'sent', new Date('2026-11-23T09:05:00Z'));
    for (const id of ['cy', 'dee']) await respondStuck(app.core, id, '2026-W48', `I cannot get my ${id} feature store to serve online features`);
    const next = app.core.roadmaps.milestones('ml-platform')[0];
    const flagged = await as(MENTOR, '/mentor flagged');
    const content = flagged.attachment?.content ?? '';
    expect(content).toContain(`member cy · stuck on \`${next?.id}\` ${next?.title}`);
    expect(content).toContain('I cannot get my cy feature store');
    expect(content).not.toContain('member dee');
    expect(auditRows('cy')).toContainEqual(expect.objectContaining({ action: 'flagged', detail: '1 flagged turn' }));
  });

  it('checks the mentor role in the core, whatever the adapter showed', async () => {
    for (const line of ['/mentor mentees', '/mentor flagged', '/mentor logs member:ana', '/mentor note member:ana text:hi']) {
      expect((await as({ memberId: 'x', roles: ['member'] }, line)).text, line).toMatch(/Only mentors/);
    }
    expect(app.db.$client.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(0);
  });
});
