import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.ts';
import {
  claimDigest,
  createGroup,
  deleteGroup,
  findGroup,
  finishDigest,
  groupMembers,
  groupsOwnedBy,
  groupsWithMembers,
  joinGroup,
  leaveGroups,
  memberGroups,
  sentDigestWeeks,
  setDigestThread,
} from '../../src/groups/store.ts';

const group = (name: string, ownerId = 'ana') => ({
  place: 'guild-1',
  name,
  channelId: `channel-${name}`,
  ownerId,
  weekday: 5,
  time: '17:00',
  timezone: 'Europe/London',
  threadId: null,
});

describe('study group store', () => {
  it('stores groups and memberships as given, finds names in any case, and lists by name', () => {
    const db = openDatabase(':memory:');
    const beta = createGroup(db, group('Beta'), { displayName: 'Ana' }, 1000);
    const alpha = createGroup(db, group('alpha', 'bo'), { displayName: 'Bo' }, 2000);
    joinGroup(db, beta.id, 'cy', 'Cy', true, 3000);
    joinGroup(db, alpha.id, 'ana', 'Ana', false, 3500);
    joinGroup(db, beta.id, 'cy', 'Cyrus', false, 4000);
    setDigestThread(db, beta.id, 'thread-9');
    const rows = (sql: string) => db.$client.prepare(sql).all();
    expect(rows('SELECT * FROM study_groups ORDER BY id')).toEqual([
      {
        id: 1,
        place: 'guild-1',
        name: 'Beta',
        channel_id: 'channel-Beta',
        owner_id: 'ana',
        weekday: 5,
        time: '17:00',
        timezone: 'Europe/London',
        thread_id: 'thread-9',
        created_at: 1000,
      },
      {
        id: 2,
        place: 'guild-1',
        name: 'alpha',
        channel_id: 'channel-alpha',
        owner_id: 'bo',
        weekday: 5,
        time: '17:00',
        timezone: 'Europe/London',
        thread_id: null,
        created_at: 2000,
      },
    ]);
    expect(rows('SELECT * FROM group_members ORDER BY group_id, joined_at')).toEqual([
      { group_id: 1, member_id: 'ana', display_name: 'Ana', share: 0, joined_at: 1000 },
      { group_id: 1, member_id: 'cy', display_name: 'Cyrus', share: 0, joined_at: 3000 },
      { group_id: 2, member_id: 'bo', display_name: 'Bo', share: 0, joined_at: 2000 },
      { group_id: 2, member_id: 'ana', display_name: 'Ana', share: 0, joined_at: 3500 },
    ]);
    expect(findGroup(db, 'guild-1', 'BETA')).toEqual({ ...group('Beta'), id: 1, threadId: 'thread-9' });
    expect(findGroup(db, 'guild-2', 'beta')).toBeUndefined();
    expect(memberGroups(db, 'guild-1', 'ana').map((g) => g.name)).toEqual(['Beta', 'alpha']);
    expect(groupMembers(db, beta.id)).toEqual([
      { memberId: 'ana', displayName: 'Ana', share: false },
      { memberId: 'cy', displayName: 'Cyrus', share: false },
    ]);
    expect(groupsOwnedBy(db, 'ana')).toBe(1);

    expect(leaveGroups(db, 'guild-1', 'bo')).toEqual(['alpha']);
    expect(groupsWithMembers(db).map((g) => g.name)).toEqual(['Beta', 'alpha']);
    expect(leaveGroups(db, 'guild-1', 'ana').sort()).toEqual(['Beta', 'alpha']);
    expect(groupsWithMembers(db).map((g) => g.name)).toEqual(['Beta']);
  });

  it('claims a digest once per week, records how it ended, and deletes a group with what belongs to it', () => {
    const db = openDatabase(':memory:');
    const alpha = createGroup(db, group('alpha'), { displayName: 'Ana' }, 1000);
    joinGroup(db, alpha.id, 'bo', 'Bo', true, 1100);
    expect(claimDigest(db, alpha.id, '2026-W10', 'sending', 2000)).toBe(true);
    expect(claimDigest(db, alpha.id, '2026-W10', 'sending', 2001)).toBe(false);
    expect(claimDigest(db, alpha.id, '2026-W09', 'missed', 2002)).toBe(true);
    expect(claimDigest(db, alpha.id, '2026-W11', 'sending', 2003)).toBe(true);
    finishDigest(db, alpha.id, '2026-W11', 'sent');
    finishDigest(db, alpha.id, '2026-W10', 'sent');
    expect(db.$client.prepare('SELECT group_id, week, status, claimed_at FROM group_digests ORDER BY id').all()).toEqual([
      { group_id: 1, week: '2026-W10', status: 'sent', claimed_at: 2000 },
      { group_id: 1, week: '2026-W09', status: 'missed', claimed_at: 2002 },
      { group_id: 1, week: '2026-W11', status: 'sent', claimed_at: 2003 },
    ]);
    expect(sentDigestWeeks(db, alpha.id)).toEqual(['2026-W10', '2026-W11']);
    expect(deleteGroup(db, alpha.id)).toBe(2);
    for (const table of ['study_groups', 'group_members', 'group_digests']) {
      expect(db.$client.prepare(`SELECT count(*) FROM ${table}`).pluck().get()).toBe(0);
    }
  });
});
