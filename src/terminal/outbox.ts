import type { CheckinDelivery } from '../checkins/tick.ts';

/** Without Discord, check-ins are printed here and count as delivered. */
/** `out: null` records them as delivered without printing (when stdout carries JSON). */
export function terminalOutbox(out: NodeJS.WritableStream | null): CheckinDelivery {
  return async ({ memberId, week, text }) => {
    out?.write(`[check-in for ${memberId}, ${week}]\n${text}\n\n`);
    return 'sent';
  };
}
