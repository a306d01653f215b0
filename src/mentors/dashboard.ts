import { DateTime } from 'luxon';
import { extractConcepts } from '../knowledge/query.ts';
import type { Profile } from '../members/profile.ts';
import { transitionView } from '../members/progress.ts';
import { doneMilestones, getMember, listProjects, type Project } from '../members/store.ts';
import { type Actor, recordAudit } from './audit.ts';
import { mentorsMayRead } from './consent.ts';
import { type LoggedTurn, type ReviewDeps, type TurnRow, toLoggedTurn } from './review.ts';

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
  const sqlite = deps.db.$client;
  return sqlite
    .transaction(() => {
      if (!mentorsMayRead(deps.db, memberId)) return undefined;
      const now = deps.now();
      const member = getMember(deps.db, memberId);
      const view = member ? transitionView(deps.roadmaps, member.profile, doneMilestones(deps.db, memberId), now) : undefined;
      const totalTurns = sqlite.prepare('SELECT count(*) FROM turns WHERE member_id = ?').pluck().get(memberId) as number;
      const pages = Math.max(1, Math.ceil(totalTurns / LOG_PAGE_TURNS));
      const current = Math.min(Math.max(1, page), pages);
      const turns = (
        sqlite
          .prepare(
            `SELECT t.id, t.created_at, t.question, t.answer, t.cited_ids, t.mode,
                  (SELECT helpful FROM feedback f WHERE f.turn_id = t.id AND f.member_id = t.member_id) AS helpful
           FROM turns t WHERE t.member_id = ? ORDER BY t.id DESC LIMIT ? OFFSET ?`,
          )
          .all(memberId, LOG_PAGE_TURNS, (current - 1) * LOG_PAGE_TURNS) as TurnRow[]
      ).map(toLoggedTurn);
      const checkins = sqlite
        .prepare('SELECT week, status, response, blocker FROM checkin_deliveries WHERE member_id = ? ORDER BY week DESC LIMIT 26')
        .all(memberId) as MenteeDetail['checkins'];
      const notes = (
        sqlite.prepare('SELECT mentor_name, text, created_at, delivered_at FROM mentor_notes WHERE member_id = ? ORDER BY id DESC LIMIT 50').all(memberId) as {
          mentor_name: string;
          text: string;
          created_at: number;
          delivered_at: number | null;
        }[]
      ).map((n) => ({ mentorName: n.mentor_name, text: n.text, at: n.created_at, delivered: n.delivered_at !== null }));
      recordAudit(
        deps.db,
        memberId,
        mentor,
        'logs',
        `profile, progress, projects, check-ins, notes and ${turns.length} turn${turns.length === 1 ? '' : 's'} (page ${current} of ${pages})`,
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
        turns,
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
  const rows = deps.db.$client
    .prepare(
      `SELECT t.question, t.chunk_ids, t.created_at, f.helpful
       FROM turns t LEFT JOIN feedback f ON f.turn_id = t.id AND f.member_id = t.member_id
       WHERE (f.helpful = 0 OR t.chunk_ids = '[]') AND t.created_at >= ?`,
    )
    .all(since.toMillis()) as { question: string; chunk_ids: string; created_at: number; helpful: number | null }[];
  const weekList = Array.from({ length: weeks }, (_, i) => isoWeek(since.plus({ weeks: i }).toMillis()));
  const byTopic = new Map<string, CoverageGap>();
  for (const row of rows) {
    const chunks = JSON.parse(row.chunk_ids) as string[];
    const reason = row.helpful === 0 ? 'thumbs-down' : 'not covered';
    const topic = reason === 'thumbs-down' && chunks[0] ? guideOf(chunks[0]) : mainWord(row.question);
    const key = `${reason}\u0000${topic}`;
    const gap = byTopic.get(key) ?? { topic, reason, total: 0, perWeek: {} };
    const week = isoWeek(row.created_at);
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
