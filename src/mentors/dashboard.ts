import { and, count, desc, eq, gte, or } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { checkinDeliveries, feedback, mentorNotes, turns } from '../db/schema.ts';
import { extractConcepts } from '../knowledge/query.ts';
import type { Profile } from '../members/profile.ts';
import { transitionView } from '../members/progress.ts';
import { doneMilestones, getMember, listProjects, type Project } from '../members/store.ts';
import { type Actor, recordAudit } from './audit.ts';
import { mentorsMayRead } from './consent.ts';
import { type LoggedTurn, memberTurns, type ReviewDeps } from './review.ts';

/** Turns per page of a mentee's conversation log. */
export const LOG_PAGE_TURNS = 20;

export type MenteeDetail = {
  memberId: string;
  profile: Profile | null;
  phases: { title: string; done: number; total: number }[];
  done: number;
  total: number;
  projects: Project[];
  checkins: { week: string; status: string; response: string | null; blocker: string | null }[];
  notes: { mentorName: string; text: string; at: number; delivered: boolean }[];
  turns: LoggedTurn[];
  page: number;
  pages: number;
};

/**
 * Everything a mentor sees about one member, read and audited in one
 * transaction; undefined (and no audit row) when the member has not consented.
 */
export function readMentee(deps: ReviewDeps, mentor: Actor, memberId: string, page: number): MenteeDetail | undefined {
  const { db } = deps;
  return db.$client
    .transaction(() => {
      if (!mentorsMayRead(db, memberId)) return undefined;
      const now = deps.now();
      const member = getMember(db, memberId);
      const view = member ? transitionView(deps.roadmaps, member.profile, doneMilestones(db, memberId), now) : undefined;
      const totalTurns = db.select({ n: count() }).from(turns).where(eq(turns.memberId, memberId)).get()?.n ?? 0;
      const pages = Math.max(1, Math.ceil(totalTurns / LOG_PAGE_TURNS));
      const current = Math.min(Math.max(1, page), pages);
      const loggedTurns = memberTurns(db, memberId, LOG_PAGE_TURNS, (current - 1) * LOG_PAGE_TURNS);
      const checkins = db
        .select({ week: checkinDeliveries.week, status: checkinDeliveries.status, response: checkinDeliveries.response, blocker: checkinDeliveries.blocker })
        .from(checkinDeliveries)
        .where(eq(checkinDeliveries.memberId, memberId))
        .orderBy(desc(checkinDeliveries.week))
        .limit(26)
        .all();
      const notes = db
        .select({ mentorName: mentorNotes.mentorName, text: mentorNotes.text, createdAt: mentorNotes.createdAt, deliveredAt: mentorNotes.deliveredAt })
        .from(mentorNotes)
        .where(eq(mentorNotes.memberId, memberId))
        .orderBy(desc(mentorNotes.id))
        .limit(50)
        .all()
        .map((n) => ({ mentorName: n.mentorName, text: n.text, at: n.createdAt.getTime(), delivered: n.deliveredAt !== null }));
      recordAudit(
        deps.db,
        memberId,
        mentor,
        'logs',
        `profile, progress, projects, check-ins, notes and ${loggedTurns.length} turn${loggedTurns.length === 1 ? '' : 's'} (page ${current} of ${pages})`,
        now,
      );
      return {
        memberId,
        profile: member?.profile ?? null,
        phases: view ? view.phases.map((p) => ({ title: p.phase.title, done: p.done, total: p.total })) : [],
        done: view ? view.done.size : 0,
        total: view ? view.milestones.length : 0,
        projects: listProjects(deps.db, memberId),
        checkins,
        notes,
        turns: loggedTurns,
        page: current,
        pages,
      };
    })
    .immediate();
}

export type CoverageGap = { topic: string; reason: 'not covered' | 'thumbs-down'; total: number; perWeek: Record<string, number> };
export type CoverageGaps = { weeks: string[]; gaps: CoverageGap[] };

/**
 * What the guides keep failing, from every member, consenting or not, so no
 * member is named: each question is reduced to a topic (the guide a 👎 answer
 * came from, or the main word of a question nothing covered) and counted per
 * ISO week. No text beyond that topic word leaves this function.
 */
export function coverageGaps(deps: ReviewDeps, weeks = 8): CoverageGaps {
  const since = DateTime.fromMillis(deps.now(), { zone: 'utc' })
    .startOf('week')
    .minus({ weeks: weeks - 1 });
  const rows = deps.db
    .select({ question: turns.question, chunkIds: turns.chunkIds, createdAt: turns.createdAt, helpful: feedback.helpful })
    .from(turns)
    .leftJoin(feedback, and(eq(feedback.turnId, turns.id), eq(feedback.memberId, turns.memberId)))
    .where(and(or(eq(feedback.helpful, false), eq(turns.chunkIds, [])), gte(turns.createdAt, new Date(since.toMillis()))))
    .all();
  const weekList = Array.from({ length: weeks }, (_, i) => isoWeek(since.plus({ weeks: i }).toMillis()));
  const byTopic = new Map<string, CoverageGap>();
  for (const row of rows) {
    const chunks = row.chunkIds;
    const reason = row.helpful === false ? 'thumbs-down' : 'not covered';
    const topic = reason === 'thumbs-down' && chunks[0] ? guideOf(chunks[0]) : mainWord(row.question);
    const key = `${reason}\u0000${topic}`;
    const gap = byTopic.get(key) ?? { topic, reason, total: 0, perWeek: {} };
    const week = isoWeek(row.createdAt.getTime());
    gap.total++;
    gap.perWeek[week] = (gap.perWeek[week] ?? 0) + 1;
    byTopic.set(key, gap);
  }
  return { weeks: weekList, gaps: [...byTopic.values()].sort((a, b) => b.total - a.total || a.topic.localeCompare(b.topic)) };
}

const isoWeek = (ms: number) => DateTime.fromMillis(ms, { zone: 'utc' }).toFormat("kkkk-'W'WW");
/** Chunk ids are `guide-file/section`: the guide names the topic. */
const guideOf = (chunkId: string) => chunkId.split('/')[0] ?? chunkId;
/** The first word of the question that names a topic (not a question frame), or "other". */
function mainWord(question: string): string {
  const concept = extractConcepts(question).find((c) => !c.frame && c.written.length > 0);
  return concept?.written[0] ?? 'other';
}
