/**
 * Every custom id Pivot puts on a button, select menu or modal: how each is written and read back, in one place.
 * A custom id is what Discord hands back when the member uses the component, so it carries what the handler needs.
 */

/** Discord refuses a component whose custom id is longer. */
export const MAX_CUSTOM_ID_LENGTH = 100;

export type CheckinChoice = 'on-track' | 'stuck' | 'skip' | 'remind';

export type CustomId =
  /** 👍/👎 under an answer. */
  | { kind: 'feedback'; turnId: number; helpful: boolean }
  /** Runs a command line for whoever presses it (e.g. an erasure the member asked for). */
  | { kind: 'confirm'; line: string }
  /** Yes/no to a milestone the coach proposes marking done. */
  | { kind: 'proposal'; proposalId: number; accept: boolean }
  /** The weekly check-in's buttons; `reminder` marks those on the reminder, which offers no further reminder. */
  | { kind: 'checkin'; week: string; choice: CheckinChoice; reminder?: boolean }
  /** The menu of open milestones after "On track". */
  | { kind: 'checkin-done'; week: string }
  /** The "what is blocking you?" form after "Stuck". */
  | { kind: 'checkin-stuck'; week: string };

export const CHECKIN_PREFIX = 'checkin';
const CONFIRM_PREFIX = 'confirm:';

/** A custom id that does not fit: a bug in whatever built the component, never something to cut silently. */
export class CustomIdTooLongError extends Error {
  constructor(kind: CustomId['kind'], length: number) {
    super(`The ${kind} component's custom id is ${length} characters; Discord allows ${MAX_CUSTOM_ID_LENGTH}.`);
    this.name = 'CustomIdTooLongError';
  }
}

function written(id: CustomId): string {
  switch (id.kind) {
    case 'feedback':
      return `feedback:${id.turnId}:${id.helpful ? 'up' : 'down'}`;
    case 'confirm':
      return `${CONFIRM_PREFIX}${id.line}`;
    case 'proposal':
      return `proposal:${id.proposalId}:${id.accept ? 'yes' : 'no'}`;
    case 'checkin':
      return `${CHECKIN_PREFIX}:${id.week}:${id.choice}${id.reminder ? ':reminder' : ''}`;
    case 'checkin-done':
      return `checkin-done:${id.week}`;
    case 'checkin-stuck':
      return `checkin-stuck:${id.week}`;
  }
}

/** The custom id for a component; throws CustomIdTooLongError rather than cutting it. */
export function customId(id: CustomId): string {
  const text = written(id);
  if (text.length > MAX_CUSTOM_ID_LENGTH) throw new CustomIdTooLongError(id.kind, text.length);
  return text;
}

/** What a custom id Discord handed back means; undefined for one Pivot did not write. */
export function parseCustomId(text: string): CustomId | undefined {
  if (text.startsWith(CONFIRM_PREFIX)) return { kind: 'confirm', line: text.slice(CONFIRM_PREFIX.length) };
  const [prefix, first, second, third] = text.split(':');
  if (!first) return undefined;
  switch (prefix) {
    case 'feedback':
      return { kind: 'feedback', turnId: Number(first), helpful: second === 'up' };
    case 'proposal':
      return { kind: 'proposal', proposalId: Number(first), accept: second === 'yes' };
    case CHECKIN_PREFIX:
      return {
        kind: 'checkin',
        week: first,
        choice: second === 'skip' || second === 'stuck' || second === 'remind' ? second : 'on-track',
        ...(third === 'reminder' ? { reminder: true } : {}),
      };
    case 'checkin-done':
      return { kind: 'checkin-done', week: first };
    case 'checkin-stuck':
      return { kind: 'checkin-stuck', week: first };
    default:
      return undefined;
  }
}
