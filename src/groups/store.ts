import type { Db } from '../db/client.ts';

export type StudyGroup = {
  id: number;
  place: string;
  name: string;
  channelId: string;
  ownerId: string;
  weekday: number;
  time: string;
  timezone: string;
  /** The thread its digests are posted in (Discord), once opened. */
  threadId?: string | null;
};

export type GroupMember = { memberId: string; displayName: string; share: boolean };

type GroupRow = {
  id: number;
  place: string;
  name: string;
  channel_id: string;
  owner_id: string;
  weekday: number;
  time: string;
  timezone: string;
  thread_id: string | null;
};
const toGroup = (r: GroupRow): StudyGroup => ({
  id: r.id,
  place: r.place,
  name: r.name,
  channelId: r.channel_id,
  ownerId: r.owner_id,
  weekday: r.weekday,
  time: r.time,
  timezone: r.timezone,
  threadId: r.thread_id,
});

/** Where the group's digests go from now on: the thread the first one opened (or a new one, if it was deleted). */
export function setDigestThread(db: Db, groupId: number, threadId: string): void {
  db.$client.prepare('UPDATE study_groups SET thread_id = ? WHERE id = ?').run(threadId, groupId);
}

export function findGroup(db: Db, place: string, name: string): StudyGroup | undefined {
  const row = db.$client.prepare('SELECT * FROM study_groups WHERE place = ? AND name = ? COLLATE NOCASE').get(place, name) as GroupRow | undefined;
  return row ? toGroup(row) : undefined;
}

/** Groups with at least one member: a group everyone has left (or erased themselves from) posts nothing. */
export function groupsWithMembers(db: Db): StudyGroup[] {
  return (
    db.$client.prepare('SELECT * FROM study_groups g WHERE EXISTS (SELECT 1 FROM group_members m WHERE m.group_id = g.id) ORDER BY g.id').all() as GroupRow[]
  ).map(toGroup);
}

/** How many groups the member created that still exist. */
export function groupsOwnedBy(db: Db, memberId: string): number {
  return db.$client.prepare('SELECT count(*) FROM study_groups WHERE owner_id = ?').pluck().get(memberId) as number;
}

/** Deletes a group with its memberships and digest records; returns how many members it had. */
export function deleteGroup(db: Db, groupId: number): number {
  return db.$client.transaction(() => {
    const members = db.$client.prepare('SELECT count(*) FROM group_members WHERE group_id = ?').pluck().get(groupId) as number;
    db.$client.prepare('DELETE FROM group_members WHERE group_id = ?').run(groupId);
    db.$client.prepare('DELETE FROM group_digests WHERE group_id = ?').run(groupId);
    db.$client.prepare('DELETE FROM study_groups WHERE id = ?').run(groupId);
    return members;
  })();
}

export function createGroup(db: Db, group: Omit<StudyGroup, 'id'>, owner: { displayName: string }, now: number): StudyGroup {
  return db.$client.transaction(() => {
    const id = Number(
      db.$client
        .prepare('INSERT INTO study_groups (place, name, channel_id, owner_id, weekday, time, timezone, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(group.place, group.name, group.channelId, group.ownerId, group.weekday, group.time, group.timezone, now).lastInsertRowid,
    );
    joinGroup(db, id, group.ownerId, owner.displayName, false, now);
    return { ...group, id };
  })();
}

export function joinGroup(db: Db, groupId: number, memberId: string, displayName: string, share: boolean, now: number): void {
  db.$client
    .prepare(
      `INSERT INTO group_members (group_id, member_id, display_name, share, joined_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (group_id, member_id) DO UPDATE SET display_name = excluded.display_name, share = excluded.share`,
    )
    .run(groupId, memberId, displayName, share ? 1 : 0, now);
}

export function leaveGroups(db: Db, place: string, memberId: string): string[] {
  const groups = memberGroups(db, place, memberId);
  for (const g of groups) db.$client.prepare('DELETE FROM group_members WHERE group_id = ? AND member_id = ?').run(g.id, memberId);
  return groups.map((g) => g.name);
}

export function memberGroups(db: Db, place: string, memberId: string): StudyGroup[] {
  return (
    db.$client
      .prepare('SELECT g.* FROM study_groups g JOIN group_members m ON m.group_id = g.id WHERE g.place = ? AND m.member_id = ? ORDER BY g.name')
      .all(place, memberId) as GroupRow[]
  ).map(toGroup);
}

export function groupMembers(db: Db, groupId: number): GroupMember[] {
  return (
    db.$client.prepare('SELECT member_id, display_name, share FROM group_members WHERE group_id = ? ORDER BY joined_at').all(groupId) as {
      member_id: string;
      display_name: string;
      share: number;
    }[]
  ).map((r) => ({ memberId: r.member_id, displayName: r.display_name, share: r.share === 1 }));
}

export function claimDigest(db: Db, groupId: number, week: string, status: 'sending' | 'missed', now: number): boolean {
  return (
    db.$client
      .prepare('INSERT INTO group_digests (group_id, week, status, claimed_at) VALUES (?, ?, ?, ?) ON CONFLICT (group_id, week) DO NOTHING')
      .run(groupId, week, status, now).changes > 0
  );
}

export function finishDigest(db: Db, groupId: number, week: string, status: 'sent' | 'failed'): void {
  db.$client.prepare('UPDATE group_digests SET status = ? WHERE group_id = ? AND week = ?').run(status, groupId, week);
}

export function sentDigestWeeks(db: Db, groupId: number): string[] {
  return (db.$client.prepare("SELECT week FROM group_digests WHERE group_id = ? AND status = 'sent' ORDER BY week").all(groupId) as { week: string }[]).map(
    (r) => r.week,
  );
}
