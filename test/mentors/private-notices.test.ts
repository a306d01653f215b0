import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handleLine } from '../../src/commands/dispatch.ts';
import type { Inbound } from '../../src/core/types.ts';
import type { App } from '../../src/main.ts';
import { runTerminalChat } from '../../src/terminal/chat.ts';
import { testApp } from '../support/app.ts';

let app: App;
beforeEach(() => {
  app = testApp({ MEMBER_MESSAGES_PER_MINUTE: '1000' }, { llm: null });
});
afterEach(() => app.close());

const NOTE = 'Bring your notebook to Thursday';
const say = (text: string, origin: Inbound['origin'], roles: string[] = []) =>
  handleLine(app.commands, app.core, { memberId: roles.length ? 'maya' : 'ana', displayName: roles.length ? 'Maya' : 'Ana', origin, text, roles });

async function chat(lines: string[]): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = '';
  output.on('data', (chunk: Buffer) => {
    printed += chunk.toString('utf8');
  });
  input.end(`${lines.join('\n')}\n`);
  await runTerminalChat(app, { memberId: 'ana', roles: [], input, output });
  return printed;
}

describe('private notices (core)', () => {
  it('are not attached to a reply in a shared thread, stay pending, and show in the terminal chat', async () => {
    await say('/privacy mentors:on', { kind: 'dm', conversationId: 'dm:ana' });
    await say(`/mentor note member:ana text:"${NOTE}"`, { kind: 'dm', conversationId: 'dm:maya' }, ['mentor']);

    const inThread = await say('/help', { kind: 'group', conversationId: 'thread:1', channelId: 'c1', guildId: 'g1' });
    expect(inThread.text).not.toContain(NOTE);
    expect(app.db.$client.prepare('SELECT count(*) FROM mentor_notes WHERE delivered_at IS NULL').pluck().get()).toBe(1);

    expect(await chat(['/help'])).toContain(`📝 Note from mentor Maya: ${NOTE}`);
    expect(app.db.$client.prepare('SELECT count(*) FROM mentor_notes WHERE delivered_at IS NULL').pluck().get()).toBe(0);
  });
});
