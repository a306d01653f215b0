import type { CheckinDelivery } from '../checkins/tick.ts';
import type { DigestPoster } from '../groups/tick.ts';

/** Without Discord, check-ins are printed here and count as delivered. */
/** `out: null` records them as delivered without printing (when stdout carries JSON). */
export function terminalOutbox(out: NodeJS.WritableStream | null): CheckinDelivery {
  return async ({ memberId, week, text, kind }) => {
    const label = kind === 'reminder' ? 'check-in reminder' : kind === 'stop' ? 'last check-in' : 'check-in';
    out?.write(`[${label} for ${memberId}, ${week}]\n${text}\n\n`);
    return 'sent';
  };
}

/** Study-group digests, printed like check-ins when there is no Discord. */
export function terminalDigests(out: NodeJS.WritableStream | null): DigestPoster {
  return async (group, text) => {
    out?.write(`[digest for group ${group.name}]\n${text}\n\n`);
    return 'sent';
  };
}
