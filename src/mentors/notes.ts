import type { Db } from '../db/client.ts';
import { type Actor, recordAudit } from './audit.ts';

/** Leaves a note for the member, shown with their next reply; the audit row is written with it. */
export function addMentorNote(db: Db, memberId: string, mentor: Actor, text: string, now: number): void {
  db.$client
    .transaction(() => {
      db.$client
        .prepare('INSERT INTO mentor_notes (member_id, mentor_id, mentor_name, text, created_at) VALUES (?, ?, ?, ?, ?)')
        .run(memberId, mentor.id, mentor.name, text, now);
      recordAudit(db, memberId, mentor, 'note', `${text.length} characters`, now);
    })
    .immediate();
}

/** Notes the member has not seen yet, oldest first, marked as delivered. */
export function takeMentorNotes(db: Db, memberId: string, now: number): { mentorName: string; text: string }[] {
  const sqlite = db.$client;
  // Cheap read first: this runs on every message, and almost always finds nothing.
  const waiting = sqlite.prepare('SELECT 1 FROM mentor_notes WHERE member_id = ? AND delivered_at IS NULL LIMIT 1').get(memberId);
  if (!waiting) return [];
  return sqlite
    .transaction(() => {
      const notes = sqlite.prepare('SELECT mentor_name, text FROM mentor_notes WHERE member_id = ? AND delivered_at IS NULL ORDER BY id').all(memberId) as {
        mentor_name: string;
        text: string;
      }[];
      sqlite.prepare('UPDATE mentor_notes SET delivered_at = ? WHERE member_id = ? AND delivered_at IS NULL').run(now, memberId);
      return notes.map((n) => ({ mentorName: n.mentor_name, text: n.text }));
    })
    .immediate();
}
