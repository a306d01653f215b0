import { APIConnectionError, BadRequestError, RateLimitError } from 'openai';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOpenAiLlm, type Llm, type LlmConfig, LlmFailure } from '../../src/llm/client.ts';
import { type FakeOpenAi, type Responder, startFakeOpenAi } from '../support/fake-openai.ts';

let fake: FakeOpenAi;

beforeEach(async () => {
  fake = await startFakeOpenAi();
});

afterEach(async () => {
  await fake.close();
  expect(fake.unexpected).toEqual([]);
});

const messages = [{ role: 'user' as const, content: 'How long does the switch to ML take?' }];

function llm(config: Partial<LlmConfig> = {}): Llm {
  return createOpenAiLlm({ apiKey: 'sk-test', baseURL: fake.baseURL, model: 'coach-model', timeoutMs: 4000, retryBaseMs: 20, ...config });
}

/** The failure a call ends with; fails the test if the call answers. */
async function failureOf(call: Promise<unknown>): Promise<LlmFailure> {
  const outcome = await call.then(
    (answer) => ({ answer }),
    (error: unknown) => ({ error }),
  );
  if ('answer' in outcome) throw new Error(`expected a failure, got ${JSON.stringify(outcome.answer)}`);
  expect(outcome.error).toBeInstanceOf(LlmFailure);
  return outcome.error as LlmFailure;
}

const gapsMs = () => fake.requests.slice(1).map((r, i) => r.receivedAt - (fake.requests[i]?.receivedAt ?? 0));

describe('retry policy', () => {
  it('waits as long as Retry-After asks, then answers', async () => {
    fake.respondWith({ status: 429, headers: { 'retry-after': '1' } }, { text: 'Nine to twelve months.' });
    const completion = await llm().complete(messages);
    expect(completion.text).toBe('Nine to twelve months.');
    expect(fake.requests).toHaveLength(2);
    expect(gapsMs()[0]).toBeGreaterThanOrEqual(950);
  });

  it('honours retry-after-ms and an HTTP-date Retry-After', async () => {
    const soon = new Date(Date.now() + 1500).toUTCString();
    fake.respondWith({ status: 429, headers: { 'retry-after-ms': '300' } }, { status: 503, headers: { 'retry-after': soon } }, { text: 'ok' });
    expect((await llm().complete(messages)).text).toBe('ok');
    expect(gapsMs()[0]).toBeGreaterThanOrEqual(290);
    // Dates have whole seconds; the third attempt waits for that second, however near it was.
    expect(fake.requests[2]?.receivedAt).toBeGreaterThanOrEqual(Date.parse(soon) - 5);
  });

  it('backs off exponentially when the server names no wait', async () => {
    fake.respondWith({ status: 500 }, { status: 502 }, { text: 'third time' });
    expect((await llm({ retryBaseMs: 100 }).complete(messages)).text).toBe('third time');
    const [first, second] = gapsMs();
    expect(first).toBeGreaterThanOrEqual(75);
    expect(second).toBeGreaterThanOrEqual(150);
  });

  it('gives up after two retries of a rate limit, with the last error as the cause', async () => {
    fake.respondWith({ status: 429 }, { status: 429 }, { status: 429 });
    const failure = await failureOf(llm().complete(messages));
    expect(failure.reason).toBe('unavailable');
    expect(failure.cause).toBeInstanceOf(RateLimitError);
    expect(fake.requests).toHaveLength(3);
  });

  it('answers offline at once when Retry-After ends past the deadline', async () => {
    fake.respondWith({ status: 429, headers: { 'retry-after': '3600' } });
    const failure = await failureOf(llm().complete(messages));
    expect(failure.reason).toBe('deadline');
    expect(fake.requests).toHaveLength(1);
  });

  it('does not repeat a request the server rejects as wrong', async () => {
    fake.respondWith({ status: 400, error: 'bad request' });
    const failure = await failureOf(llm().complete(messages));
    expect(failure.reason).toBe('unavailable');
    expect(failure.cause).toBeInstanceOf(BadRequestError);
    expect(fake.requests).toHaveLength(1);
  });

  it('holds one deadline across attempts and their waits', async () => {
    fake.respondWith({ status: 503, headers: { 'retry-after-ms': '150' } }, { hang: true });
    const failure = await failureOf(llm({ timeoutMs: 400 }).complete(messages));
    expect(failure.reason).toBe('deadline');
    expect(fake.requests).toHaveLength(2);
  });
});

describe('broken responses', () => {
  const retriedFaults: [string, Responder][] = [
    ['a reset connection', { destroy: 'before-response' }],
    ['a body cut off halfway', { destroy: 'mid-body' }],
    ['a body that is not JSON', { raw: '{"id":"chatcmpl-1","choices":[{"message":' }],
    ['an HTML error page with status 200', { raw: '<html><body>Bad gateway</body></html>', contentType: 'text/html' }],
    ['JSON that is not a chat completion', { raw: '{"error":"upstream timed out"}' }],
  ];

  for (const [name, fault] of retriedFaults) {
    it(`retries ${name} and answers when the next attempt is good`, async () => {
      fake.respondWith(fault, { text: 'Recovered.' });
      expect((await llm().complete(messages)).text).toBe('Recovered.');
      expect(fake.requests).toHaveLength(2);
    });

    it(`fails after three attempts of ${name}`, async () => {
      fake.respondWith(fault, fault, fault);
      expect((await failureOf(llm().complete(messages))).reason).toBe('unavailable');
      expect(fake.requests).toHaveLength(3);
    });
  }

  it('reports a dropped connection as the cause', async () => {
    fake.respondWith({ destroy: 'before-response' }, { destroy: 'before-response' }, { destroy: 'before-response' });
    expect((await failureOf(llm().complete(messages))).cause).toBeInstanceOf(APIConnectionError);
  });

  const emptyReplies: [string, Responder][] = [
    ['no choices', { raw: JSON.stringify({ id: 'x', object: 'chat.completion', model: 'coach-model', choices: [] }) }],
    ['null content', { text: '' }],
    ['blank content', { text: ' \n\t ' }],
    ['an empty string', { raw: JSON.stringify({ model: 'm', choices: [{ index: 0, message: { role: 'assistant', content: '' } }] }) }],
    ['only a tool call nobody offered', { text: '', toolCalls: [{ name: 'propose_milestone_done', arguments: '{}' }] }],
  ];

  for (const [name, reply] of emptyReplies) {
    it(`treats ${name} as no answer, without retrying`, async () => {
      fake.respondWith(reply);
      expect((await failureOf(llm().complete(messages))).reason).toBe('empty');
      expect(fake.requests).toHaveLength(1);
    });
  }
});

describe('answers', () => {
  it('returns text, the model that answered and token usage', async () => {
    fake.respondWith({ text: '  Start with Python.  ', model: 'coach-model-2026', promptTokens: 321, completionTokens: 12 });
    expect(await llm().complete(messages)).toEqual({
      text: 'Start with Python.',
      toolCalls: [],
      model: 'coach-model-2026',
      usage: { promptTokens: 321, completionTokens: 12 },
    });
  });

  it('returns tool calls when tools were offered, even without text', async () => {
    const tool = { type: 'function' as const, function: { name: 'propose_milestone_done', description: 'd', parameters: {} } };
    fake.respondWith({ text: '', toolCalls: [{ name: 'propose_milestone_done', arguments: '{"milestone_id":"x"}' }] });
    const completion = await llm().complete(messages, { tools: [tool] });
    expect(completion.toolCalls).toEqual([{ name: 'propose_milestone_done', argumentsJson: '{"milestone_id":"x"}' }]);
    expect(fake.requests[0]?.body.tools).toEqual([tool]);
  });
});
