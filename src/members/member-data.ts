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
  /** What the member calls these rows (shown by /privacy). */
  label: string;
  owned?: string;
  mentions?: { column: string; replacement: Record<string, string> }[];
};

const ERASED_ID = 'erased';
const FORMER = 'a former member';

/** In erasure order: rows that reference others (feedback → turns, progress → members) come first. */
export const MEMBER_DATA: Record<string, MemberColumns> = {
  feedback: { label: 'answer ratings', owned: 'member_id' },
  turns: { label: 'questions and answers', owned: 'member_id' },
  model_calls: { label: 'model calls and the tokens each used', owned: 'member_id' },
  proposals: { label: 'suggested changes', owned: 'member_id' },
  practice_sessions: { label: 'interview practice answers', owned: 'member_id' },
  checkin_deliveries: { label: 'weekly check-ins', owned: 'member_id' },
  checkin_reminders: { label: 'check-in reminders you asked for', owned: 'member_id' },
  checkin_schedules: { label: 'check-in schedule', owned: 'member_id' },
  discord_inbox: { label: 'Discord messages being answered (kept a day after the answer)', owned: 'member_id' },
  group_members: { label: 'study-group memberships', owned: 'member_id' },
  milestone_progress: { label: 'milestones done', owned: 'member_id' },
  projects: { label: 'portfolio projects', owned: 'member_id' },
  state_changes: { label: 'undo history entries', owned: 'member_id' },
  privacy_settings: { label: 'privacy setting', owned: 'member_id' },
  mentor_notes: { label: 'mentor notes', owned: 'member_id', mentions: [{ column: 'mentor_id', replacement: { mentor_id: ERASED_ID, mentor_name: FORMER } }] },
  audit_log: { label: 'audit entries', owned: 'member_id', mentions: [{ column: 'actor_id', replacement: { actor_id: ERASED_ID, actor_name: FORMER } }] },
  study_groups: { label: 'study groups you created', mentions: [{ column: 'owner_id', replacement: { owner_id: ERASED_ID } }] },
  members: { label: 'profile', owned: 'id' },
};

/**
 * Tables that hold no member data: the knowledge index, bookkeeping, and
 * digest records (group, week and status only: the digest text, which names
 * members and their progress, is posted but never stored).
 */
export const NO_MEMBER_DATA = [/^knowledge_/, /^group_digests$/, /^__drizzle_migrations$/, /^sqlite_/];
