import { describe, expect, it } from 'vitest';
import { recordFeedback } from '../../src/answer/feedback.ts';
import { createTurnStore } from '../../src/answer/turns.ts';
import { claimCheckin, recordMissedWeek } from '../../src/checkins/store.ts';
import { openDatabase } from '../../src/db/client.ts';
import { auditSummary, recordAudit } from '../../src/mentors/audit.ts';
import { consentingMembers, mentorsMayRead, setMentorConsent } from '../../src/mentors/consent.ts';
import { addMentorNote, takeMentorNotes } from '../../src/mentors/notes.ts';
import { listMentees, readMemberLog } from '../../src/mentors/review.ts';
import { testApp } from '../support/app.ts';

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

describe('what mentors read', () => {
  it('lists each consenting mentee’s last activity and last check-in answer, and a log with the member’s own votes, oldest first', () => {
    const app = testApp({}, { llm: null, now: () => 50_000 });
    try {
      const { db } = app;
      const deps = { db, roadmaps: app.core.roadmaps, now: () => 50_000 };
      const turns = createTurnStore(db);
      const ask = (memberId: string, n: number) =>
        turns.store({
          memberId,
          conversationId: `dm:${memberId}`,
          question: `q${n}`,
          answer: `a${n}`,
          chunkIds: [],
          citedIds: ['cv/length'],
          mode: 'offline',
          model: null,
          promptTokens: 0,
          completionTokens: 0,
          latencyMs: 5,
          createdAt: new Date(n * 1000),
        });
      for (const id of ['ana', 'bo']) setMentorConsent(db, id, true, 1);
      const first = ask('ana', 1);
      const second = ask('ana', 2);
      ask('ana', 3);
      recordFeedback(db, { turnId: first, memberId: 'ana', helpful: false, at: 4000 });
      recordFeedback(db, { turnId: second, memberId: 'ana', helpful: true, at: 4000 });
      recordFeedback(db, { turnId: second, memberId: 'bo', helpful: false, at: 4000 });
      recordMissedWeek(db, 'ana', '2026-W01', 1);
      claimCheckin(db, 'ana', '2026-W02', 2);
      db.$client.prepare("UPDATE checkin_deliveries SET response = 'stuck' WHERE week = '2026-W01'").run();
      expect(listMentees(deps, mia).map(({ memberId, lastActive, lastCheckin }) => ({ memberId, lastActive, lastCheckin }))).toEqual([
        { memberId: 'ana', lastActive: 3000, lastCheckin: 'stuck' },
        { memberId: 'bo', lastActive: null, lastCheckin: null },
      ]);
      expect(readMemberLog(deps, mia, 'ana')).toEqual([
        { id: 1, at: 1000, question: 'q1', answer: 'a1', sources: ['cv/length'], mode: 'offline', helpful: false },
        { id: 2, at: 2000, question: 'q2', answer: 'a2', sources: ['cv/length'], mode: 'offline', helpful: true },
        { id: 3, at: 3000, question: 'q3', answer: 'a3', sources: ['cv/length'], mode: 'offline', helpful: null },
      ]);
    } finally {
      app.close();
    }
  });
});
