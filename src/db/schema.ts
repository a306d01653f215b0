import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/**
 * One retrievable piece of the knowledge base. Rebuilt from `knowledge/*.md`
 * whenever their content hash changes; the FTS5 table `knowledge_fts`
 * (a custom migration, drizzle has no virtual tables) indexes the same rows.
 */
export const knowledgeChunks = sqliteTable('knowledge_chunks', {
  id: text('id').primaryKey(),
  file: text('file').notNull(),
  position: integer('position').notNull(),
  title: text('title').notNull(),
  tags: text('tags', { mode: 'json' }).$type<string[]>().notNull(),
  sources: text('sources', { mode: 'json' }).$type<string[]>().notNull(),
  /** Member-style questions the chunk answers, ranked as their own field. */
  asks: text('asks', { mode: 'json' }).$type<string[]>().notNull().default([]),
  body: text('body').notNull(),
});

/** Small key/value facts about the knowledge index, such as the content hash it was built from. */
export const knowledgeState = sqliteTable('knowledge_state', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/**
 * One question and its answer. A conversation is a DM, a Discord thread or a
 * terminal session; context for a follow-up comes only from its own rows.
 */
export const turns = sqliteTable(
  'turns',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    memberId: text('member_id').notNull(),
    conversationId: text('conversation_id').notNull(),
    question: text('question').notNull(),
    answer: text('answer').notNull(),
    /** Retrieved chunk ids, best first. */
    chunkIds: text('chunk_ids', { mode: 'json' }).$type<string[]>().notNull(),
    /** The retrieved chunk ids the answer cites, in order of first citation. */
    citedIds: text('cited_ids', { mode: 'json' }).$type<string[]>().notNull(),
    mode: text('mode', { enum: ['llm', 'offline'] }).notNull(),
    model: text('model'),
    promptTokens: integer('prompt_tokens').notNull().default(0),
    completionTokens: integer('completion_tokens').notNull().default(0),
    latencyMs: integer('latency_ms').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    index('turns_conversation_idx').on(t.conversationId, t.id),
    index('turns_member_time_idx').on(t.memberId, t.createdAt),
    // Retention purges by age alone.
    index('turns_created_idx').on(t.createdAt),
  ],
);

/** A member's 👍/👎 on one answer; pressing again replaces their earlier vote. */
export const feedback = sqliteTable(
  'feedback',
  {
    turnId: integer('turn_id')
      .notNull()
      .references(() => turns.id, { onDelete: 'cascade' }),
    memberId: text('member_id').notNull(),
    helpful: integer('helpful', { mode: 'boolean' }).notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.turnId, t.memberId] })],
);

/** What Pivot knows about a member's transition; every field is optional until they say it. */
export const members = sqliteTable('members', {
  id: text('id').primaryKey(),
  role: text('role'),
  years: integer('years'),
  stack: text('stack'),
  track: text('track', { enum: ['ml-platform', 'applied-ml', 'ml-research'] }),
  hours: integer('hours'),
  market: text('market', { enum: ['uk', 'us', 'eu', 'remote-eu', 'other'] }),
  timezone: text('timezone'),
  targetDate: text('target_date'),
  goal: text('goal'),
  /** The onboarding question waiting for an answer, or null when none is. */
  onboardingStep: text('onboarding_step'),
  /** The conversation (DM, thread, terminal session) the set-up runs in: only a line there answers its question. */
  onboardingConversationId: text('onboarding_conversation_id'),
  /** When Pivot first offered to set up the profile; it offers once. */
  onboardingOfferedAt: integer('onboarding_offered_at', { mode: 'timestamp_ms' }),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
});

export const milestoneProgress = sqliteTable(
  'milestone_progress',
  {
    memberId: text('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    milestoneId: text('milestone_id').notNull(),
    doneAt: integer('done_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.memberId, t.milestoneId] })],
);

export const projects = sqliteTable('projects', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  memberId: text('member_id')
    .notNull()
    .references(() => members.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  url: text('url'),
  summary: text('summary'),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
});

/** Each change to a member's state, with what it replaced, so /undo can reverse the last one. */
export const stateChanges = sqliteTable(
  'state_changes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    memberId: text('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['profile', 'milestone-done', 'project-add'] }).notNull(),
    /** JSON: the previous profile fields, the milestone id, or the project id. */
    undo: text('undo', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    undoneAt: integer('undone_at', { mode: 'timestamp_ms' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('state_changes_member_idx').on(t.memberId, t.id)],
);

/** A change the model proposed from what a member said; written only after the member confirms. */
export const proposals = sqliteTable(
  'proposals',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    memberId: text('member_id').notNull(),
    conversationId: text('conversation_id').notNull(),
    milestoneId: text('milestone_id').notNull(),
    status: text('status', { enum: ['pending', 'confirmed', 'declined'] }).notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  // Every plain-text message looks for a pending proposal in its conversation.
  (t) => [index('proposals_member_conversation_idx').on(t.memberId, t.conversationId)],
);

/** One interview practice question: asked, then answered and scored. */
export const practiceSessions = sqliteTable(
  'practice_sessions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    memberId: text('member_id').notNull(),
    conversationId: text('conversation_id').notNull(),
    questionId: text('question_id').notNull(),
    status: text('status', { enum: ['asked', 'answered', 'abandoned'] }).notNull(),
    answer: text('answer'),
    /** JSON: { "Structure": 3, "Technical depth": 4, … } */
    scores: text('scores', { mode: 'json' }).$type<Record<string, number>>(),
    feedback: text('feedback'),
    mode: text('mode', { enum: ['llm', 'offline'] }),
    askedAt: integer('asked_at', { mode: 'timestamp_ms' }).notNull(),
    answeredAt: integer('answered_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('practice_member_idx').on(t.memberId, t.id)],
);

/** A member's weekly check-in: opt-in, at their local weekday and time. */
export const checkinSchedules = sqliteTable('checkin_schedules', {
  memberId: text('member_id').primaryKey(),
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: integer('weekday').notNull(),
  /** Local time, HH:MM. */
  time: text('time').notNull(),
  timezone: text('timezone').notNull(),
  enabled: integer('enabled', { mode: 'boolean' }).notNull(),
  /** Set when DMs turned out closed; the member is told the next time they talk to Pivot. */
  undeliverableAt: integer('undeliverable_at', { mode: 'timestamp_ms' }),
  /** No check-in falls due before this instant (/checkin pause). */
  pausedUntil: integer('paused_until', { mode: 'timestamp_ms' }),
  /** The member's last action on their check-ins (on, pause, resume, a reminder asked for): it counts as an answer. */
  activeAt: integer('active_at', { mode: 'timestamp_ms' }),
  /** Set when check-ins stopped after going unanswered; /checkin status says so and /checkin resume restarts them. */
  quietStoppedAt: integer('quiet_stopped_at', { mode: 'timestamp_ms' }),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
});

/**
 * One check-in per member per ISO week (in their timezone). The row is
 * claimed before sending; the unique key makes a second claim fail.
 */
export const checkinDeliveries = sqliteTable(
  'checkin_deliveries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    memberId: text('member_id').notNull(),
    week: text('week').notNull(),
    /** `paused`: passed over during a pause; `quiet`: the off week of every-other-week check-ins; `stopped`: the last message. */
    status: text('status', { enum: ['sending', 'sent', 'missed', 'failed', 'undeliverable', 'paused', 'quiet', 'stopped'] }).notNull(),
    attempts: integer('attempts').notNull(),
    text: text('text'),
    claimedAt: integer('claimed_at', { mode: 'timestamp_ms' }).notNull(),
    /** The process holding the claim (host:pid), so a claim left by a process that died can be taken over at once. */
    claimedBy: text('claimed_by'),
    sentAt: integer('sent_at', { mode: 'timestamp_ms' }),
    /** The member's answer: on-track, stuck or skip. */
    response: text('response', { enum: ['on-track', 'stuck', 'skip'] }),
    /** What blocks them, in their words, when stuck. */
    blocker: text('blocker'),
    /** When they answered (rows answered before this column existed have none). */
    answeredAt: integer('answered_at', { mode: 'timestamp_ms' }),
    /** When stuck: the milestone they were working towards, for mentors. */
    milestoneId: text('milestone_id'),
  },
  (t) => [uniqueIndex('checkin_member_week').on(t.memberId, t.week)],
);

/**
 * "Remind me in 2 days": at most one reminder per member per week, sent once
 * by the planner and claimed before sending exactly like the check-in itself.
 */
export const checkinReminders = sqliteTable(
  'checkin_reminders',
  {
    memberId: text('member_id').notNull(),
    week: text('week').notNull(),
    remindAt: integer('remind_at', { mode: 'timestamp_ms' }).notNull(),
    status: text('status', { enum: ['waiting', 'sending', 'sent', 'missed', 'failed', 'undeliverable', 'cancelled'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    claimedAt: integer('claimed_at', { mode: 'timestamp_ms' }),
    claimedBy: text('claimed_by'),
    sentAt: integer('sent_at', { mode: 'timestamp_ms' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.memberId, t.week] }), index('checkin_reminders_due_idx').on(t.status, t.remindAt)],
);

/** A study group in one shared channel; its weekly digest is posted there. */
export const studyGroups = sqliteTable(
  'study_groups',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** The guild (or "terminal") the group lives in; names are unique within it. */
    place: text('place').notNull(),
    name: text('name').notNull(),
    channelId: text('channel_id').notNull(),
    ownerId: text('owner_id').notNull(),
    weekday: integer('weekday').notNull(),
    time: text('time').notNull(),
    timezone: text('timezone').notNull(),
    /** The one thread the weekly digests are posted in, once opened. */
    threadId: text('thread_id'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [uniqueIndex('study_groups_place_name').on(t.place, t.name)],
);

export const groupMembers = sqliteTable(
  'group_members',
  {
    groupId: integer('group_id')
      .notNull()
      .references(() => studyGroups.id, { onDelete: 'cascade' }),
    memberId: text('member_id').notNull(),
    /** How the digest names them (never a mention). */
    displayName: text('display_name').notNull(),
    /** Whether their progress appears in the digest; off unless they say so. */
    share: integer('share', { mode: 'boolean' }).notNull(),
    joinedAt: integer('joined_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.memberId] })],
);

/**
 * One digest per group per ISO week, claimed before posting like check-ins.
 * The digest's text is not kept: it names members and their progress, which
 * erasure must not leave behind, and once posted it lives in the channel.
 */
export const groupDigests = sqliteTable(
  'group_digests',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    groupId: integer('group_id').notNull(),
    week: text('week').notNull(),
    status: text('status', { enum: ['sending', 'sent', 'missed', 'failed'] }).notNull(),
    claimedAt: integer('claimed_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [uniqueIndex('group_digests_group_week').on(t.groupId, t.week)],
);

/** Whether mentors may read a member's conversations and progress; no row means no (the default). */
export const privacySettings = sqliteTable('privacy_settings', {
  memberId: text('member_id').primaryKey(),
  mentorsMayRead: integer('mentors_may_read', { mode: 'boolean' }).notNull(),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
});

/** A mentor's note to a member, shown with the member's next reply. */
export const mentorNotes = sqliteTable(
  'mentor_notes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    memberId: text('member_id').notNull(),
    mentorId: text('mentor_id').notNull(),
    mentorName: text('mentor_name').notNull(),
    text: text('text').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    deliveredAt: integer('delivered_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('mentor_notes_member_idx').on(t.memberId, t.deliveredAt)],
);

/** Who read or wrote what about a member, written in the same transaction as the read. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** The member whose data was read. */
    memberId: text('member_id').notNull(),
    actorId: text('actor_id').notNull(),
    actorName: text('actor_name').notNull(),
    action: text('action', { enum: ['mentees', 'logs', 'flagged', 'note'] }).notNull(),
    /** What was read, in words, e.g. "20 turns". Never message text. */
    detail: text('detail').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('audit_log_member_idx').on(t.memberId, t.id), index('audit_log_actor_idx').on(t.actorId)],
);

/**
 * Each Discord message the bot accepted, recorded before it is answered, so a
 * crash loses none: on start-up, rows still owed an answer (or part of one)
 * are finished. Holds ids, never the member's text; the rendered reply is kept
 * only until it has been delivered.
 */
export const discordInbox = sqliteTable(
  'discord_inbox',
  {
    messageId: text('message_id').primaryKey(),
    channelId: text('channel_id').notNull(),
    memberId: text('member_id').notNull(),
    /** Set once it is known where the answer goes (a thread may have to be started first). */
    conversationId: text('conversation_id'),
    replyChannelId: text('reply_channel_id'),
    /** The message the first part of the answer replies to, if any. */
    replyToId: text('reply_to_id'),
    status: text('status', { enum: ['received', 'answered', 'sent', 'failed', 'dropped'] }).notNull(),
    /** The turn that answered it, written in the same transaction as the turn. */
    turnId: integer('turn_id'),
    /** JSON: the rendered parts of the answer, until they are all delivered. */
    parts: text('parts'),
    partsSent: integer('parts_sent').notNull().default(0),
    lastSentId: text('last_sent_id'),
    attempts: integer('attempts').notNull().default(0),
    receivedAt: integer('received_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('discord_inbox_status_idx').on(t.status, t.receivedAt), index('discord_inbox_received_idx').on(t.receivedAt)],
);

/**
 * One call to the language model on a member's behalf, from any command. The
 * per-minute limit and the daily token budget are counted from these rows.
 * The row is written before the call (with the prompt's estimated tokens), so
 * a call in flight already counts, then settled with the tokens it used.
 */
export const modelCalls = sqliteTable(
  'model_calls',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    memberId: text('member_id').notNull(),
    purpose: text('purpose', { enum: ['answer', 'interview-frame', 'practice-score', 'resume-rewrite', 'resume-summary'] }).notNull(),
    model: text('model').notNull(),
    status: text('status', { enum: ['pending', 'answered', 'failed'] }).notNull(),
    promptTokens: integer('prompt_tokens').notNull(),
    completionTokens: integer('completion_tokens').notNull(),
    /** A count the endpoint left out or gave as unusable (negative, not a number) was estimated from the text. */
    estimated: integer('estimated', { mode: 'boolean' }).notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('model_calls_member_time_idx').on(t.memberId, t.createdAt), index('model_calls_created_idx').on(t.createdAt)],
);
