import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { preparedPerDatabase } from '../db/prepared.ts';
import { members, milestoneProgress, projects, stateChanges } from '../db/schema.ts';
import type { Profile, ProfileField } from './profile.ts';

export type MemberState = {
  id: string;
  profile: Profile;
  onboardingStep: string | null;
  onboardingConversationId: string | null;
  onboardingOfferedAt: number | null;
};

type MemberInsert = typeof members.$inferInsert;
type StateChange = typeof stateChanges.$inferSelect;

/** Where each profile field is stored: a renamed column is a compile error here. */
const COLUMN: Record<ProfileField, keyof MemberInsert> = {
  role: 'role',
  years: 'years',
  stack: 'stack',
  track: 'track',
  hours: 'hours',
  market: 'market',
  timezone: 'timezone',
  target: 'targetDate',
  goal: 'goal',
};

/** Answers read members often. */
const memberById = preparedPerDatabase((db) =>
  db
    .select()
    .from(members)
    .where(eq(members.id, sql.placeholder('id')))
    .prepare(),
);

export function getMember(db: Db, id: string): MemberState | undefined {
  const row = memberById(db).get({ id });
  if (!row) return undefined;
  return {
    id: row.id,
    profile: {
      role: row.role,
      years: row.years,
      stack: row.stack,
      track: row.track,
      hours: row.hours,
      market: row.market,
      timezone: row.timezone,
      target: row.targetDate,
      goal: row.goal,
    },
    onboardingStep: row.onboardingStep,
    onboardingConversationId: row.onboardingConversationId,
    onboardingOfferedAt: row.onboardingOfferedAt?.getTime() ?? null,
  };
}

export function ensureMember(db: Db, id: string, now: number): void {
  db.insert(members)
    .values({ id, createdAt: new Date(now), updatedAt: new Date(now) })
    .onConflictDoNothing()
    .run();
}

function recordChange(db: Db, memberId: string, kind: StateChange['kind'], undo: Record<string, unknown>, now: number): void {
  db.insert(stateChanges)
    .values({ memberId, kind, undo, createdAt: new Date(now) })
    .run();
}

function writeFields(db: Db, id: string, fields: Partial<Profile>, now: number): void {
  const entries = Object.entries(fields) as [ProfileField, unknown][];
  if (entries.length === 0) return;
  const values = Object.fromEntries(entries.map(([field, value]) => [COLUMN[field], value])) as Partial<MemberInsert>;
  db.update(members)
    .set({ ...values, updatedAt: new Date(now) })
    .where(eq(members.id, id))
    .run();
}

/** Changes only the given fields, remembering their old values for /undo; one transaction. */
export function updateProfile(db: Db, id: string, fields: Partial<Profile>, now: number): void {
  db.$client.transaction(() => {
    ensureMember(db, id, now);
    const before = getMember(db, id)?.profile;
    const previous = Object.fromEntries(Object.keys(fields).map((k) => [k, before?.[k as ProfileField] ?? null]));
    writeFields(db, id, fields, now);
    recordChange(db, id, 'profile', previous, now);
  })();
}

/** The pending set-up question and its conversation; a step of null ends the set-up (and forgets the conversation). */
export function setOnboarding(db: Db, id: string, patch: { step?: string | null; conversationId?: string; offeredAt?: number }, now: number): void {
  ensureMember(db, id, now);
  const changes: Partial<MemberInsert> = {};
  if (patch.step !== undefined) changes.onboardingStep = patch.step;
  if (patch.step === null || patch.conversationId !== undefined) changes.onboardingConversationId = patch.step === null ? null : patch.conversationId;
  if (patch.offeredAt !== undefined) changes.onboardingOfferedAt = new Date(patch.offeredAt);
  if (Object.keys(changes).length > 0) db.update(members).set(changes).where(eq(members.id, id)).run();
}

/** Read for every answer (the member summary) and every member a planner burst checks in with. */
const milestonesOf = preparedPerDatabase((db) =>
  db
    .select({ milestoneId: milestoneProgress.milestoneId, doneAt: milestoneProgress.doneAt })
    .from(milestoneProgress)
    .where(eq(milestoneProgress.memberId, sql.placeholder('id')))
    .prepare(),
);

export function doneMilestones(db: Db, id: string): Map<string, number> {
  return new Map(
    milestonesOf(db)
      .all({ id })
      .map((r) => [r.milestoneId, r.doneAt.getTime()]),
  );
}

/** Marks a milestone done; false when it already was. */
export function markMilestoneDone(db: Db, id: string, milestoneId: string, now: number): boolean {
  return db.$client.transaction(() => {
    ensureMember(db, id, now);
    const inserted = db
      .insert(milestoneProgress)
      .values({ memberId: id, milestoneId, doneAt: new Date(now) })
      .onConflictDoNothing()
      .run().changes;
    if (inserted) recordChange(db, id, 'milestone-done', { milestoneId }, now);
    return inserted > 0;
  })();
}

export type Project = { id: number; name: string; url: string | null; summary: string | null; createdAt: number };

export function addProject(db: Db, id: string, project: { name: string; url?: string; summary?: string }, now: number): number {
  return db.$client.transaction(() => {
    ensureMember(db, id, now);
    const projectId = Number(
      db
        .insert(projects)
        .values({ memberId: id, name: project.name, url: project.url ?? null, summary: project.summary ?? null, createdAt: new Date(now) })
        .run().lastInsertRowid,
    );
    recordChange(db, id, 'project-add', { projectId }, now);
    return projectId;
  })();
}

export function listProjects(db: Db, id: string): Project[] {
  return db
    .select({ id: projects.id, name: projects.name, url: projects.url, summary: projects.summary, createdAt: projects.createdAt })
    .from(projects)
    .where(eq(projects.memberId, id))
    .orderBy(projects.id)
    .all()
    .map((r) => ({ ...r, createdAt: r.createdAt.getTime() }));
}

export type UndoResult = { kind: 'profile'; fields: string[] } | { kind: 'milestone-done'; milestoneId: string } | { kind: 'project-add'; name: string };

/** Reverses the member's last change that is not yet undone; undefined when there is none. */
export function undoLastChange(db: Db, id: string, now: number): UndoResult | undefined {
  return db.$client.transaction((): UndoResult | undefined => {
    const change = db
      .select({ id: stateChanges.id, kind: stateChanges.kind, undo: stateChanges.undo })
      .from(stateChanges)
      .where(and(eq(stateChanges.memberId, id), isNull(stateChanges.undoneAt)))
      .orderBy(desc(stateChanges.id))
      .limit(1)
      .get();
    if (!change) return undefined;
    const undo = change.undo;
    db.update(stateChanges)
      .set({ undoneAt: new Date(now) })
      .where(eq(stateChanges.id, change.id))
      .run();
    if (change.kind === 'milestone-done') {
      const milestoneId = String(undo.milestoneId);
      db.delete(milestoneProgress)
        .where(and(eq(milestoneProgress.memberId, id), eq(milestoneProgress.milestoneId, milestoneId)))
        .run();
      return { kind: 'milestone-done', milestoneId };
    }
    if (change.kind === 'project-add') {
      const projectId = Number(undo.projectId);
      const project = db.select({ name: projects.name }).from(projects).where(eq(projects.id, projectId)).get();
      db.delete(projects)
        .where(and(eq(projects.id, projectId), eq(projects.memberId, id)))
        .run();
      return { kind: 'project-add', name: project?.name ?? 'the project' };
    }
    writeFields(db, id, undo as Partial<Profile>, now);
    return { kind: 'profile', fields: Object.keys(undo) };
  })();
}
