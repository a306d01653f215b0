import { afterEach, describe, expect, it } from 'vitest';
import { handleLine } from '../../src/commands/dispatch.ts';
import type { App } from '../../src/main.ts';
import { inbound, testApp } from '../support/app.ts';

let app: App | undefined;
afterEach(() => app?.close());

const statusAt = async (iso: string, on: string) => {
  app?.close();
  const now = Date.parse(iso);
  app = testApp({ MEMBER_MESSAGES_PER_MINUTE: '1000' }, { llm: null, now: () => now });
  await handleLine(app.commands, app.core, inbound(on, 'kai'));
  return (await handleLine(app.commands, app.core, inbound('/checkin status', 'kai'))).text;
};

describe('/checkin status', () => {
  it('shows the next check-in by the calendar across a clock change: Sunday 21 March 2027 23:30 London, Fridays 09:00 → 26 March', async () => {
    const text = await statusAt('2027-03-21T23:30:00Z', '/checkin on day:friday time:09:00 timezone:Europe/London');
    expect(text).toContain('Next: Friday 26 March 2027 at 09:00 (Europe/London).');
  });

  it('shows this week’s time while it is ahead, and next week’s once it has passed', async () => {
    // Friday 26 March 2027 08:59 GMT, then 09:00 GMT: clocks go forward two days later.
    expect(await statusAt('2027-03-26T08:59:00Z', '/checkin on day:friday time:09:00 timezone:Europe/London')).toContain('Next: Friday 26 March 2027 at 09:00');
    expect(await statusAt('2027-03-26T09:00:00Z', '/checkin on day:friday time:09:00 timezone:Europe/London')).toContain('Next: Friday 2 April 2027 at 09:00');
    // Monday 09:00 in Auckland, asked on Sunday evening UTC (already Monday there).
    expect(await statusAt('2026-11-29T21:00:00Z', '/checkin on day:monday time:09:00 timezone:Pacific/Auckland')).toContain(
      'Next: Monday 7 December 2026 at 09:00 (Pacific/Auckland).',
    );
  });
});
