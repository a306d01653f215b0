import { count, desc, eq, max, min } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { auditLog } from '../db/schema.ts';

export type AuditAction = 'mentees' | 'logs' | 'flagged' | 'note';

export type Actor = { id: string; name: string };

/** Records that `actor` read or wrote something about a member. Call inside the transaction that reads. */
export function recordAudit(db: Db, memberId: string, actor: Actor, action: AuditAction, detail: string, now: number): void {
  db.insert(auditLog)
    .values({ memberId, actorId: actor.id, actorName: actor.name, action, detail, createdAt: new Date(now) })
    .run();
}

/** Every read (or note) of one kind by one mentor, counted: a mentor's later reads cannot push earlier ones out of view. */
export type AuditGroup = { actorId: string; actorName: string; action: AuditAction; count: number; first: number; last: number; lastDetail: string };

/** The member's whole audit trail, one entry per mentor and kind, most recent first. */
export function auditSummary(db: Db, memberId: string): AuditGroup[] {
  const groups = db.$with('g').as(
    db
      .select({
        actorId: auditLog.actorId,
        action: auditLog.action,
        count: count().as('count'),
        first: min(auditLog.createdAt).as('first'),
        last: max(auditLog.createdAt).as('last'),
        lastId: max(auditLog.id).as('last_id'),
      })
      .from(auditLog)
      .where(eq(auditLog.memberId, memberId))
      .groupBy(auditLog.actorId, auditLog.action),
  );
  return db
    .with(groups)
    .select({
      actorId: groups.actorId,
      action: groups.action,
      count: groups.count,
      first: groups.first,
      last: groups.last,
      actorName: auditLog.actorName,
      lastDetail: auditLog.detail,
    })
    .from(groups)
    .innerJoin(auditLog, eq(auditLog.id, groups.lastId))
    .orderBy(desc(groups.lastId))
    .all()
    .map((r) => ({ ...r, first: r.first?.getTime() ?? 0, last: r.last?.getTime() ?? 0 }));
}

const WHAT: Record<AuditAction, string> = {
  mentees: 'saw you in the mentee list',
  logs: 'read your conversation log',
  flagged: 'reviewed your flagged answers',
  note: 'left you a note',
};

const minute = (at: number) => new Date(at).toISOString().slice(0, 16).replace('T', ' ');

/** One read: "when UTC: who did what (detail)"; repeated reads: "first – last UTC: who did what n times (last: detail)". */
export function describeAudit(group: AuditGroup): string {
  const what = `${group.actorName} ${WHAT[group.action]}`;
  if (group.count === 1) return `${minute(group.last)} UTC: ${what} (${group.lastDetail})`;
  return `${minute(group.first)} – ${minute(group.last)} UTC: ${what} ${group.count} times (last: ${group.lastDetail})`;
}
