import { z } from 'zod';
import { UserFacingError } from '../core/errors.ts';
import { isMemberId, MEMBER_ID_RULE } from '../core/member-id.ts';
import { cleanQuestion } from '../core/sanitize.ts';
import { progressBar } from '../members/progress.ts';
import { requireMentor } from '../mentors/access.ts';
import { addMentorNote } from '../mentors/notes.ts';
import { type FlaggedTurn, type LoggedTurn, listMentees, readFlagged, readMemberLog, requireConsent } from '../mentors/review.ts';
import { type CommandDefinition, defineAction, type OptionSpec } from './registry.ts';

const MAX_NOTE_CHARS = 1000;

/** A member given as their id or as a Discord mention (<@123>). */
const memberOption = {
  description: 'The member',
  kind: 'member',
  schema: z
    .string()
    .trim()
    .transform((v) => v.replace(/^<@!?([\w.-]+)>$/, '$1'))
    .refine(isMemberId, { error: `must be ${MEMBER_ID_RULE}, or a mention such as <@123456789012345678>` }),
} satisfies OptionSpec;

const day = (ms: number | null) => (ms === null ? 'never' : new Date(ms).toISOString().slice(0, 10));

export const mentorCommand: CommandDefinition = {
  name: 'mentor',
  private: true,
  description: 'For mentors: review consenting members, their logs and flagged answers',
  subcommands: {
    mentees: defineAction({
      description: 'Members who let mentors help, with track, phase, progress and last activity',
      options: {},
      run: async ({ deps, inbound }) => {
        const mentor = requireMentor(inbound);
        const mentees = listMentees(deps, mentor);
        deps.log.info({ memberId: mentor.id, mentees: mentees.length }, 'mentor listed mentees');
        if (mentees.length === 0) return { text: 'No member has allowed mentors to read their data yet.', citations: [], visibility: 'private' };
        const lines = mentees.map(
          (m) =>
            `- ${m.memberId}: ${m.track ?? 'no track'}${m.phase ? `, ${m.phase}` : ''}, ${m.total ? `${progressBar(m.done, m.total)} (${m.done}/${m.total} milestones)` : 'no milestones yet'}, last active ${day(m.lastActive)}`,
        );
        return { text: `**Mentees** (${mentees.length})\n${lines.join('\n')}`, citations: [], visibility: 'private' };
      },
    }),
    logs: defineAction({
      description: "A consenting member's recent questions and answers, as a Markdown file",
      options: { member: memberOption },
      run: async ({ deps, inbound }, options) => {
        const mentor = requireMentor(inbound);
        const memberId = options.member;
        const turns = readMemberLog(deps, mentor, memberId);
        deps.log.info({ memberId: mentor.id, about: memberId, turns: turns.length }, 'mentor read a log');
        return {
          text: turns.length
            ? `The last ${turns.length} turn${turns.length === 1 ? '' : 's'} of ${memberId}, oldest first.`
            : `${memberId} has no stored turns.`,
          citations: [],
          visibility: 'private',
          ...(turns.length ? { attachment: { name: `pivot-log-${memberId}.md`, content: logMarkdown(`Pivot log: member ${memberId}`, turns) } } : {}),
        };
      },
    }),
    note: defineAction({
      description: 'Leave a note the member sees with their next reply',
      options: {
        member: memberOption,
        text: {
          description: `The note (up to ${MAX_NOTE_CHARS} characters)`,
          schema: z
            .string()
            .transform(cleanQuestion)
            .pipe(
              z
                .string()
                .min(1, { error: 'must not be empty' })
                .max(MAX_NOTE_CHARS, { error: `must be at most ${MAX_NOTE_CHARS} characters` }),
            ),
        },
      },
      run: async ({ deps, inbound }, options) => {
        const mentor = requireMentor(inbound);
        const memberId = options.member;
        requireConsent(deps.db, memberId);
        addMentorNote(deps.db, memberId, mentor, options.text, deps.now());
        deps.log.info({ memberId: mentor.id, about: memberId }, 'mentor left a note');
        return { text: `Noted: ${memberId} will see it with their next reply.`, citations: [], visibility: 'private' };
      },
    }),
    dashboard: defineAction({
      description: 'A private sign-in link to the mentor dashboard (single use, valid 10 minutes)',
      options: {},
      run: async ({ deps, inbound }) => {
        const mentor = requireMentor(inbound);
        if (!deps.dashboard) throw new UserFacingError('The mentor dashboard is off: the operator turns it on by setting WEB_PORT.');
        const link = deps.dashboard.issue(mentor);
        deps.log.info({ memberId: mentor.id }, 'mentor asked for a dashboard link');
        const until = new Date(link.expiresAt).toISOString().slice(11, 16);
        return {
          text: `Your dashboard sign-in link (works once, until ${until} UTC; do not share it):\n${link.url}`,
          citations: [],
          visibility: 'private',
        };
      },
    }),
    flagged: defineAction({
      description: 'Answers rated 👎, questions the guides miss, and stuck check-ins, from consenting members',
      options: {},
      run: async ({ deps, inbound }) => {
        const mentor = requireMentor(inbound);
        const flagged = readFlagged(deps, mentor);
        deps.log.info({ memberId: mentor.id, flagged: flagged.length }, 'mentor read flagged answers');
        if (flagged.length === 0) return { text: 'Nothing is flagged among members who let mentors help.', citations: [], visibility: 'private' };
        return {
          text: `${flagged.length} flagged turn${flagged.length === 1 ? '' : 's'}, newest first.`,
          citations: [],
          visibility: 'private',
          attachment: { name: 'pivot-flagged.md', content: logMarkdown('Pivot: flagged answers', flagged) },
        };
      },
    }),
  },
};

/** A log a mentor can read anywhere: one section per turn with its sources and rating. */
function logMarkdown(title: string, turns: (LoggedTurn | FlaggedTurn)[]): string {
  const sections = turns.map((t) => {
    const rating = t.helpful === null ? 'not rated' : t.helpful ? '👍' : '👎';
    const stuckOn = 'milestone' in t && t.milestone ? ` on \`${t.milestone.id}\` ${t.milestone.title}` : '';
    const who = 'memberId' in t ? ` · member ${t.memberId} · ${t.reason}${stuckOn}` : '';
    return [
      `## Turn ${t.id} · ${new Date(t.at).toISOString().slice(0, 16).replace('T', ' ')} UTC${who}`,
      `Mode: ${t.mode} · Rating: ${rating} · Sources: ${t.sources.length ? t.sources.join(', ') : 'none'}`,
      '',
      '**Question**',
      '',
      quote(t.question),
      '',
      '**Answer**',
      '',
      quote(t.answer),
    ].join('\n');
  });
  return `# ${title}\n\n${sections.join('\n\n')}\n`;
}

const quote = (text: string) =>
  text
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
