import { z } from 'zod';
import { countMemberRows } from '../members/forget.ts';
import { MEMBER_DATA } from '../members/member-data.ts';
import { auditSummary, describeAudit } from '../mentors/audit.ts';
import { mentorsMayRead, setMentorConsent } from '../mentors/consent.ts';
import { type CommandDefinition, defineAction } from './registry.ts';

export const privacyCommand: CommandDefinition = {
  name: 'privacy',
  private: true,
  description: 'What Pivot stores about you, who may read it, and who has',
  action: defineAction({
    description: 'Show what is stored and your mentor setting, or change it',
    options: {
      mentors: {
        description: 'Whether mentors may read your conversations and progress (default off)',
        schema: z.enum(['on', 'off'], { error: 'must be on or off' }).optional(),
      },
    },
    run: async ({ deps, inbound }, options) => {
      const lines: string[] = [];
      if (options.mentors !== undefined) {
        const allowed = options.mentors === 'on';
        setMentorConsent(deps.db, inbound.memberId, allowed, deps.now());
        deps.log.info({ memberId: inbound.memberId, mentorsMayRead: allowed }, 'mentor consent changed');
        lines.push(
          allowed
            ? 'Mentors may now read your conversations and progress. Every read is listed below; /privacy mentors:off stops it at once.'
            : 'Done: mentors can no longer read your conversations or progress.',
          '',
        );
      }
      const counts = countMemberRows(deps.db, inbound.memberId);
      const stored = Object.entries(counts).map(([table, n]) => `- ${MEMBER_DATA[table]?.label ?? table}: ${n}`);
      lines.push(
        '**What I store about you**',
        ...(stored.length ? stored : ['- nothing yet']),
        '',
        `**Mentors**: ${mentorsMayRead(deps.db, inbound.memberId) ? 'may read your conversations and progress (/privacy mentors:off to stop)' : 'may not read anything (/privacy mentors:on to let them help)'}`,
        '',
        '**Who read what**',
      );
      const trail = auditSummary(deps.db, inbound.memberId);
      lines.push(...(trail.length ? trail.map((e) => `- ${describeAudit(e)}`) : ['- nobody has read your data']));
      lines.push('', '/export sends you everything; /forget erases it.');
      return { text: lines.join('\n'), citations: [], visibility: 'private' };
    },
  }),
};
