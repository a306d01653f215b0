import { DateTime } from 'luxon';
import { z } from 'zod';
import { nextOccurrence, WEEKDAYS } from '../../checkins/schedule.ts';
import { getSchedule, saveSchedule } from '../../checkins/store.ts';
import { isTimeZone } from '../../members/profile.ts';
import { getMember } from '../../members/store.ts';
import { UserFacingError } from '../errors.ts';
import { type CommandDefinition, defineAction } from './registry.ts';

const describe = (s: { weekday: number; time: string; timezone: string }) =>
  `${WEEKDAYS[s.weekday - 1]?.replace(/^./, (c) => c.toUpperCase())}s at ${s.time} (${s.timezone})`;

export const checkinCommand: CommandDefinition = {
  name: 'checkin',
  description: 'Weekly check-ins by DM at your local day and time (opt-in)',
  subcommands: {
    on: defineAction({
      description: 'Turn weekly check-ins on',
      options: {
        day: { description: 'Weekday', schema: z.enum(WEEKDAYS, { error: `must be one of ${WEEKDAYS.join(', ')}` }) },
        time: {
          description: 'Local time, 24-hour HH:MM, e.g. 09:00',
          schema: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'must be a 24-hour time as HH:MM, e.g. 09:00' }),
        },
        timezone: {
          description: 'IANA timezone (default: your profile’s), e.g. Europe/London',
          schema: z.string().trim().refine(isTimeZone, { error: 'must be an IANA timezone such as Europe/London or America/New_York' }).optional(),
        },
      },
      run: async ({ deps, inbound }, options) => {
        const timezone = options.timezone ?? getMember(deps.db, inbound.memberId)?.profile.timezone;
        if (!timezone) throw new UserFacingError('Which timezone? Add timezone:Europe/London (or set it once with /profile set timezone:…).');
        const schedule = { weekday: WEEKDAYS.indexOf(options.day) + 1, time: options.time, timezone };
        saveSchedule(deps.db, inbound.memberId, schedule, deps.now());
        return { text: `Check-ins on: ${describe(schedule)}, by DM. /checkin off stops them.`, citations: [] };
      },
    }),
    off: defineAction({
      description: 'Turn weekly check-ins off',
      options: {},
      run: async ({ deps, inbound }) => {
        saveSchedule(deps.db, inbound.memberId, undefined, deps.now());
        return { text: 'Check-ins off. /checkin on day:… time:… turns them back on.', citations: [] };
      },
    }),
    status: defineAction({
      description: 'Whether check-ins are on, and when the next one comes',
      options: {},
      run: async ({ deps, inbound }) => {
        const schedule = getSchedule(deps.db, inbound.memberId);
        if (!schedule?.enabled) return { text: 'Check-ins are off. /checkin on day:monday time:09:00 turns them on.', citations: [] };
        const next = DateTime.fromJSDate(nextOccurrence(schedule, new Date(deps.now())).dueAt, { zone: schedule.timezone });
        return {
          text: `Check-ins on: ${describe(schedule)}. Next: ${next.setLocale('en-GB').toFormat("cccc d LLLL yyyy 'at' HH:mm")} (${schedule.timezone}).`,
          citations: [],
        };
      },
    }),
  },
};
