import type { Db } from '../db/client.ts';

export type AuditAction = 'mentees' | 'logs' | 'flagged' | 'note';

export type Actor = { id: string; name: string };

/** Records that `actor` read or wrote something about a member. Call inside the transaction that reads. */
export function recordAudit(db: Db, memberId: string, actor: Actor, action: AuditAction, detail: string, now: number): void {
  db.$client
    .prepare('INSERT INTO audit_log (member_id, actor_id, actor_name, action, detail, created_at) VALUES (?, ?, ?, ?, ?, ?)')
    .run(memberId, actor.id, actor.name, action, detail, now);
}

/** Every read (or note) of one kind by one mentor, counted: a mentor's later reads cannot push earlier ones out of view. */
export type AuditGroup = { actorId: string; actorName: string; action: AuditAction; count: number; first: number; last: number; lastDetail: string };

/** The member's whole audit trail, one entry per mentor and kind, most recent first. */
export function auditSummary(db: Db, memberId: string): AuditGroup[] {
  return (
    db.$client
      .prepare(
        `WITH g AS (
           SELECT actor_id, action, count(*) AS count, min(created_at) AS first, max(created_at) AS last, max(id) AS last_id
           FROM audit_log WHERE member_id = ? GROUP BY actor_id, action)
         SELECT g.actor_id, g.action, g.count, g.first, g.last, l.actor_name, l.detail
         FROM g JOIN audit_log l ON l.id = g.last_id ORDER BY g.last_id DESC`,
      )
      .all(memberId) as { actor_id: string; actor_name: string; action: AuditAction; count: number; first: number; last: number; detail: string }[]
  ).map((r) => ({ actorId: r.actor_id, actorName: r.actor_name, action: r.action, count: r.count, first: r.first, last: r.last, lastDetail: r.detail }));
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
