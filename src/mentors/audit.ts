import type { Db } from '../db/client.ts';

export type AuditAction = 'mentees' | 'logs' | 'flagged' | 'note';

export type Actor = { id: string; name: string };

export type AuditEntry = { actorId: string; actorName: string; action: AuditAction; detail: string; at: number };

/** Records that `actor` read or wrote something about a member. Call inside the transaction that reads. */
export function recordAudit(db: Db, memberId: string, actor: Actor, action: AuditAction, detail: string, now: number): void {
  db.$client
    .prepare('INSERT INTO audit_log (member_id, actor_id, actor_name, action, detail, created_at) VALUES (?, ?, ?, ?, ?, ?)')
    .run(memberId, actor.id, actor.name, action, detail, now);
}

/** The member's audit trail, newest first. */
export function auditTrail(db: Db, memberId: string, limit = 20): AuditEntry[] {
  return (
    db.$client
      .prepare(
        'SELECT actor_id, actor_name, action, detail, created_at FROM audit_log WHERE member_id = ? ORDER BY id DESC LIMIT ?',
      )
      .all(memberId, limit) as { actor_id: string; actor_name: string; action: AuditAction; detail: string; created_at: number }[]
  ).map((r) => ({ actorId: r.actor_id, actorName: r.actor_name, action: r.action, detail: r.detail, at: r.created_at }));
}

const WHAT: Record<AuditAction, string> = {
  mentees: 'saw you in the mentee list',
  logs: 'read your conversation log',
  flagged: 'reviewed your flagged answers',
  note: 'left you a note',
};

export function describeAudit(entry: AuditEntry): string {
  const when = new Date(entry.at).toISOString().slice(0, 16).replace('T', ' ');
  return `${when} UTC: ${entry.actorName} ${WHAT[entry.action]} (${entry.detail})`;
}
