import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.ts';
import { createInbox } from '../../src/discord/inbox.ts';
import { messageNonce } from '../../src/discord/nonce.ts';

const route = { conversationId: 'dm:1', replyChannelId: '1', replyToId: null };

describe('Discord inbox', () => {
  it('records a message once; a second delivery of it is recognised', () => {
    const inbox = createInbox(openDatabase(':memory:'));
    expect(inbox.accept({ messageId: '100', channelId: '1', memberId: 'ana', route, now: 1 })).toMatchObject({ status: 'received', attempts: 0, route });
    expect(inbox.accept({ messageId: '100', channelId: '1', memberId: 'ana', route, now: 2 })).toBeUndefined();
  });

  it('keeps the answer until every part is sent, then drops its text', () => {
    const inbox = createInbox(openDatabase(':memory:'));
    inbox.accept({ messageId: '100', channelId: '1', memberId: 'ana', route, now: 1 });
    const parts = [
      { content: 'one', allowedMentions: { parse: [] as [] } },
      { content: 'two', allowedMentions: { parse: [] as [] } },
    ];
    inbox.saveAnswer('100', parts, 2);
    inbox.partSent('100', 1, '200', 3);
    expect(inbox.get('100')).toMatchObject({ status: 'answered', parts, partsSent: 1, lastSentId: '200' });
    inbox.finish('100', 'sent', 4);
    expect(inbox.get('100')).toMatchObject({ status: 'sent', parts: undefined });
  });

  it('lists what is owed oldest first, gives up stale rows and prunes finished ones', () => {
    const inbox = createInbox(openDatabase(':memory:'));
    inbox.accept({ messageId: '300', channelId: '1', memberId: 'ana', now: 30 });
    inbox.accept({ messageId: '100', channelId: '1', memberId: 'ana', now: 10 });
    inbox.accept({ messageId: '200', channelId: '1', memberId: 'ana', now: 20 });
    inbox.finish('200', 'sent', 21);
    expect(inbox.owed(0).map((r) => r.messageId)).toEqual(['100', '300']);
    expect(inbox.expire(15, 40)).toBe(1);
    expect(inbox.owed(0).map((r) => r.messageId)).toEqual(['300']);
    expect(inbox.prune(25)).toBe(2);
    expect(inbox.get('100')).toBeUndefined();
    expect(inbox.get('300')).toBeDefined();
  });

  it('names the newest message per channel by id order, not text order', () => {
    const inbox = createInbox(openDatabase(':memory:'));
    inbox.accept({ messageId: '9', channelId: 'a', memberId: 'ana', now: 10 });
    inbox.accept({ messageId: '10', channelId: 'a', memberId: 'ana', now: 11 });
    inbox.accept({ messageId: '5', channelId: 'b', memberId: 'bo', now: 12 });
    inbox.accept({ messageId: '1', channelId: 'c', memberId: 'cy', now: 1 });
    expect(inbox.recentChannels(5)).toEqual([
      { channelId: 'a', lastMessageId: '10' },
      { channelId: 'b', lastMessageId: '5' },
    ]);
  });
});

describe('message nonces', () => {
  it('are the same for the same message and part, differ otherwise, and fit Discord’s 25 characters', () => {
    const keys = ['answer:1288000000000000000:0', 'answer:1288000000000000000:1', 'checkin:1288000000000000000:2026-W49:0'];
    const nonces = keys.map(messageNonce);
    expect(keys.map(messageNonce)).toEqual(nonces);
    expect(new Set(nonces).size).toBe(keys.length);
    for (const nonce of nonces) expect(nonce.length).toBeLessThanOrEqual(25);
  });
});
