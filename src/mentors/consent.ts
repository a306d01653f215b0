import type { Db } from '../db/client.ts';

/** Whether mentors may read the member's conversations and progress. Off unless the member turned it on. */
export function mentorsMayRead(db: Db, memberId: string): boolean {
  const row = db.$client.prepare('SELECT mentors_may_read FROM privacy_settings WHERE member_id = ?').pluck().get(memberId);
  return row === 1;
}

export function setMentorConsent(db: Db, memberId: string, allowed: boolean, now: number): void {
  db.$client
    .prepare(
      `INSERT INTO privacy_settings (member_id, mentors_may_read, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (member_id) DO UPDATE SET mentors_may_read = excluded.mentors_may_read, updated_at = excluded.updated_at`,
    )
    .run(memberId, allowed ? 1 : 0, now);
}

/** Members who let mentors read, as of now. */
export function consentingMembers(db: Db): string[] {
  return db.$client.prepare('SELECT member_id FROM privacy_settings WHERE mentors_may_read = 1 ORDER BY member_id').pluck().all() as string[];
}
