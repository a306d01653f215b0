import { DateTime } from 'luxon';
import { z } from 'zod';
import { WEEKDAYS } from '../checkins/schedule.ts';
import { checkinStatus, describeSchedule as describe, localDate, nextCheckin } from '../checkins/status.ts';
import { getSchedule, pauseSchedule, resumeSchedule, saveSchedule } from '../checkins/store.ts';
import { UserFacingError } from '../core/errors.ts';
import { isTimeZone } from '../members/profile.ts';
import { getMember } from '../members/store.ts';
import { type CommandDefinition, defineAction } from './registry.ts';

const MAX_PAUSE_WEEKS = 12;
const pauseWeeks = `must be a whole number of weeks from 1 to ${MAX_PAUSE_WEEKS}`;

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
    pause: defineAction({
      description: `Pause check-ins for 1-${MAX_PAUSE_WEEKS} weeks (a holiday, a busy stretch)`,
      options: {
        weeks: {
          description: `How many weeks, 1-${MAX_PAUSE_WEEKS}`,
          schema: z.coerce.number({ error: pauseWeeks }).int({ error: pauseWeeks }).min(1, { error: pauseWeeks }).max(MAX_PAUSE_WEEKS, { error: pauseWeeks }),
        },
      },
      run: async ({ deps, inbound }, options) => {
        const schedule = getSchedule(deps.db, inbound.memberId);
        if (!schedule?.enabled) throw new UserFacingError('Check-ins are off, so there is nothing to pause. /checkin status shows where they stand.');
        const now = deps.now();
        const weeks = options.weeks;
        // Calendar weeks in the member's timezone: the same local time N weeks on, whatever the clocks do.
        const until = DateTime.fromMillis(now, { zone: schedule.timezone }).plus({ weeks }).toMillis();
        pauseSchedule(deps.db, inbound.memberId, until, now);
        const next = nextCheckin(deps.db, { ...schedule, pausedUntil: until, activeAt: now }, now);
        return {
          text: `Check-ins paused for ${weeks} week${weeks === 1 ? '' : 's'}, until ${localDate(until, schedule.timezone, false)}. The next one comes on ${localDate(next.dueAt.getTime(), schedule.timezone)} (${schedule.timezone}). /checkin resume ends the pause early.`,
          citations: [],
        };
      },
    }),
    resume: defineAction({
      description: 'Resume check-ins after a pause, or turn them back on as they were',
      options: {},
      run: async ({ deps, inbound }) => {
        const schedule = getSchedule(deps.db, inbound.memberId);
        if (!schedule) throw new UserFacingError('You have no check-ins to resume. /checkin on day:monday time:09:00 starts them.');
        const now = deps.now();
        resumeSchedule(deps.db, inbound.memberId, now);
        const resumed = { ...schedule, enabled: true, pausedUntil: null, quietStoppedAt: null, undeliverableAt: null, activeAt: now };
        const next = nextCheckin(deps.db, resumed, now);
        return {
          text: `Check-ins on, weekly: ${describe(schedule)}. Next: ${localDate(next.dueAt.getTime(), schedule.timezone)} (${schedule.timezone}).`,
          citations: [],
        };
      },
    }),
    status: defineAction({
      description: 'Whether check-ins are on or paused, and when the next one comes',
      options: {},
      run: async ({ deps, inbound }) => ({ text: checkinStatus(deps.db, getSchedule(deps.db, inbound.memberId), deps.now()), citations: [] }),
    }),
  },
};
