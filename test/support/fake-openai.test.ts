import OpenAI from 'openai';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeOpenAi, startFakeOpenAi } from './fake-openai.ts';

let fake: FakeOpenAi;
beforeEach(async () => {
  fake = await startFakeOpenAi();
});
afterEach(async () => {
  await fake.close();
});

function client(options: { maxRetries?: number; timeout?: number } = {}): OpenAI {
  return new OpenAI({ baseURL: fake.baseURL, apiKey: 'test-key', ...options });
}

const messages = [
  { role: 'system' as const, content: 'You are a coach.' },
  { role: 'user' as const, content: 'How do I become an ML engineer?' },
];

describe('fake OpenAI server driven by the real SDK', () => {
  it('returns the scripted text with usage', async () => {
    fake.respondWith({ text: 'Learn linear algebra.', promptTokens: 42, completionTokens: 7 });

    const { data: completion, response } = await client().chat.completions.create({ model: 'gpt-test', messages }).withResponse();

    expect(completion.object).toBe('chat.completion');
    expect(completion.model).toBe('gpt-test');
    expect(completion.choices[0]?.message).toMatchObject({ role: 'assistant', content: 'Learn linear algebra.' });
    expect(completion.choices[0]?.finish_reason).toBe('stop');
    expect(completion.usage).toEqual({ prompt_tokens: 42, completion_tokens: 7, total_tokens: 49 });
    expect(response.headers.get('x-request-id')).toMatch(/^req_fake_/);
  });

  it('uses default usage and the responder model when given', async () => {
    fake.respondWith({ text: 'ok', model: 'scripted-model' });

    const completion = await client().chat.completions.create({ model: 'gpt-test', messages });

    expect(completion.model).toBe('scripted-model');
    expect(completion.usage).toEqual({ prompt_tokens: 100, completion_tokens: 20, total_tokens: 120 });
  });

  it('records the request method, path, headers and body', async () => {
    fake.respondWith({ text: 'ok' });

    await client().chat.completions.create({ model: 'gpt-test', messages });

    expect(fake.requests).toHaveLength(1);
    const [request] = fake.requests;
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe('/v1/chat/completions');
    expect(request?.headers.authorization).toBe('Bearer test-key');
    expect(request?.body.model).toBe('gpt-test');
    expect(request?.body.messages).toEqual(messages);
    expect(fake.unexpected).toEqual([]);
  });

  it('passes the recorded request to a function responder', async () => {
    fake.respondWith((request) => ({ text: `echo: ${request.body.messages.at(-1).content}` }));

    const completion = await client().chat.completions.create({ model: 'gpt-test', messages });

    expect(completion.choices[0]?.message.content).toBe('echo: How do I become an ML engineer?');
  });

  it('lets the SDK retry a 500 and then succeed', async () => {
    fake.respondWith({ status: 500, error: 'boom' }, { text: 'second time lucky' });

    const completion = await client({ maxRetries: 2 }).chat.completions.create({ model: 'gpt-test', messages });

    expect(completion.choices[0]?.message.content).toBe('second time lucky');
    expect(fake.requests).toHaveLength(2);
    expect(fake.unexpected).toEqual([]);
  });

  it('surfaces a scripted error status with its message', async () => {
    fake.respondWith({ status: 429, error: 'slow down' });

    const error = await client({ maxRetries: 0 })
      .chat.completions.create({ model: 'gpt-test', messages })
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect((error as InstanceType<typeof OpenAI.APIError>).message).toContain('slow down');
  });

  it('sends scripted headers with an error status', async () => {
    fake.respondWith({ status: 429, headers: { 'retry-after': '7' } });

    const error = await client({ maxRetries: 0 })
      .chat.completions.create({ model: 'gpt-test', messages })
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect((error as InstanceType<typeof OpenAI.APIError>).headers?.get('retry-after')).toBe('7');
  });

  it('sends a raw body exactly as scripted', async () => {
    fake.respondWith({ raw: '{"choices": [' }, { raw: '{"choices":[]}' });

    const malformed = await client({ maxRetries: 0 })
      .chat.completions.create({ model: 'gpt-test', messages })
      .catch((e: unknown) => e);
    const empty = await client({ maxRetries: 0 }).chat.completions.create({ model: 'gpt-test', messages });

    expect(malformed).toBeInstanceOf(SyntaxError);
    expect(empty.choices).toEqual([]);
  });

  it('resets the connection before replying or halfway through the body', async () => {
    fake.respondWith({ destroy: 'before-response' }, { destroy: 'mid-body' });

    const reset = await client({ maxRetries: 0 })
      .chat.completions.create({ model: 'gpt-test', messages })
      .catch((e: unknown) => e);
    const cut = await client({ maxRetries: 0 })
      .chat.completions.create({ model: 'gpt-test', messages })
      .catch((e: unknown) => e);

    expect(reset).toBeInstanceOf(OpenAI.APIConnectionError);
    expect(cut).toBeInstanceOf(Error);
    expect(cut).not.toBeInstanceOf(OpenAI.APIError);
    expect(fake.requests).toHaveLength(2);
  });

  it('hangs until the SDK times out', async () => {
    fake.respondWith({ hang: true });

    const started = Date.now();
    const error = await client({ timeout: 300, maxRetries: 0 })
      .chat.completions.create({ model: 'gpt-test', messages })
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(OpenAI.APIConnectionTimeoutError);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(fake.requests).toHaveLength(1);
  });

  it('answers 500 and records an unexpected request when the queue is empty', async () => {
    const error = await client({ maxRetries: 0 })
      .chat.completions.create({ model: 'gpt-test', messages })
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(OpenAI.InternalServerError);
    expect((error as InstanceType<typeof OpenAI.APIError>).message).toContain('fake-openai: unexpected request');
    expect(fake.unexpected).toHaveLength(1);
    expect(fake.unexpected[0]?.body.model).toBe('gpt-test');
  });

  it('discards responders nothing consumed, so the next request finds an empty queue', async () => {
    fake.respondWith({ text: 'first' }, { text: 'second' }, { text: 'third' });
    const first = await client().chat.completions.create({ model: 'gpt-test', messages });
    expect(first.choices[0]?.message.content).toBe('first');
    expect(fake.discardQueued()).toBe(2);
    expect(fake.discardQueued()).toBe(0);
    await client({ maxRetries: 0 })
      .chat.completions.create({ model: 'gpt-test', messages })
      .catch(() => undefined);
    expect(fake.unexpected).toHaveLength(1);
  });

  it('answers 404 for other paths and records them as unexpected', async () => {
    const response = await fetch(`${fake.baseURL}/models`);

    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/json');
    const body = (await response.json()) as { error: { message: string; type: string } };
    expect(body.error.type).toBe('server_error');
    expect(fake.unexpected.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /v1/models']);
  });

  it('close() ends a hung request promptly', async () => {
    fake.respondWith({ hang: true });
    const pending = client({ maxRetries: 0, timeout: 10_000 })
      .chat.completions.create({ model: 'gpt-test', messages })
      .catch((e: unknown) => e);
    await expect.poll(() => fake.requests.length).toBe(1);

    const started = Date.now();
    await fake.close();
    const error = await pending;

    expect(error).toBeInstanceOf(OpenAI.APIConnectionError);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
