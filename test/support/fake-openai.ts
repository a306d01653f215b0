import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One HTTP request the fake received. `path` is the URL path without the query string. */
export type RecordedRequest = {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** When the request arrived (Date.now()), to see how long a client waited between attempts. */
  receivedAt: number;
  // biome-ignore lint/suspicious/noExplicitAny: parsed JSON request body; tests assert on its fields directly
  body: any;
};

export type ScriptedResponse =
  /** A 200 `chat.completion` whose single choice carries `text`. */
  | {
      text: string;
      promptTokens?: number;
      completionTokens?: number;
      model?: string;
      /** Function calls the model makes alongside (or instead of, with text '') its text. */
      toolCalls?: { name: string; arguments: string }[];
    }
  /** An error status with an OpenAI-style error JSON body, and extra headers such as `retry-after`. */
  | { status: number; error?: string; headers?: Record<string, string> }
  /** Exactly this body (malformed JSON, `{"choices":[]}`…), status 200 and JSON content type unless given. */
  | { raw: string; status?: number; contentType?: string }
  /**
   * Drops the connection: `before-response` resets it without a byte of reply;
   * `mid-body` sends the headers and half of a good completion, then resets it.
   */
  | { destroy: 'before-response' | 'mid-body' }
  /** Never answers (until the server closes). */
  | { hang: true };

export type Responder = ScriptedResponse | ((request: RecordedRequest) => ScriptedResponse);

export type FakeOpenAi = {
  /** e.g. http://127.0.0.1:PORT/v1 — pass as `baseURL` to the OpenAI SDK. */
  baseURL: string;
  /** Every request received, in order (including unexpected ones). */
  requests: RecordedRequest[];
  /** Queues responders; each chat-completions request consumes exactly one. */
  respondWith(...responders: Responder[]): void;
  /** Drops responders no request has consumed yet; returns how many there were. */
  discardQueued(): number;
  /** Requests that found no responder, hit an unknown path, or had an unparsable body. */
  unexpected: RecordedRequest[];
  /** Closes the server, destroying open (including hung) connections. */
  close(): Promise<void>;
};

const CHAT_COMPLETIONS_PATH = '/v1/chat/completions';
const DEFAULT_PROMPT_TOKENS = 100;
const DEFAULT_COMPLETION_TOKENS = 20;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, payload: unknown): void {
  const body = JSON.stringify(payload);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

function sendError(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  sendJson(res, status, { error: { message, type: 'server_error', param: null, code: null } });
}

function sendRaw(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/** Promises the whole body in content-length, sends half, then resets the connection. */
function sendHalfThenReset(res: ServerResponse, payload: unknown): void {
  const body = Buffer.from(JSON.stringify(payload));
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
  res.write(body.subarray(0, Math.floor(body.length / 2)), () => res.socket?.destroy());
}

function requestedModel(body: unknown): string | undefined {
  if (typeof body === 'object' && body !== null && 'model' in body && typeof body.model === 'string') {
    return body.model;
  }
  return undefined;
}

type TextResponse = Extract<ScriptedResponse, { text: string }>;

/** A 200 `chat.completion` body whose single choice carries the scripted text and tool calls. */
function completionBody(scripted: TextResponse, request: unknown): unknown {
  const promptTokens = scripted.promptTokens ?? DEFAULT_PROMPT_TOKENS;
  const completionTokens = scripted.completionTokens ?? DEFAULT_COMPLETION_TOKENS;
  return {
    id: `chatcmpl-fake-${randomUUID()}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: scripted.model ?? requestedModel(request) ?? 'fake-model',
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: scripted.text || null,
          refusal: null,
          ...(scripted.toolCalls?.length
            ? {
                tool_calls: scripted.toolCalls.map((call, i) => ({
                  id: `call_fake_${i}`,
                  type: 'function',
                  function: { name: call.name, arguments: call.arguments },
                })),
              }
            : {}),
        },
        logprobs: null,
        finish_reason: scripted.toolCalls?.length ? 'tool_calls' : 'stop',
      },
    ],
    usage: {
      prompt_tokens: promptTokens,
      completion_tokens: completionTokens,
      total_tokens: promptTokens + completionTokens,
    },
  };
}

/** Starts a loopback fake of an OpenAI-compatible chat-completions server on 127.0.0.1. */
export async function startFakeOpenAi(): Promise<FakeOpenAi> {
  const requests: RecordedRequest[] = [];
  const unexpected: RecordedRequest[] = [];
  const queue: Responder[] = [];
  let requestCounter = 0;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const receivedAt = Date.now();
    requestCounter += 1;
    res.setHeader('x-request-id', `req_fake_${requestCounter}`);

    const raw = await readBody(req);
    let body: unknown = raw;
    let parseFailed = false;
    if (raw.length > 0) {
      try {
        body = JSON.parse(raw);
      } catch {
        parseFailed = true;
      }
    }
    const recorded: RecordedRequest = {
      method: req.method ?? '',
      path: (req.url ?? '').split('?')[0] ?? '',
      headers: { ...req.headers },
      receivedAt,
      body,
    };
    requests.push(recorded);

    if (recorded.method !== 'POST' || recorded.path !== CHAT_COMPLETIONS_PATH) {
      unexpected.push(recorded);
      sendError(res, 404, `fake-openai: no route for ${recorded.method} ${recorded.path}`);
      return;
    }
    if (parseFailed) {
      unexpected.push(recorded);
      sendError(res, 400, 'fake-openai: request body is not valid JSON');
      return;
    }

    const responder = queue.shift();
    if (responder === undefined) {
      unexpected.push(recorded);
      sendError(res, 500, 'fake-openai: unexpected request');
      return;
    }

    let scripted: ScriptedResponse;
    try {
      scripted = typeof responder === 'function' ? responder(recorded) : responder;
    } catch (error) {
      unexpected.push(recorded);
      sendError(res, 500, `fake-openai: responder threw: ${String(error)}`);
      return;
    }

    if ('hang' in scripted) {
      return; // leave the socket open; close() destroys it
    }
    if ('raw' in scripted) {
      sendRaw(res, scripted.status ?? 200, scripted.contentType ?? 'application/json', scripted.raw);
      return;
    }
    if ('status' in scripted) {
      sendError(res, scripted.status, scripted.error ?? `fake-openai: scripted status ${scripted.status}`, scripted.headers);
      return;
    }
    if ('destroy' in scripted) {
      if (scripted.destroy === 'before-response') req.socket.destroy();
      else sendHalfThenReset(res, completionBody({ text: 'This answer is cut off halfway through.' }, body));
      return;
    }
    sendJson(res, 200, completionBody(scripted, body));
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent && !res.destroyed) {
        sendError(res, 500, `fake-openai: internal error: ${String(error)}`);
      }
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  let closing: Promise<void> | undefined;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    unexpected,
    respondWith(...responders: Responder[]) {
      queue.push(...responders);
    },
    discardQueued() {
      return queue.splice(0).length;
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
