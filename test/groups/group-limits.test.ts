import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handleLine } from '../../src/commands/dispatch.ts';
import { MAX_GROUPS_PER_MEMBER } from '../../src/commands/group.ts';
import type { Inbound } from '../../src/core/types.ts';
import type { App } from '../../src/main.ts';
import { runWeeklyTick } from '../../src/planner/weekly.ts';
import { testApp } from '../support/app.ts';

let app: App;
beforeEach(() => {
  app = testApp({ MEMBER_MESSAGES_PER_MINUTE: '1000' }, { llm: null, now: () => Date.parse('2026-11-27T12:00:00Z') });
});
afterEach(() => app.close());

const say = async (memberId: string, text: string, roles: string[] = []) => {
  const inbound: Inbound = {
    memberId,
    displayName: memberId,
    origin: { kind: 'group', conversationId: `channel:c1:${memberId}`, channelId: '555000111', guildId: '444000111' },
    text,
    roles,
  };
  return (await handleLine(app.commands, app.core, inbound)).text;
};
const groupNames = () => app.db.$client.prepare('SELECT name FROM study_groups ORDER BY name').pluck().all();
const postedGroups = async (at: string) => {
  const posted: string[] = [];
  const post = async (group: { name: string }) => {
    posted.push(group.name);
    return 'sent' as const;
  };
  await runWeeklyTick(app.core, { deliver: async () => 'sent', post }, new Date(at));
  return posted;
};

describe('study group limits', () => {
  it(`lets one member create at most ${MAX_GROUPS_PER_MEMBER} groups, and one more after deleting one`, async () => {
    expect(MAX_GROUPS_PER_MEMBER).toBe(3);
    for (const name of ['g1', 'g2', 'g3']) expect(await say('spammer', `/group create name:${name}`)).toMatch(/Created/);
    expect(await say('spammer', '/group create name:g4')).toMatch(/You have created 3 study groups, the most one member may/);
    expect(groupNames()).toEqual(['g1', 'g2', 'g3']);
    expect(await say('spammer', '/group delete name:g1')).toMatch(/Deleted g1 \(1 member\)/);
    expect(await say('spammer', '/group create name:g4')).toMatch(/Created g4/);
  });

  it('deletes a group for its creator or a mentor only, with its memberships, and its digest stops', async () => {
    await say('ana', '/group create name:alpha day:friday time:17:00 timezone:UTC');
    await say('ben', '/group join name:alpha share:on');
    await say('cy', '/group create name:beta day:friday time:17:00 timezone:UTC');
    expect(await say('ben', '/group delete name:alpha')).toMatch(/Only the member who created alpha, or a mentor, can delete it/);
    expect(await say('ben', '/group delete name:nothing')).toMatch(/No group called nothing here/);
    expect(groupNames()).toEqual(['alpha', 'beta']);
    expect(await postedGroups('2026-11-27T17:05:00Z')).toEqual(['alpha', 'beta']);

    expect(await say('maya', '/group delete name:alpha', ['mentor'])).toMatch(/Deleted alpha \(2 members\)/);
    expect(await say('cy', '/group delete name:beta')).toMatch(/Deleted beta/);
    expect(groupNames()).toEqual([]);
    expect(app.db.$client.prepare('SELECT count(*) FROM group_members').pluck().get()).toBe(0);
    expect(app.db.$client.prepare('SELECT count(*) FROM group_digests').pluck().get()).toBe(0);
    expect(await postedGroups('2026-12-04T17:05:00Z')).toEqual([]);
  });

  it('stops posting the digest of a group everyone has left', async () => {
    await say('ana', '/group create name:alpha day:friday time:17:00 timezone:UTC');
    await say('ben', '/group join name:alpha');
    await say('ana', '/group leave');
    expect(await postedGroups('2026-11-27T17:05:00Z')).toEqual(['alpha']);
    await say('ben', '/group leave');
    expect(await postedGroups('2026-12-04T17:05:00Z')).toEqual([]);
  });

  it('creates groups only in COACH_CHANNEL_IDS when set, and leaves groups elsewhere silent', async () => {
    app.close();
    app = testApp(
      { DISCORD_TOKEN: 'test-token', DISCORD_APP_ID: '100000000000000001', COACH_CHANNEL_IDS: '555000999', MEMBER_MESSAGES_PER_MINUTE: '1000' },
      { llm: null },
    );
    expect(await say('ana', '/group create name:alpha')).toMatch(/only in the channels where I coach/);
    expect(groupNames()).toEqual([]);
    // A group made in another channel before the channel list was narrowed.
    app.db.$client.exec(
      "INSERT INTO study_groups (place, name, channel_id, owner_id, weekday, time, timezone, created_at) VALUES ('444000111', 'old', '555000111', 'ana', 5, '17:00', 'UTC', 0)",
    );
    await say('ana', '/group join name:old');
    expect(await postedGroups('2026-11-27T17:05:00Z')).toEqual([]);
  });
});
