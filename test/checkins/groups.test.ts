import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handleLine } from '../../src/commands/dispatch.ts';
import type { Inbound } from '../../src/core/types.ts';
import type { App } from '../../src/main.ts';
import { runWeeklyTick } from '../../src/planner/weekly.ts';
import { testApp } from '../support/app.ts';

let now = Date.parse('2026-11-27T17:05:00Z');
let app: App;
beforeEach(() => {
  now = Date.parse('2026-11-27T17:05:00Z');
  app = testApp({ MEMBER_MESSAGES_PER_MINUTE: '1000' }, { llm: null, now: () => now });
});
afterEach(() => app.close());

const inChannel = (memberId: string, displayName: string, text: string): Inbound => ({
  memberId,
  displayName,
  origin: { kind: 'group', conversationId: `channel:c1:${memberId}`, channelId: 'c1', guildId: 'g1' },
  text,
});
const say = async (memberId: string, displayName: string, text: string) =>
  (await handleLine(app.commands, app.core, inChannel(memberId, displayName, text))).text;

describe('study groups', () => {
  it('creates, joins with opt-in sharing, shows, and posts a weekly digest that names but never pings', async () => {
    expect(await say('u1', 'Ana', '/group create name:"ML Switchers" day:friday time:17:00 timezone:Europe/London')).toMatch(/Created ML Switchers/);
    expect(await say('u2', 'Ben', '/group create name:"ML Switchers"')).toMatch(/already exists/);
    await say('u2', '@everyone Ben', '/group join name:"ML Switchers" share:on');
    await say('u3', 'Cy', '/group join name:"ML Switchers"');
    await say('u2', 'Ben', '/profile set track:ml-platform');
    const first = app.core.roadmaps.milestones('ml-platform')[0];
    await say('u2', 'Ben', `/done item:${first?.id}`);
    const shown = await say('u3', 'Cy', '/group show');
    expect(shown).toContain('everyone Ben (shares progress)');
    expect(shown).toContain('- Cy');

    const posts: { group: string; text: string }[] = [];
    const report = await runWeeklyTick(
      app.core,
      {
        deliver: async () => 'sent',
        post: async (group, text) => {
          posts.push({ group: group.name, text });
          return 'sent';
        },
      },
      new Date(now),
    );
    expect(report.sent.map((s) => s.member)).toEqual(['group:ML Switchers']);
    const digest = posts[0]?.text ?? '';
    expect(digest).toContain('Ben: █');
    expect(digest).toContain(`finished ${first?.title}`);
    expect(digest).not.toContain('Cy');
    expect(digest).not.toContain('@');
    expect(digest).toMatch(/Group streak: 1 week in a row/);
    // Who keeps their progress private, or did not check in, is neither named nor counted.
    expect(digest).not.toMatch(/private|more member/);
    const again = await runWeeklyTick(app.core, { deliver: async () => 'sent', post: async () => 'sent' }, new Date(now + 60_000));
    expect(again.sent).toEqual([]);
    expect(await say('u3', 'Cy', '/group leave')).toMatch(/You left ML Switchers/);
  });

  it('refuses to create a group in a DM and explains bad names', async () => {
    const dm: Inbound = { memberId: 'u9', origin: { kind: 'dm', conversationId: 'dm:u9' }, text: '/group create name:Solo' };
    expect((await handleLine(app.commands, app.core, dm)).text).toMatch(/shared channel/);
    expect(await say('u1', 'Ana', '/group create name:"<@123> hi"')).toMatch(/name: may use letters/);
  });
});
