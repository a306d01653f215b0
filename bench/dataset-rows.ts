// The rows of the benchmark dataset: members with profiles, milestones, the proposals that marked them, interview
// practice, weekly check-in schedules with past deliveries, and the stored turns. Written with prepared statements in
// one transaction; the caller owns the database and the transaction.
import { DateTime } from 'luxon';
import type { Db } from '../src/db/client.ts';
import { type Roadmaps, TRACKS } from '../src/members/roadmap.ts';
import type { Progress } from './progress.ts';
import { allQuestions, dmConversation, memberId, seededRandom } from './support.ts';

export type DatasetSpec = { members: number; turns: number };

/** The instant the dataset ends and the benchmark's clock starts; also the check-in tick (a Thursday, 14:00 UTC). */
export const DATASET_NOW = Date.parse('2026-03-12T14:00:00Z');
const DAY_MS = 86_400_000;
const HISTORY_DAYS = 180;
const PAST_CHECKIN_WEEKS = 8;
/** Member activity is skewed: member i is picked with density ∝ i^(-1/3), so a few members ask far more than most. */
export const ACTIVITY_SKEW = 1.5;
const DM_SHARE = 0.65;
export const ZONES = [
  'Europe/London',
  'Europe/Berlin',
  'Europe/Warsaw',
  'America/New_York',
  'America/Chicago',
  'America/Los_Angeles',
  'America/Sao_Paulo',
  'Asia/Kolkata',
  'Asia/Singapore',
  'Asia/Tokyo',
  'Australia/Sydney',
  'UTC',
];
const STACKS = ['Go, PostgreSQL, Kafka', 'Java, Spring, Oracle', 'Python, Django, Redis', 'Node.js, TypeScript, AWS', 'C#, .NET, SQL Server'];
const MARKETS = ['uk', 'us', 'eu', 'remote-eu', 'other'];
const FILLER = [
  'Most backend engineers already have the production half of the job: APIs, queues, monitoring and on-call.',
  'The gap is usually the modelling side: statistics, evaluation and knowing when a model is good enough to ship.',
  'The guides differ on timelines, from about 90 days for a first role to twelve months for a full switch.',
  'Pick one portfolio project that serves a model behind an API you built, with tests and a written evaluation.',
  'In the UK the bands start lower than senior backend pay for a first ML role, then catch up within two years.',
  'On your CV, lead with the systems you scaled and the data pipelines you owned, then the ML work.',
  'Interview loops add an ML system design round and a modelling round to the usual coding rounds.',
];

/** A member index drawn with the dataset's activity skew; the benchmark's load uses the same draw. */
export const skewedMember = (members: number, r: number) => Math.min(members - 1, Math.floor(members * r ** ACTIVITY_SKEW));

/** Members, their state and their check-in schedules (every schedule falls due in the hour before DATASET_NOW). */
export function insertMembers(db: Db, spec: DatasetSpec, roadmaps: Roadmaps, bar: Progress): void {
  const sql = db.$client;
  const rnd = seededRandom(20260312);
  const member = sql.prepare(
    `INSERT INTO members (id, role, years, stack, track, hours, market, timezone, target_date, goal, onboarding_offered_at, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const milestone = sql.prepare('INSERT INTO milestone_progress (member_id, milestone_id, done_at) VALUES (?, ?, ?)');
  const proposal = sql.prepare('INSERT INTO proposals (member_id, conversation_id, milestone_id, status, created_at) VALUES (?, ?, ?, ?, ?)');
  const practice = sql.prepare(
    `INSERT INTO practice_sessions (member_id, conversation_id, question_id, status, answer, scores, feedback, mode, asked_at, answered_at)
     VALUES (?, ?, ?, 'answered', ?, ?, ?, 'llm', ?, ?)`,
  );
  const schedule = sql.prepare(
    'INSERT INTO checkin_schedules (member_id, weekday, time, timezone, enabled, undeliverable_at, updated_at) VALUES (?, ?, ?, ?, 1, NULL, ?)',
  );
  const delivery = sql.prepare(
    'INSERT INTO checkin_deliveries (member_id, week, status, attempts, text, claimed_at, sent_at, response) VALUES (?, ?, ?, 1, ?, ?, ?, ?)',
  );
  const pastWeeks = Array.from({ length: PAST_CHECKIN_WEEKS }, (_, k) =>
    DateTime.fromMillis(DATASET_NOW - (k + 1) * 7 * DAY_MS, { zone: 'UTC' }).toFormat("kkkk-'W'WW"),
  );
  const responses = ['on-track', 'on-track', 'stuck', 'skip', null];

  for (let i = 0; i < spec.members; i++) {
    const id = memberId(i);
    const zone = ZONES[i % ZONES.length] ?? 'UTC';
    const joined = DATASET_NOW - HISTORY_DAYS * DAY_MS - Math.floor(rnd() * 30 * DAY_MS);
    const track = rnd() < 0.7 ? (TRACKS[i % TRACKS.length] ?? 'ml-platform') : null;
    if (track) {
      const years = 2 + Math.floor(rnd() * 15);
      const target = DateTime.fromMillis(DATASET_NOW + (60 + rnd() * 300) * DAY_MS).toFormat('yyyy-MM');
      member.run(
        id,
        'backend engineer',
        years,
        STACKS[i % STACKS.length],
        track,
        4 + (i % 16),
        MARKETS[i % MARKETS.length],
        zone,
        target,
        'land a first ML role',
        joined,
        joined,
        joined,
      );
      const done = roadmaps.milestones(track).slice(0, Math.floor(rnd() * 8));
      for (const [n, m] of done.entries()) {
        const at = DATASET_NOW - (done.length - n) * 9 * DAY_MS - Math.floor(rnd() * DAY_MS);
        milestone.run(id, m.id, at);
        if (rnd() < 0.8) proposal.run(id, dmConversation(i), m.id, 'confirmed', at - 60_000);
        if (rnd() < 0.1) proposal.run(id, dmConversation(i), m.id, 'declined', at - 30 * DAY_MS);
      }
    } else {
      member.run(id, null, null, null, null, null, null, null, null, null, joined, joined, joined);
    }
    if (rnd() < 0.3) {
      const sessions = 1 + Math.floor(rnd() * 10);
      for (let s = 0; s < sessions; s++) {
        const asked = joined + Math.floor(rnd() * HISTORY_DAYS * DAY_MS);
        const scores = JSON.stringify({ Structure: 3, 'Technical depth': 2 + (s % 3), Evidence: 3, 'Career-change framing': 4 });
        practice.run(
          id,
          `thread:6${String(i * 16 + s).padStart(17, '0')}`,
          `q-${s}`,
          'I would start from the serving latency budget and work back.',
          scores,
          'Strong structure; add a metric.',
          asked,
          asked + 600_000,
        );
      }
    }
    // Due 1–59 minutes before the tick in the member's own timezone: the burst the check-in target is about.
    const due = DateTime.fromMillis(DATASET_NOW, { zone }).minus({ minutes: 1 + Math.floor(rnd() * 59) });
    schedule.run(id, due.weekday, due.toFormat('HH:mm'), zone, joined);
    for (const [k, week] of pastWeeks.entries()) {
      const at = DATASET_NOW - (k + 1) * 7 * DAY_MS;
      const missed = rnd() < 0.1;
      delivery.run(
        id,
        week,
        missed ? 'missed' : 'sent',
        missed ? null : 'Weekly check-in: how did this week go?',
        at,
        missed ? null : at,
        missed ? null : (responses[Math.floor(rnd() * responses.length)] ?? null),
      );
    }
    if (i % 100 === 0) bar.update(i);
  }
  bar.finish();
}

/**
 * Turns in time order over the last HISTORY_DAYS: each goes to a skewed member, to their DM (most) or to one of their
 * threads (a few turns each), with a plausible question, answer, chunk ids and token counts.
 */
export function insertTurns(db: Db, spec: DatasetSpec, bar: Progress): void {
  const sql = db.$client;
  const rnd = seededRandom(42);
  const questions = allQuestions();
  const chunkIds = sql.prepare('SELECT id FROM knowledge_chunks ORDER BY id').pluck().all() as string[];
  const insert = sql.prepare(
    `INSERT INTO turns (member_id, conversation_id, question, answer, chunk_ids, cited_ids, mode, model, prompt_tokens, completion_tokens, latency_ms, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  // Each model answer was a metered call: the limits and budgets walk these rows.
  const modelCall = sql.prepare(
    `INSERT INTO model_calls (member_id, purpose, model, status, prompt_tokens, completion_tokens, estimated, created_at)
     VALUES (?, 'answer', 'gpt-4o-mini', 'answered', ?, ?, 0, ?)`,
  );
  const threadOf: string[] = [];
  const threadLeft: number[] = [];
  let threads = 0;
  const start = DATASET_NOW - HISTORY_DAYS * DAY_MS;
  const span = HISTORY_DAYS * DAY_MS - 60_000;
  const pick = <T>(list: T[]) => list[Math.floor(rnd() * list.length)] as T;

  for (let t = 0; t < spec.turns; t++) {
    const m = skewedMember(spec.members, rnd());
    let conversation: string;
    if (rnd() < DM_SHARE) conversation = dmConversation(m);
    else {
      if (!threadLeft[m]) {
        threadOf[m] = `thread:5${String(threads++).padStart(17, '0')}`;
        threadLeft[m] = 1 + Math.floor(rnd() * 12);
      }
      threadLeft[m] = (threadLeft[m] ?? 1) - 1;
      conversation = threadOf[m] ?? dmConversation(m);
    }
    const retrieved = Array.from({ length: 5 }, () => pick(chunkIds));
    const sentences = 3 + Math.floor(rnd() * 5);
    const answer = Array.from({ length: sentences }, () => {
      const line = pick(FILLER);
      return rnd() < 0.5 ? `${line} [${pick(retrieved)}]` : line;
    }).join(' ');
    const llm = rnd() < 0.8;
    const promptTokens = llm ? 900 + Math.floor(rnd() * 600) : 0;
    const completionTokens = llm ? 150 + Math.floor(rnd() * 200) : 0;
    const latencyMs = llm ? 800 + Math.floor(rnd() * 3000) : 2;
    const createdAt = Math.floor(start + ((t + rnd()) / spec.turns) * span);
    insert.run(
      memberId(m),
      conversation,
      pick(questions),
      answer,
      JSON.stringify(retrieved),
      JSON.stringify(retrieved.slice(0, 2)),
      llm ? 'llm' : 'offline',
      llm ? 'gpt-4o-mini' : null,
      promptTokens,
      completionTokens,
      latencyMs,
      createdAt,
    );
    if (llm) modelCall.run(memberId(m), promptTokens, completionTokens, createdAt);
    if (t % 1000 === 0) bar.update(t);
  }
  bar.finish();
}
