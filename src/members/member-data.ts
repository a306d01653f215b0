/**
 * Where member data lives: every table, and the columns in it that name a
 * member. Export and erasure both read this list, and a test checks it
 * against the live schema, so a new table cannot be forgotten by /forget.
 *
 * - `owned`: rows that are the member's own data; erased with them.
 * - `mentions`: rows that belong to someone else but name the member (a note
 *   they wrote as a mentor, a group they created); the name is replaced so
 *   the other person's record stays whole.
 */
export type MemberColumns = {
  owned?: string;
  mentions?: { column: string; replacement: Record<string, string> }[];
};

export const ERASED_ID = 'erased';
const FORMER = 'a former member';

export const MEMBER_DATA: Record<string, MemberColumns> = {
  feedback: { owned: 'member_id' },
  turns: { owned: 'member_id' },
  proposals: { owned: 'member_id' },
  practice_sessions: { owned: 'member_id' },
  checkin_deliveries: { owned: 'member_id' },
  checkin_schedules: { owned: 'member_id' },
  discord_inbox: { owned: 'member_id' },
  group_members: { owned: 'member_id' },
  milestone_progress: { owned: 'member_id' },
  projects: { owned: 'member_id' },
  state_changes: { owned: 'member_id' },
  privacy_settings: { owned: 'member_id' },
  mentor_notes: {
    owned: 'member_id',
    mentions: [{ column: 'mentor_id', replacement: { mentor_id: ERASED_ID, mentor_name: FORMER } }],
  },
  audit_log: {
    owned: 'member_id',
    mentions: [{ column: 'actor_id', replacement: { actor_id: ERASED_ID, actor_name: FORMER } }],
  },
  study_groups: { mentions: [{ column: 'owner_id', replacement: { owner_id: ERASED_ID } }] },
  members: { owned: 'id' },
};

/** Tables that hold no member data: the knowledge index, delivery records keyed by group, bookkeeping. */
export const NO_MEMBER_DATA = [/^knowledge_/, /^group_digests$/, /^__drizzle_migrations$/, /^sqlite_/];

/** Erasure order: children before the rows they reference. */
export const ERASURE_ORDER = Object.keys(MEMBER_DATA);
