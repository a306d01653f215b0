import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { privacySettings } from '../db/schema.ts';

/** Whether mentors may read the member's conversations and progress. Off unless the member turned it on. */
export function mentorsMayRead(db: Db, memberId: string): boolean {
  const row = db.select({ allowed: privacySettings.mentorsMayRead }).from(privacySettings).where(eq(privacySettings.memberId, memberId)).get();
  return row?.allowed === true;
}

export function setMentorConsent(db: Db, memberId: string, allowed: boolean, now: number): void {
  db.insert(privacySettings)
    .values({ memberId, mentorsMayRead: allowed, updatedAt: new Date(now) })
    .onConflictDoUpdate({ target: privacySettings.memberId, set: { mentorsMayRead: allowed, updatedAt: new Date(now) } })
    .run();
}

/** Members who let mentors read, as of now. */
export function consentingMembers(db: Db): string[] {
  return db
    .select({ memberId: privacySettings.memberId })
    .from(privacySettings)
    .where(eq(privacySettings.mentorsMayRead, true))
    .orderBy(privacySettings.memberId)
    .all()
    .map((r) => r.memberId);
}
