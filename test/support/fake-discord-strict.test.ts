import { once } from 'node:events';
import { Client, DiscordAPIError, Events, GatewayIntentBits, Partials } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeDiscord, startFakeDiscord } from './fake-discord.ts';
import { DISCORD_LIMITS, invalidFields } from './fake-discord-validation.ts';

const MEMBER = { userId: '200000000000000001', username: 'ada' };

let fake: FakeDiscord;
let client: Client | undefined;

beforeEach(async () => {
  fake = await startFakeDiscord();
});

afterEach(async () => {
  await client?.destroy();
  client = undefined;
  await fake.close();
});

type Answer = { status: number; body: { code?: number; message?: string; errors?: unknown } };

/** A raw REST call, as any Discord client library would make it. */
async function rest(method: string, path: string, body: unknown, token: string | undefined = fake.token): Promise<Answer> {
  const response = await fetch(`${fake.apiURL}/v10${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bot ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : {} };
}

/** Expects Discord's "Invalid Form Body" naming exactly these fields. */
function expectInvalid(answer: Answer, fields: string[]): void {
  expect(answer.status).toBe(400);
  expect(answer.body).toMatchObject({ code: 50035, message: 'Invalid Form Body' });
  expect(invalidFields(answer.body).sort()).toEqual([...fields].sort());
}

const post = (body: unknown) => rest('POST', `/channels/${fake.channelId}/messages`, body);
const button = (customId: string) => ({ type: 2, style: 2, label: 'Go', custom_id: customId });
const row = (...components: unknown[]) => ({ type: 1, components });

async function loggedIn(): Promise<void> {
  client = new Client({ intents: [GatewayIntentBits.Guilds, GatewayIntentBits.DirectMessages], partials: [Partials.Channel], rest: { api: fake.apiURL } });
  const ready = once(client, Events.ClientReady);
  await client.login(fake.token);
  await ready;
}

/** A slash-command interaction the test answers itself (the logged-in client does not). */
async function interaction(): Promise<{ id: string; token: string }> {
  await loggedIn();
  return fake.sendInteraction({ ...MEMBER, command: 'ask', options: { question: 'hi' } });
}

describe('the loopback Discord refuses what Discord refuses (Invalid Form Body)', () => {
  it('names the field the published schema rejects, in Discord nested error format, and creates nothing', async () => {
    const answer = await post({ content: 'hi', allowed_mentions: { parse: ['nobody'] }, message_reference: { message_id: 'not-a-snowflake' } });
    expectInvalid(answer, ['allowed_mentions.parse.0', 'message_reference.message_id']);
    expect(answer.body.errors).toMatchObject({ allowed_mentions: { parse: { 0: { _errors: [{ code: 'BASE_TYPE_CHOICES' }] } } } });
    expect(fake.channelMessages(fake.channelId)).toEqual([]);
  });

  it('limits message content to 2,000 characters, though the schema allows 4,000 for create and edit', async () => {
    expectInvalid(await post({ content: 'x'.repeat(DISCORD_LIMITS.messageContent + 1) }), ['content']);
    const created = await post({ content: 'x'.repeat(DISCORD_LIMITS.messageContent) });
    expect(created.status).toBe(200);
    const id = String((created.body as { id?: string }).id);
    const edit = await rest('PATCH', `/channels/${fake.channelId}/messages/${id}`, { content: 'y'.repeat(3000) });
    expectInvalid(edit, ['content']);
    expect(edit.body.errors).toEqual({ content: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 2000 or fewer in length.' }] } });
    expect(fake.getMessage(id)?.content).toBe('x'.repeat(2000));
  });

  it('takes up to 5 action rows of up to 5 buttons, each with a unique custom id of up to 100 characters', async () => {
    const fiveByFive = Array.from({ length: 5 }, (_, r) => row(...Array.from({ length: 5 }, (_, b) => button(`b${r}-${b}`))));
    expect((await post({ content: 'ok', components: fiveByFive })).status).toBe(200);
    expectInvalid(await post({ content: 'rows', components: [...fiveByFive, row(button('sixth'))] }), ['components']);
    expectInvalid(await post({ content: 'buttons', components: [row(...Array.from({ length: 6 }, (_, b) => button(`b${b}`)))] }), ['components.0.components']);
    expectInvalid(await post({ content: 'long id', components: [row(button('x'.repeat(DISCORD_LIMITS.customId + 1)))] }), [
      'components.0.components.0.custom_id',
    ]);
    expect((await post({ content: 'id of 100', components: [row(button('x'.repeat(DISCORD_LIMITS.customId)))] })).status).toBe(200);
    expectInvalid(await post({ content: 'twice', components: [row(button('same'), button('same'))] }), ['components.0.components.1.custom_id']);
    expectInvalid(await post({ content: 'no id', components: [row({ type: 2, style: 1, label: 'Go' })] }), ['components.0.components.0.custom_id']);
  });

  it('limits thread names to 100 characters on both ways of starting a thread', async () => {
    const message = await post({ content: 'start here' });
    const id = String((message.body as { id?: string }).id);
    const name = 't'.repeat(DISCORD_LIMITS.threadName + 1);
    expectInvalid(await rest('POST', `/channels/${fake.channelId}/messages/${id}/threads`, { name }), ['name']);
    expectInvalid(await rest('POST', `/channels/${fake.channelId}/threads`, { name, type: 11 }), ['name']);
    expect((await rest('POST', `/channels/${fake.channelId}/messages/${id}/threads`, { name: name.slice(1) })).status).toBe(201);
  });

  it('refuses a slash command list with a broken definition and registers none of it', async () => {
    const ask = { name: 'ask', description: 'Ask', options: [{ type: 3, name: 'question', description: 'Your question', required: true }] };
    const path = `/applications/${fake.appId}/guilds/${fake.guildId}/commands`;
    const option = (extra: object) => ({ type: 3, name: 'bullet', description: 'Your bullets', ...extra });
    const cases: [unknown, string[]][] = [
      [{ name: 'resume', description: 'CV', options: [option({ max_length: 20_000 })] }, ['1.options.0.max_length']],
      [{ name: 'many', description: 'Too many', options: Array.from({ length: 26 }, (_, i) => option({ name: `o${i}` })) }, ['1.options']],
      [
        { name: 'pick', description: 'Choices', options: [option({ choices: Array.from({ length: 26 }, (_, i) => ({ name: `c${i}`, value: `c${i}` })) })] },
        ['1.options.0.choices'],
      ],
      [{ name: 'Resume', description: 'Upper case' }, ['1.name']],
      [{ name: 'silent' }, ['1.description']],
      [{ name: 'odd', description: 'Unknown option type', options: [option({ type: 99 })] }, ['1.options.0.type']],
      [{ name: 'order', description: 'Order', options: [option({ name: 'a' }), option({ name: 'b', required: true })] }, ['1.options.1.required']],
    ];
    for (const [broken, fields] of cases) expectInvalid(await rest('PUT', path, [ask, broken]), fields);
    expect(fake.commands(fake.guildId)).toEqual([]);
    const put = await rest('PUT', path, [ask, { name: 'resume', description: 'CV', options: [option({ max_length: 6000 })] }]);
    expect(put.status).toBe(200);
    expect(fake.commands(fake.guildId).map((c) => c.name)).toEqual(['ask', 'resume']);
  });

  it('checks interaction replies: content, an unknown callback type', async () => {
    const { id, token } = await interaction();
    const callback = `/interactions/${id}/${token}/callback`;
    expectInvalid(await rest('POST', callback, { type: 4, data: { content: 'x'.repeat(2001) } }, undefined), ['data.content']);
    expectInvalid(await rest('POST', callback, { type: 3 }, undefined), ['type']);
    expect((await rest('POST', callback, { type: 5, data: { flags: 64 } }, undefined)).status).toBe(204);
    const followup = await rest('POST', `/webhooks/${fake.appId}/${token}`, { content: 'x'.repeat(2001) }, undefined);
    expectInvalid(followup, ['content']);
    const edit = await rest('PATCH', `/webhooks/${fake.appId}/${token}/messages/@original`, { content: 'x'.repeat(2001) }, undefined);
    expectInvalid(edit, ['content']);
  });

  it('limits modal titles to 45 characters and text inputs to 4,000', async () => {
    const { id, token } = await interaction();
    const callback = `/interactions/${id}/${token}/callback`;
    const input = (extra: object) => ({ type: 4, custom_id: 'blocker', style: 2, label: 'What blocks you?', ...extra });
    const modal = (title: string, extra: object = {}) => ({ type: 9, data: { custom_id: 'stuck:1', title, components: [row(input(extra))] } });
    expectInvalid(await rest('POST', callback, modal('t'.repeat(DISCORD_LIMITS.modalTitle + 1)), undefined), ['data.title']);
    expectInvalid(await rest('POST', callback, modal('Stuck', { max_length: DISCORD_LIMITS.textInput + 1 }), undefined), [
      'data.components.0.components.0.max_length',
    ]);
    expectInvalid(await rest('POST', callback, modal('Stuck', { value: 'v'.repeat(DISCORD_LIMITS.textInput + 1) }), undefined), [
      'data.components.0.components.0.value',
    ]);
    expect((await rest('POST', callback, modal('t'.repeat(45), { max_length: 4000 }), undefined)).status).toBe(204);
  });

  it('reaches discord.js as a DiscordAPIError 50035 whose message names the field', async () => {
    await loggedIn();
    const channel = await client?.channels.fetch(fake.channelId);
    const sent = channel?.isSendable() ? channel.send({ content: 'x'.repeat(2001) }) : Promise.reject(new Error('no channel'));
    const error = await sent.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect((error as DiscordAPIError).code).toBe(50035);
    expect((error as DiscordAPIError).message).toContain('content[BASE_TYPE_MAX_LENGTH]');
  });
});
