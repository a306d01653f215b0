import type { Db } from '../db/client.ts';
import type { Roadmaps } from './roadmap.ts';
import { doneMilestones, getMember, listProjects } from './store.ts';

const iso = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : new Date(ms).toISOString());

type Row = Record<string, unknown>;

/**
 * Everything Pivot stores about one member, as plain JSON: their own rows in
 * every table of `MEMBER_DATA`, and what they did as a mentor. Undefined when
 * nothing is stored.
 */
export function exportMember(db: Db, roadmaps: Roadmaps, memberId: string) {
  // Raw SQL: the export shows each table's columns as stored (SELECT *, 0/1 flags), the documented shape of /export.
  const all = (sql: string, ...params: unknown[]) => db.$client.prepare(sql).all(memberId, ...params) as Row[];
  const member = getMember(db, memberId);
  const turns = all('SELECT * FROM turns WHERE member_id = ? ORDER BY id');
  const sections = {
    feedback: all('SELECT turn_id, helpful, created_at FROM feedback WHERE member_id = ? ORDER BY created_at'),
    interviews: all('SELECT * FROM practice_sessions WHERE member_id = ? ORDER BY id'),
    schedule: all('SELECT * FROM checkin_schedules WHERE member_id = ?'),
    deliveries: all('SELECT * FROM checkin_deliveries WHERE member_id = ? ORDER BY id'),
    reminders: all('SELECT week, remind_at, status, sent_at, created_at FROM checkin_reminders WHERE member_id = ? ORDER BY week'),
    groups: all(
      `SELECT g.name, g.place, g.channel_id, m.display_name, m.share, m.joined_at
       FROM group_members m JOIN study_groups g ON g.id = m.group_id WHERE m.member_id = ? ORDER BY m.joined_at`,
    ),
    groupsCreated: all('SELECT id, place, name, created_at FROM study_groups WHERE owner_id = ? ORDER BY id'),
    consent: all('SELECT mentors_may_read, updated_at FROM privacy_settings WHERE member_id = ?'),
    notes: all('SELECT mentor_name, text, created_at, delivered_at FROM mentor_notes WHERE member_id = ? ORDER BY id'),
    audit: all('SELECT actor_name, actor_id, action, detail, created_at FROM audit_log WHERE member_id = ? ORDER BY id'),
    notesWritten: all('SELECT member_id, text, created_at FROM mentor_notes WHERE mentor_id = ? ORDER BY id'),
    reads: all('SELECT member_id, action, detail, created_at FROM audit_log WHERE actor_id = ? ORDER BY id'),
    proposals: all('SELECT milestone_id, status, created_at FROM proposals WHERE member_id = ? ORDER BY id'),
    changes: all('SELECT kind, undo, undone_at, created_at FROM state_changes WHERE member_id = ? ORDER BY id'),
    discordMessages: all('SELECT message_id, channel_id, status, turn_id, received_at FROM discord_inbox WHERE member_id = ? ORDER BY received_at'),
    modelCalls: all('SELECT purpose, model, status, prompt_tokens, completion_tokens, estimated, created_at FROM model_calls WHERE member_id = ? ORDER BY id'),
  };
  const projects = listProjects(db, memberId);
  const done = doneMilestones(db, memberId);
  const stored = member || turns.length || projects.length || Object.values(sections).some((rows) => rows.length);
  if (!stored) return undefined;
  const track = member?.profile.track;
  const consent = sections.consent[0];
  return {
    member: memberId,
    profile: member?.profile ?? null,
    mentorsMayRead: consent ? consent.mentors_may_read === 1 : false,
    milestones: (track ? roadmaps.milestones(track) : []).map((m) => ({
      id: m.id,
      title: m.title,
      phase: m.phaseId,
      done: done.has(m.id),
      doneAt: iso(done.get(m.id)),
    })),
    // Milestones done on a track the member has since left are theirs too.
    milestonesDone: [...done].map(([id, at]) => ({ id, doneAt: iso(at) })),
    projects: projects.map((p) => ({ ...p, createdAt: iso(p.createdAt) })),
    turns: turns.map((t) => ({
      id: t.id,
      conversation: t.conversation_id,
      question: t.question,
      answer: t.answer,
      sources: JSON.parse(String(t.cited_ids)),
      mode: t.mode,
      model: t.model,
      promptTokens: t.prompt_tokens,
      completionTokens: t.completion_tokens,
      at: iso(t.created_at as number),
    })),
    feedback: sections.feedback.map((f) => ({ turnId: f.turn_id, helpful: f.helpful === 1, at: iso(f.created_at as number) })),
    interviews: sections.interviews.map(plain),
    checkins: { schedule: sections.schedule.map(plain)[0] ?? null, deliveries: sections.deliveries.map(plain), reminders: sections.reminders.map(plain) },
    groups: sections.groups.map(plain),
    groupsCreated: sections.groupsCreated.map(plain),
    notes: sections.notes.map(plain),
    audit: sections.audit.map(plain),
    asMentor: { notes: sections.notesWritten.map(plain), reads: sections.reads.map(plain) },
    proposals: sections.proposals.map(plain),
    changes: sections.changes.map(plain),
    discordMessages: sections.discordMessages.map(plain),
    modelCalls: sections.modelCalls.map((c) => ({ ...plain(c), estimated: c.estimated === 1 })),
  };
}

/** camelCase keys, times as ISO strings, JSON columns parsed: what a person can read. */
function plain(row: Row): Row {
  return Object.fromEntries(
    Object.entries(row).map(([key, value]) => {
      const name = key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
      if (key.endsWith('_at') && typeof value === 'number') return [name, iso(value)];
      if ((key === 'scores' || key === 'undo') && typeof value === 'string') return [name, JSON.parse(value)];
      return [name, value];
    }),
  );
}
