import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handleLine } from '../../src/commands/dispatch.ts';
import type { Inbound } from '../../src/core/types.ts';
import type { App } from '../../src/main.ts';
import { testApp } from '../support/app.ts';

let app: App;
let clock: number;
beforeEach(() => {
  clock = Date.parse('2026-11-23T10:00:00Z');
  app = testApp({ MEMBER_MESSAGES_PER_MINUTE: '1000' }, { llm: null, now: () => clock });
});
afterEach(() => app.close());

async function as(memberId: string, displayName: string, text: string, roles: string[] = []) {
  clock += 60_000;
  const message: Inbound = { memberId, displayName, roles, origin: { kind: 'dm', conversationId: `dm:${memberId}` }, text };
  return (await handleLine(app.commands, app.core, message)).text;
}

describe('/privacy shows every mentor read', () => {
  it('still shows a log read after the mentor runs /mentor mentees 25 times, with counts and first and last dates', async () => {
    await as('ana', 'Ana', 'How long does the switch to ML engineering take?');
    await as('ana', 'Ana', '/privacy mentors:on');
    await as('maya', 'Maya', '/mentor logs member:ana', ['mentor']);
    for (let i = 0; i < 25; i++) await as('maya', 'Maya', '/mentor mentees', ['mentor']);
    await as('olu', 'Olu', '/mentor note member:ana text:"Nice progress"', ['mentor']);

    const privacy = await as('ana', 'Ana', '/privacy');
    const reads = privacy.slice(privacy.indexOf('**Who read what**'));
    expect(reads).toContain('2026-11-23 10:03 UTC: Maya read your conversation log (1 turn)');
    expect(reads).toContain('2026-11-23 10:04 – 2026-11-23 10:28 UTC: Maya saw you in the mentee list 25 times');
    expect(reads).toContain('2026-11-23 10:29 UTC: Olu left you a note (13 characters)');
    // Newest kind of read first, one line per mentor and kind.
    expect(reads.split('\n').filter((l) => l.startsWith('- '))).toHaveLength(3);
    expect(reads.indexOf('Olu')).toBeLessThan(reads.indexOf('mentee list'));
  });
});
