import { and, count, eq, exists, getTableColumns, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { groupDigests, groupMembers as memberships, studyGroups } from '../db/schema.ts';

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

type GroupRow = typeof studyGroups.$inferSelect;
const toGroup = (r: GroupRow): StudyGroup => ({
  id: r.id,
  place: r.place,
  name: r.name,
  channelId: r.channelId,
  ownerId: r.ownerId,
  weekday: r.weekday,
  time: r.time,
  timezone: r.timezone,
  threadId: r.threadId,
});

/** Where the group's digests go from now on: the thread the first one opened (or a new one, if it was deleted). */
export function setDigestThread(db: Db, groupId: number, threadId: string): void {
  db.update(studyGroups).set({ threadId }).where(eq(studyGroups.id, groupId)).run();
}

export function findGroup(db: Db, place: string, name: string): StudyGroup | undefined {
  const row = db
    .select()
    .from(studyGroups)
    .where(and(eq(studyGroups.place, place), sql`${studyGroups.name} = ${name} COLLATE NOCASE`))
    .get();
  return row ? toGroup(row) : undefined;
}

/** Groups with at least one member: a group everyone has left (or erased themselves from) posts nothing. */
export function groupsWithMembers(db: Db): StudyGroup[] {
  return db
    .select()
    .from(studyGroups)
    .where(exists(db.select({ one: sql`1` }).from(memberships).where(eq(memberships.groupId, studyGroups.id))))
    .orderBy(studyGroups.id)
    .all()
    .map(toGroup);
}

/** How many groups the member created that still exist. */
export function groupsOwnedBy(db: Db, memberId: string): number {
  return db.select({ n: count() }).from(studyGroups).where(eq(studyGroups.ownerId, memberId)).get()?.n ?? 0;
}

/** Deletes a group with its memberships and digest records; returns how many members it had. */
export function deleteGroup(db: Db, groupId: number): number {
  return db.$client.transaction(() => {
    const members = db.select({ n: count() }).from(memberships).where(eq(memberships.groupId, groupId)).get()?.n ?? 0;
    db.delete(memberships).where(eq(memberships.groupId, groupId)).run();
    db.delete(groupDigests).where(eq(groupDigests.groupId, groupId)).run();
    db.delete(studyGroups).where(eq(studyGroups.id, groupId)).run();
    return members;
  })();
}

export function createGroup(db: Db, group: Omit<StudyGroup, 'id'>, owner: { displayName: string }, now: number): StudyGroup {
  return db.$client.transaction(() => {
    const { place, name, channelId, ownerId, weekday, time, timezone } = group;
    const id = Number(
      db
        .insert(studyGroups)
        .values({ place, name, channelId, ownerId, weekday, time, timezone, createdAt: new Date(now) })
        .run().lastInsertRowid,
    );
    joinGroup(db, id, group.ownerId, owner.displayName, false, now);
    return { ...group, id };
  })();
}

export function joinGroup(db: Db, groupId: number, memberId: string, displayName: string, share: boolean, now: number): void {
  db.insert(memberships)
    .values({ groupId, memberId, displayName, share, joinedAt: new Date(now) })
    .onConflictDoUpdate({ target: [memberships.groupId, memberships.memberId], set: { displayName, share } })
    .run();
}

export function leaveGroups(db: Db, place: string, memberId: string): string[] {
  const groups = memberGroups(db, place, memberId);
  for (const g of groups) {
    db.delete(memberships)
      .where(and(eq(memberships.groupId, g.id), eq(memberships.memberId, memberId)))
      .run();
  }
  return groups.map((g) => g.name);
}

export function memberGroups(db: Db, place: string, memberId: string): StudyGroup[] {
  return db
    .select(getTableColumns(studyGroups))
    .from(studyGroups)
    .innerJoin(memberships, eq(memberships.groupId, studyGroups.id))
    .where(and(eq(studyGroups.place, place), eq(memberships.memberId, memberId)))
    .orderBy(studyGroups.name)
    .all()
    .map(toGroup);
}

export function groupMembers(db: Db, groupId: number): GroupMember[] {
  return db
    .select({ memberId: memberships.memberId, displayName: memberships.displayName, share: memberships.share })
    .from(memberships)
    .where(eq(memberships.groupId, groupId))
    .orderBy(memberships.joinedAt)
    .all();
}

export function claimDigest(db: Db, groupId: number, week: string, status: 'sending' | 'missed', now: number): boolean {
  return (
    db
      .insert(groupDigests)
      .values({ groupId, week, status, claimedAt: new Date(now) })
      .onConflictDoNothing({ target: [groupDigests.groupId, groupDigests.week] })
      .run().changes > 0
  );
}

export function finishDigest(db: Db, groupId: number, week: string, status: 'sent' | 'failed'): void {
  db.update(groupDigests)
    .set({ status })
    .where(and(eq(groupDigests.groupId, groupId), eq(groupDigests.week, week)))
    .run();
}

export function sentDigestWeeks(db: Db, groupId: number): string[] {
  return db
    .select({ week: groupDigests.week })
    .from(groupDigests)
    .where(and(eq(groupDigests.groupId, groupId), eq(groupDigests.status, 'sent')))
    .orderBy(groupDigests.week)
    .all()
    .map((r) => r.week);
}
