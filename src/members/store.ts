import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { members } from '../db/schema.ts';
import type { Profile, ProfileField } from './profile.ts';

export type MemberState = {
  id: string;
  profile: Profile;
  onboardingStep: string | null;
  onboardingConversationId: string | null;
  onboardingOfferedAt: number | null;
};

type MemberInsert = typeof members.$inferInsert;

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

/** Built once per database: building a drizzle query costs more than running it, and answers read members often. */
const memberById = new WeakMap<Db, ReturnType<typeof prepareMemberById>>();
const prepareMemberById = (db: Db) =>
  db
    .select()
    .from(members)
    .where(eq(members.id, sql.placeholder('id')))
    .prepare();

export function getMember(db: Db, id: string): MemberState | undefined {
  const query = memberById.get(db) ?? prepareMemberById(db);
  memberById.set(db, query);
  const row = query.get({ id });
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

function recordChange(db: Db, memberId: string, kind: string, undo: Record<string, unknown>, now: number): void {
  db.$client.prepare('INSERT INTO state_changes (member_id, kind, undo, created_at) VALUES (?, ?, ?, ?)').run(memberId, kind, JSON.stringify(undo), now);
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

export function doneMilestones(db: Db, id: string): Map<string, number> {
  const rows = db.$client.prepare('SELECT milestone_id, done_at FROM milestone_progress WHERE member_id = ?').all(id) as {
    milestone_id: string;
    done_at: number;
  }[];
  return new Map(rows.map((r) => [r.milestone_id, r.done_at]));
}

/** Marks a milestone done; false when it already was. */
export function markMilestoneDone(db: Db, id: string, milestoneId: string, now: number): boolean {
  return db.$client.transaction(() => {
    ensureMember(db, id, now);
    const inserted = db.$client
      .prepare('INSERT INTO milestone_progress (member_id, milestone_id, done_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING')
      .run(id, milestoneId, now).changes;
    if (inserted) recordChange(db, id, 'milestone-done', { milestoneId }, now);
    return inserted > 0;
  })();
}

export type Project = { id: number; name: string; url: string | null; summary: string | null; createdAt: number };

export function addProject(db: Db, id: string, project: { name: string; url?: string; summary?: string }, now: number): number {
  return db.$client.transaction(() => {
    ensureMember(db, id, now);
    const projectId = Number(
      db.$client
        .prepare('INSERT INTO projects (member_id, name, url, summary, created_at) VALUES (?, ?, ?, ?, ?)')
        .run(id, project.name, project.url ?? null, project.summary ?? null, now).lastInsertRowid,
    );
    recordChange(db, id, 'project-add', { projectId }, now);
    return projectId;
  })();
}

export function listProjects(db: Db, id: string): Project[] {
  return (
    db.$client.prepare('SELECT id, name, url, summary, created_at FROM projects WHERE member_id = ? ORDER BY id').all(id) as {
      id: number;
      name: string;
      url: string | null;
      summary: string | null;
      created_at: number;
    }[]
  ).map((r) => ({ id: r.id, name: r.name, url: r.url, summary: r.summary, createdAt: r.created_at }));
}

export type UndoResult = { kind: 'profile'; fields: string[] } | { kind: 'milestone-done'; milestoneId: string } | { kind: 'project-add'; name: string };

/** Reverses the member's last change that is not yet undone; undefined when there is none. */
export function undoLastChange(db: Db, id: string, now: number): UndoResult | undefined {
  return db.$client.transaction((): UndoResult | undefined => {
    const change = db.$client.prepare('SELECT id, kind, undo FROM state_changes WHERE member_id = ? AND undone_at IS NULL ORDER BY id DESC LIMIT 1').get(id) as
      | { id: number; kind: string; undo: string }
      | undefined;
    if (!change) return undefined;
    const undo = JSON.parse(change.undo) as Record<string, unknown>;
    db.$client.prepare('UPDATE state_changes SET undone_at = ? WHERE id = ?').run(now, change.id);
    if (change.kind === 'milestone-done') {
      const milestoneId = String(undo.milestoneId);
      db.$client.prepare('DELETE FROM milestone_progress WHERE member_id = ? AND milestone_id = ?').run(id, milestoneId);
      return { kind: 'milestone-done', milestoneId };
    }
    if (change.kind === 'project-add') {
      const project = db.$client.prepare('SELECT name FROM projects WHERE id = ?').get(undo.projectId) as { name: string } | undefined;
      db.$client.prepare('DELETE FROM projects WHERE id = ? AND member_id = ?').run(undo.projectId, id);
      return { kind: 'project-add', name: project?.name ?? 'the project' };
    }
    writeFields(db, id, undo as Partial<Profile>, now);
    return { kind: 'profile', fields: Object.keys(undo) };
  })();
}
