import { and, desc, eq, isNotNull, max, or, sql } from 'drizzle-orm';
import { UserFacingError } from '../core/errors.ts';
import type { Db } from '../db/client.ts';
import { checkinDeliveries, feedback, privacySettings, turns } from '../db/schema.ts';
import { transitionView } from '../members/progress.ts';
import type { Roadmaps } from '../members/roadmap.ts';
import { doneMilestones, getMember } from '../members/store.ts';
import { type Actor, recordAudit } from './audit.ts';
import { consentingMembers, mentorsMayRead } from './consent.ts';

export type ReviewDeps = { db: Db; roadmaps: Roadmaps; now: () => number };

export type Mentee = {
  memberId: string;
  track: string | null;
  phase: string | null;
  done: number;
  total: number;
  lastActive: number | null;
  /** The answer to their latest answered check-in. */
  lastCheckin: 'on-track' | 'stuck' | 'skip' | null;
};

export type LoggedTurn = {
  id: number;
  at: number;
  question: string;
  answer: string;
  sources: string[];
  mode: string;
  /** true 👍, false 👎, null no vote. */
  helpful: boolean | null;
};

/**
 * `stuck`: the member answered a weekly check-in "Stuck"; the question is what blocks them, the answer the coach's
 * reply, and `milestone` the one they were working towards (null when they had no track or it left the roadmap).
 */
export type FlaggedTurn = LoggedTurn & {
  memberId: string;
  reason: 'thumbs-down' | 'not covered' | 'stuck';
  milestone?: { id: string; title: string } | null;
};

const LOG_TURNS = 50;
const FLAGGED_TURNS = 30;

/** Consenting members and where they stand; each listed member's audit trail records the read. */
export function listMentees(deps: ReviewDeps, mentor: Actor): Mentee[] {
  const { db } = deps;
  const lastActive = db
    .select({ at: max(turns.createdAt) })
    .from(turns)
    .where(eq(turns.memberId, sql.placeholder('memberId')))
    .prepare();
  const lastCheckin = db
    .select({ response: checkinDeliveries.response })
    .from(checkinDeliveries)
    .where(and(eq(checkinDeliveries.memberId, sql.placeholder('memberId')), isNotNull(checkinDeliveries.response)))
    .orderBy(desc(checkinDeliveries.id))
    .limit(1)
    .prepare();
  return db.$client
    .transaction(() => {
      const now = deps.now();
      return consentingMembers(deps.db).map((memberId) => {
        const member = getMember(deps.db, memberId);
        const view = member ? transitionView(deps.roadmaps, member.profile, doneMilestones(deps.db, memberId), now) : undefined;
        recordAudit(deps.db, memberId, mentor, 'mentees', 'track, phase, progress and last activity', now);
        return {
          memberId,
          track: member?.profile.track ?? null,
          phase: view?.currentPhase?.title ?? null,
          done: view ? view.done.size : 0,
          total: view ? view.milestones.length : 0,
          lastActive: lastActive.get({ memberId })?.at?.getTime() ?? null,
          lastCheckin: lastCheckin.get({ memberId })?.response ?? null,
        };
      });
    })
    .immediate();
}

/** The member's recent turns, read and audited in one transaction; refused without their consent. */
export function readMemberLog(deps: ReviewDeps, mentor: Actor, memberId: string): LoggedTurn[] {
  return deps.db.$client
    .transaction(() => {
      if (!mentorsMayRead(deps.db, memberId)) throw notConsented(memberId);
      const turns = memberTurns(deps.db, memberId, LOG_TURNS).reverse();
      recordAudit(deps.db, memberId, mentor, 'logs', `${turns.length} turn${turns.length === 1 ? '' : 's'}`, deps.now());
      return turns;
    })
    .immediate();
}

/** The member's own vote on a turn: feedback's key allows one per member and turn. */
const ownVote = and(eq(feedback.turnId, turns.id), eq(feedback.memberId, turns.memberId));
const loggedTurnFields = {
  id: turns.id,
  createdAt: turns.createdAt,
  question: turns.question,
  answer: turns.answer,
  citedIds: turns.citedIds,
  mode: turns.mode,
  helpful: feedback.helpful,
};
type LoggedTurnRow = { id: number; createdAt: Date; question: string; answer: string; citedIds: string[]; mode: string; helpful: boolean | null };
const toLogged = (r: LoggedTurnRow): LoggedTurn => ({
  id: r.id,
  at: r.createdAt.getTime(),
  question: r.question,
  answer: r.answer,
  sources: r.citedIds,
  mode: r.mode,
  helpful: r.helpful,
});

/** A page of the member's turns with their votes, newest first. */
export function memberTurns(db: Db, memberId: string, limit: number, offset = 0): LoggedTurn[] {
  return db
    .select(loggedTurnFields)
    .from(turns)
    .leftJoin(feedback, ownVote)
    .where(eq(turns.memberId, memberId))
    .orderBy(desc(turns.id))
    .limit(limit)
    .offset(offset)
    .all()
    .map(toLogged);
}

/** Answers that got 👎, questions the guides do not cover, and "Stuck" check-in answers, from consenting members only. */
export function readFlagged(deps: ReviewDeps, mentor: Actor): FlaggedTurn[] {
  const { db } = deps;
  return db.$client
    .transaction(() => {
      const rows = db
        .select({ ...loggedTurnFields, memberId: turns.memberId })
        .from(turns)
        .innerJoin(privacySettings, and(eq(privacySettings.memberId, turns.memberId), eq(privacySettings.mentorsMayRead, true)))
        .leftJoin(feedback, ownVote)
        .where(or(eq(feedback.helpful, false), eq(turns.chunkIds, [])))
        .orderBy(desc(turns.id))
        .limit(FLAGGED_TURNS)
        .all();
      const flagged = new Map<number, FlaggedTurn>(
        rows.map((r) => [r.id, { ...toLogged(r), memberId: r.memberId, reason: r.helpful === false ? ('thumbs-down' as const) : ('not covered' as const) }]),
      );
      for (const stuck of readStuck(deps, FLAGGED_TURNS)) flagged.set(stuck.id, stuck);
      const newest = [...flagged.values()].sort((a, b) => b.id - a.id).slice(0, FLAGGED_TURNS);
      const perMember = new Map<string, number>();
      for (const f of newest) perMember.set(f.memberId, (perMember.get(f.memberId) ?? 0) + 1);
      const now = deps.now();
      for (const [memberId, n] of perMember) recordAudit(deps.db, memberId, mentor, 'flagged', `${n} flagged turn${n === 1 ? '' : 's'}`, now);
      return newest;
    })
    .immediate();
}

/**
 * "Stuck" check-in answers of consenting members: the check-in's row says
 * stuck (and on which milestone); the turn is the coach's answer to what
 * blocks them, asked in the check-in's own conversation (the latest, if they
 * answered twice).
 */
function readStuck(deps: ReviewDeps, limit: number): FlaggedTurn[] {
  // Raw SQL: a correlated subquery finds the latest turn of each check-in's own conversation, whose id is built from the row.
  const rows = deps.db.$client
    .prepare(
      `SELECT t.id, t.member_id, t.created_at, t.question, t.answer, t.cited_ids, t.mode, d.milestone_id,
              (SELECT helpful FROM feedback f WHERE f.turn_id = t.id AND f.member_id = t.member_id) AS helpful
       FROM checkin_deliveries d
       JOIN privacy_settings p ON p.member_id = d.member_id AND p.mentors_may_read = 1
       JOIN turns t ON t.id = (SELECT max(id) FROM turns WHERE conversation_id = 'checkin:' || d.member_id || ':' || d.week AND member_id = d.member_id)
       WHERE d.response = 'stuck'
       ORDER BY t.id DESC LIMIT ?`,
    )
    .all(limit) as (TurnRow & { member_id: string; milestone_id: string | null })[];
  return rows.map((r) => {
    const milestone = r.milestone_id ? deps.roadmaps.milestone(r.milestone_id) : undefined;
    return { ...toLoggedTurn(r), memberId: r.member_id, reason: 'stuck' as const, milestone: milestone ? { id: milestone.id, title: milestone.title } : null };
  });
}

/** Notes may only go to members who let mentors in; otherwise a mentor could not know who to write to. */
export function requireConsent(db: Db, memberId: string): void {
  if (!mentorsMayRead(db, memberId)) throw notConsented(memberId);
}

const notConsented = (memberId: string) =>
  new UserFacingError(`Member ${memberId} has not allowed mentors to read their conversations (they can turn it on with /privacy mentors:on).`);

export type TurnRow = { id: number; created_at: number; question: string; answer: string; cited_ids: string; mode: string; helpful: number | null };

export function toLoggedTurn(r: TurnRow): LoggedTurn {
  return {
    id: r.id,
    at: r.created_at,
    question: r.question,
    answer: r.answer,
    sources: JSON.parse(r.cited_ids) as string[],
    mode: r.mode,
    helpful: r.helpful === null ? null : r.helpful === 1,
  };
}
