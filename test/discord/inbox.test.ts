import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.ts';
import { createInbox, inboxBacklog } from '../../src/discord/inbox.ts';
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

describe('what the inbox stores', () => {
  it('writes each step of a message to its row, times in milliseconds, and counts the backlog', () => {
    const db = openDatabase(':memory:');
    const inbox = createInbox(db);
    const row = () => db.$client.prepare('SELECT * FROM discord_inbox WHERE message_id = ?').get('100');
    inbox.accept({ messageId: '100', channelId: '1', memberId: 'ana', now: 1000 });
    inbox.accept({ messageId: '101', channelId: '1', memberId: 'bo', route, now: 1001 });
    expect(row()).toEqual({
      message_id: '100',
      channel_id: '1',
      member_id: 'ana',
      conversation_id: null,
      reply_channel_id: null,
      reply_to_id: null,
      status: 'received',
      turn_id: null,
      parts: null,
      parts_sent: 0,
      last_sent_id: null,
      attempts: 0,
      received_at: 1000,
      updated_at: 1000,
    });
    expect(inboxBacklog(db)).toBe(2);
    inbox.setRoute('100', { conversationId: 'thread:7', replyChannelId: '7', replyToId: '100' }, 1100);
    expect(inbox.begin('100', 1200)).toBe(1);
    expect(inbox.begin('100', 1300)).toBe(2);
    expect(inbox.begin('999', 1300)).toBe(0);
    inbox.linkTurn('100', 42);
    inbox.saveAnswer('100', [{ content: 'one', allowedMentions: { parse: [] as [] } }], 1400);
    inbox.partSent('100', 1, '555', 1500);
    expect(row()).toMatchObject({
      conversation_id: 'thread:7',
      reply_channel_id: '7',
      reply_to_id: '100',
      status: 'answered',
      turn_id: 42,
      parts: '[{"content":"one","allowedMentions":{"parse":[]}}]',
      parts_sent: 1,
      last_sent_id: '555',
      attempts: 2,
      received_at: 1000,
      updated_at: 1500,
    });
    inbox.finish('100', 'failed', 1600);
    expect(row()).toMatchObject({ status: 'failed', parts: null, updated_at: 1600 });
    expect(inboxBacklog(db)).toBe(1);
    expect(inbox.expire(2000, 2100)).toBe(1);
    expect(db.$client.prepare('SELECT status, parts, updated_at FROM discord_inbox WHERE message_id = ?').get('101')).toEqual({
      status: 'dropped',
      parts: null,
      updated_at: 2100,
    });
    expect(inboxBacklog(db)).toBe(0);
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
