import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.ts';
import { auditSummary, recordAudit } from '../../src/mentors/audit.ts';
import { consentingMembers, mentorsMayRead, setMentorConsent } from '../../src/mentors/consent.ts';
import { addMentorNote, takeMentorNotes } from '../../src/mentors/notes.ts';

const mia = { id: 'mia', name: 'Mia' };
const rows = (db: ReturnType<typeof openDatabase>, sql: string) => db.$client.prepare(sql).all();

describe('what the mentor stores keep', () => {
  it('stores consent per member, the latest choice winning', () => {
    const db = openDatabase(':memory:');
    setMentorConsent(db, 'zed', true, 1000);
    setMentorConsent(db, 'ana', true, 1100);
    setMentorConsent(db, 'bo', false, 1200);
    setMentorConsent(db, 'zed', false, 1300);
    setMentorConsent(db, 'zed', true, 1400);
    expect(rows(db, 'SELECT * FROM privacy_settings ORDER BY member_id')).toEqual([
      { member_id: 'ana', mentors_may_read: 1, updated_at: 1100 },
      { member_id: 'bo', mentors_may_read: 0, updated_at: 1200 },
      { member_id: 'zed', mentors_may_read: 1, updated_at: 1400 },
    ]);
    expect([mentorsMayRead(db, 'ana'), mentorsMayRead(db, 'bo'), mentorsMayRead(db, 'nobody')]).toEqual([true, false, false]);
    expect(consentingMembers(db)).toEqual(['ana', 'zed']);
  });

  it('stores a note with its audit row, and hands notes over once, oldest first', () => {
    const db = openDatabase(':memory:');
    addMentorNote(db, 'ana', mia, 'Try the feature store guide', 1000);
    addMentorNote(db, 'ana', { id: 'raj', name: 'Raj' }, 'Nice progress', 2000);
    expect(rows(db, 'SELECT * FROM mentor_notes ORDER BY id')).toEqual([
      { id: 1, member_id: 'ana', mentor_id: 'mia', mentor_name: 'Mia', text: 'Try the feature store guide', created_at: 1000, delivered_at: null },
      { id: 2, member_id: 'ana', mentor_id: 'raj', mentor_name: 'Raj', text: 'Nice progress', created_at: 2000, delivered_at: null },
    ]);
    expect(rows(db, 'SELECT member_id, actor_id, actor_name, action, detail, created_at FROM audit_log ORDER BY id')).toEqual([
      { member_id: 'ana', actor_id: 'mia', actor_name: 'Mia', action: 'note', detail: '27 characters', created_at: 1000 },
      { member_id: 'ana', actor_id: 'raj', actor_name: 'Raj', action: 'note', detail: '13 characters', created_at: 2000 },
    ]);
    expect(takeMentorNotes(db, 'bo', 3000)).toEqual([]);
    expect(takeMentorNotes(db, 'ana', 3000)).toEqual([
      { mentorName: 'Mia', text: 'Try the feature store guide' },
      { mentorName: 'Raj', text: 'Nice progress' },
    ]);
    expect(takeMentorNotes(db, 'ana', 4000)).toEqual([]);
    expect(rows(db, 'SELECT delivered_at FROM mentor_notes ORDER BY id')).toEqual([{ delivered_at: 3000 }, { delivered_at: 3000 }]);
  });

  it('sums the audit trail per mentor and kind, naming each by their latest read, most recent first', () => {
    const db = openDatabase(':memory:');
    recordAudit(db, 'ana', mia, 'logs', '20 turns', 1000);
    recordAudit(db, 'ana', { id: 'raj', name: 'Raj' }, 'mentees', 'track', 1500);
    recordAudit(db, 'ana', { id: 'mia', name: 'Mia K' }, 'logs', '3 turns', 2000);
    recordAudit(db, 'bo', mia, 'logs', '1 turn', 2500);
    expect(auditSummary(db, 'ana')).toEqual([
      { actorId: 'mia', actorName: 'Mia K', action: 'logs', count: 2, first: 1000, last: 2000, lastDetail: '3 turns' },
      { actorId: 'raj', actorName: 'Raj', action: 'mentees', count: 1, first: 1500, last: 1500, lastDetail: 'track' },
    ]);
    expect(auditSummary(db, 'nobody')).toEqual([]);
  });
});
