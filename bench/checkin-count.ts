// What members actually received: check-in DMs per recipient, as the loopback Discord recorded them.
import type { FakeDiscord } from '../test/support/fake-discord.ts';
import { memberId } from './support.ts';

export type CheckinCount = { lost: number; duplicated: number; unexpected: number };

/** The first `members` dataset members were due; each should have exactly one message starting "Weekly check-in". */
export function countCheckins(fake: FakeDiscord, members: number): CheckinCount {
  const due = new Set(Array.from({ length: members }, (_, i) => memberId(i)));
  const received = new Map<string, number>();
  for (const message of fake.botMessages()) {
    if (message.via !== 'channel' || !message.channelId || !message.content.startsWith('Weekly check-in')) continue;
    const recipient = fake.dmRecipient(message.channelId);
    if (recipient) received.set(recipient, (received.get(recipient) ?? 0) + 1);
  }
  const counts = [...due].map((id) => received.get(id) ?? 0);
  return {
    lost: counts.filter((count) => count === 0).length,
    duplicated: counts.filter((count) => count > 1).length,
    unexpected: [...received.keys()].filter((id) => !due.has(id)).length,
  };
}
