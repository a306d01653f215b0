import { and, eq, isNull, type SQLWrapper, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { preparedPerDatabase } from '../db/prepared.ts';
import { mentorNotes } from '../db/schema.ts';
import { type Actor, recordAudit } from './audit.ts';

/** Leaves a note for the member, shown with their next reply; the audit row is written with it. */
export function addMentorNote(db: Db, memberId: string, mentor: Actor, text: string, now: number): void {
  db.$client
    .transaction(() => {
      db.insert(mentorNotes)
        .values({ memberId, mentorId: mentor.id, mentorName: mentor.name, text, createdAt: new Date(now) })
        .run();
      recordAudit(db, memberId, mentor, 'note', `${text.length} characters`, now);
    })
    .immediate();
}

const undelivered = (memberId: string | SQLWrapper) => and(eq(mentorNotes.memberId, memberId), isNull(mentorNotes.deliveredAt));

/** Cheap read first: this runs on every message, and almost always finds nothing. */
const noteWaiting = preparedPerDatabase((db) =>
  db
    .select({ id: mentorNotes.id })
    .from(mentorNotes)
    .where(undelivered(sql.placeholder('memberId')))
    .limit(1)
    .prepare(),
);

/** Notes the member has not seen yet, oldest first, marked as delivered. */
export function takeMentorNotes(db: Db, memberId: string, now: number): { mentorName: string; text: string }[] {
  if (!noteWaiting(db).get({ memberId })) return [];
  return db.$client
    .transaction(() => {
      const notes = db
        .select({ mentorName: mentorNotes.mentorName, text: mentorNotes.text })
        .from(mentorNotes)
        .where(undelivered(memberId))
        .orderBy(mentorNotes.id)
        .all();
      db.update(mentorNotes)
        .set({ deliveredAt: new Date(now) })
        .where(undelivered(memberId))
        .run();
      return notes;
    })
    .immediate();
}
