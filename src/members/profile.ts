import { z } from 'zod';
import { TRACKS } from './roadmap.ts';

export const MARKETS = ['uk', 'us', 'eu', 'remote-eu', 'other'] as const;

const range = (min: number, max: number) => {
  const message = `must be a whole number from ${min} to ${max}`;
  return z.coerce.number({ error: message }).int({ error: message }).min(min, { error: message }).max(max, { error: message });
};

export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: name });
    return name.includes('/') || name === 'UTC';
  } catch {
    return false;
  }
}

/** One schema per profile field; commands, onboarding and the model's proposals all validate with these. */
export const PROFILE_FIELDS = {
  role: z.string().trim().min(2, { error: 'must be at least 2 characters' }).max(80, { error: 'must be at most 80 characters' }),
  years: range(0, 50),
  stack: z.string().trim().min(1, { error: 'must not be empty' }).max(200, { error: 'must be at most 200 characters' }),
  track: z.enum(TRACKS, { error: `must be one of ${TRACKS.join(', ')}` }),
  hours: range(1, 80),
  market: z.enum(MARKETS, { error: `must be one of ${MARKETS.join(', ')}` }),
  timezone: z.string().trim().refine(isTimeZone, { error: 'must be an IANA timezone such as Europe/London or America/New_York' }),
  target: z
    .string()
    .trim()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'must be a month as YYYY-MM, e.g. 2027-06' }),
  goal: z.string().trim().min(3, { error: 'must be at least 3 characters' }).max(300, { error: 'must be at most 300 characters' }),
} as const;

/** A target month before the current one (UTC) is a typo or stale: the plan cannot aim at it. */
export function pastTargetProblem(target: string, now: number): string | undefined {
  const current = new Date(now).toISOString().slice(0, 7);
  return target < current ? `must not be in the past (this month is ${current})` : undefined;
}

export type ProfileField = keyof typeof PROFILE_FIELDS;
export const PROFILE_FIELD_NAMES = Object.keys(PROFILE_FIELDS) as ProfileField[];

export type Profile = {
  role: string | null;
  years: number | null;
  stack: string | null;
  track: (typeof TRACKS)[number] | null;
  hours: number | null;
  market: (typeof MARKETS)[number] | null;
  timezone: string | null;
  target: string | null;
  goal: string | null;
};

export const PROFILE_DESCRIPTIONS: Record<ProfileField, string> = {
  role: 'Your current role, e.g. "Backend engineer"',
  years: 'Years of experience (0-50)',
  stack: 'Your stack, e.g. "Go, PostgreSQL, Kafka"',
  track: 'Target track: ml-platform (shortest from backend), applied-ml, ml-research',
  hours: 'Hours a week you can study (1-80)',
  market: 'Job market: uk, us, eu, remote-eu, other',
  timezone: 'IANA timezone, e.g. Europe/London',
  target: 'Target month for the switch, YYYY-MM (optional)',
  goal: 'Your goal in your own words (optional)',
};
