import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handleLine } from '../../src/commands/dispatch.ts';
import type { App } from '../../src/main.ts';
import { getMember } from '../../src/members/store.ts';
import { runTerminalChat } from '../../src/terminal/chat.ts';
import { inbound, storedTurns, testApp } from '../support/app.ts';

// `/profile setup` belongs to the conversation it was started in (a DM, a thread, a terminal session).

let app: App;
beforeEach(() => {
  app = testApp({ MEMBER_MESSAGES_PER_MINUTE: '1000' }, { llm: null });
});
afterEach(() => app.close());

const say = async (text: string, conversationId: string, memberId = 'm1') =>
  (await handleLine(app.commands, app.core, inbound(text, memberId, conversationId))).text;
const member = () => getMember(app.db, 'm1');

describe('profile setup and other conversations', () => {
  it('a question in another conversation is answered as a question, and the setup carries on where it started', async () => {
    expect(await say('/profile setup', 'dm:100')).toMatch(/current role/);
    const elsewhere = await say('How long does the switch from backend to ML take?', 'thread:200');
    expect(elsewhere).not.toMatch(/years of experience/);
    expect(elsewhere).toMatch(/guides/);
    expect(member()?.profile.role).toBeNull();
    expect(member()?.onboardingStep).toBe('role');
    expect(storedTurns(app).map((t) => [t.conversation_id, t.question])).toEqual([['thread:200', 'How long does the switch from backend to ML take?']]);

    expect(await say('Backend engineer', 'dm:100')).toMatch(/years of experience/);
    expect(member()?.profile.role).toBe('Backend engineer');
    expect(await say('stop', 'thread:200')).not.toMatch(/Paused/);
    expect(member()?.onboardingStep).toBe('years');
    expect(await say('6', 'dm:100')).toMatch(/stack/);
    expect(member()?.profile.years).toBe(6);
  });

  it('/profile setup in a second conversation moves the setup there', async () => {
    await say('/profile setup', 'dm:100');
    expect(await say('/profile setup', 'thread:300')).toMatch(/current role/);
    expect(await say('Data engineer', 'dm:100')).not.toMatch(/years of experience/);
    expect(member()?.profile.role).toBeNull();
    expect(await say('Data engineer', 'thread:300')).toMatch(/years of experience/);
    expect(member()?.profile.role).toBe('Data engineer');
  });

  it('a setup started in one terminal session does not take lines from the next session', async () => {
    const chat = async (lines: string[]) => {
      const input = new PassThrough();
      const output = new PassThrough();
      let printed = '';
      output.setEncoding('utf8').on('data', (d: string) => {
        printed += d;
      });
      input.end(`${lines.join('\n')}\n`);
      await runTerminalChat(app, { memberId: 'm1', roles: [], input, output });
      return printed;
    };
    expect(await chat(['/profile setup', 'Backend engineer'])).toMatch(/years of experience/);
    expect(member()?.onboardingStep).toBe('years');
    const next = await chat(['7']);
    expect(next).not.toMatch(/stack/);
    expect(member()?.profile.years).toBeNull();
    expect(member()?.onboardingStep).toBe('years');
  });
});
