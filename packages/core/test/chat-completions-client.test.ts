/**
 * Aura's Chat Completions client over real sockets: what the parity test cannot compare — aborts and cancels
 * reaching the server, backpressure to the socket, keep-alive reuse, a failure mid-body, a configured `fetch`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { APICallError, type LanguageModelV3CallOptions } from '@ai-sdk/provider';
import { AuraError } from '@aura/events';
import { hang, type MockProviderServer, slowChunks, startMockProvider, text, turn } from '@aura/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createChatCompletionsModel } from '../src/llm/chat-completions/chat-completions-model.js';
import { readStreamParts, type StreamPartReader } from '../src/llm/stream-parts.js';

const CALL: LanguageModelV3CallOptions = { prompt: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }] };

let mock: MockProviderServer;
beforeAll(async () => {
  mock = await startMockProvider();
});
afterEach(() => mock.reset());
afterAll(() => mock.close());

function model(baseURL: string, fetch?: typeof globalThis.fetch) {
  return createChatCompletionsModel({ modelId: 'm', baseURL, apiKey: 'k', providerName: 'openai-compatible', fetch });
}

async function readAll(reader: StreamPartReader): Promise<string[]> {
  const types: string[] = [];
  for (;;) {
    const next = await reader.read();
    if (next.done) return types;
    types.push(next.value.type === 'text-delta' ? `text:${next.value.delta}` : next.value.type);
  }
}

/** A raw HTTP server whose handler the test sets. */
async function rawServer(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<{ server: Server; url: string; close: () => Promise<void> }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  return {
    server,
    url,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

describe("Aura's Chat Completions client", () => {
  it('an abort mid-stream rejects the next read with the signal’s reason and closes the request at the server', async () => {
    mock.enqueue(turn(text('one two three four five six seven'), slowChunks(200)));
    const controller = new AbortController();
    const result = await model(mock.urls.openai).doStream({ ...CALL, abortSignal: controller.signal });
    const reader = readStreamParts(result);
    let next = await reader.read();
    while (!next.done && next.value.type !== 'text-delta') next = await reader.read();
    const reason = new AuraError('RUN_TIMEOUT', 'inactivity timeout');
    controller.abort(reason);
    await expect(reader.read()).rejects.toBe(reason);
    await expect.poll(() => mock.chatRequests[0]?.aborted).toBe(true);
  });

  it('an abort while waiting for the response head rejects the call and closes the request', async () => {
    mock.enqueue(turn(text('never'), hang()));
    const controller = new AbortController();
    const call = model(mock.urls.openai).doStream({ ...CALL, abortSignal: controller.signal });
    await mock.waitForRequests(1);
    controller.abort();
    await expect(call).rejects.toMatchObject({ name: 'AbortError' });
    await expect.poll(() => mock.chatRequests[0]?.aborted).toBe(true);
  });

  it('cancel() closes the request at the server; later reads reject', async () => {
    mock.enqueue(turn(text('one two three four five six seven'), slowChunks(200)));
    const reader = readStreamParts(await model(mock.urls.openai).doStream(CALL));
    await reader.read();
    await reader.cancel();
    await expect(reader.read()).rejects.toMatchObject({ name: 'AbortError' });
    await expect.poll(() => mock.chatRequests[0]?.aborted).toBe(true);
  });

  it('reuses one keep-alive connection for consecutive calls', async () => {
    const ports: number[] = [];
    const server = await rawServer((req, res) => {
      ports.push(req.socket.remotePort ?? 0);
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.end(`data: ${JSON.stringify({ choices: [{ delta: { content: 'x' }, finish_reason: 'stop' }] })}\n\n`);
      });
    });
    try {
      for (let call = 0; call < 3; call++) {
        expect(await readAll(readStreamParts(await model(server.url).doStream(CALL)))).toContain('text:x');
      }
      expect(new Set(ports).size).toBe(1);
    } finally {
      await server.close();
    }
  });

  it('sends the request head http.request(url) would: Host with port, headers, credentials as Basic auth', async () => {
    const seen: { url: string | undefined; headers: IncomingMessage['headers']; body: string }[] = [];
    const server = await rawServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => {
        body += chunk;
      });
      req.on('end', () => {
        seen.push({ url: req.url, headers: req.headers, body });
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.end(`data: ${JSON.stringify({ choices: [{ delta: { content: 'x' }, finish_reason: 'stop' }] })}\n\n`);
      });
    });
    try {
      const port = new URL(server.url).port;
      const call = { ...CALL, headers: { 'X-Tenant': 'acme', 'x-unset': undefined } };
      await readAll(readStreamParts(await model(server.url).doStream(call)));
      const withCredentials = createChatCompletionsModel({
        modelId: 'm',
        baseURL: `http://us%40er:p%3Ass@127.0.0.1:${port}/v1`,
        providerName: 'openai-compatible',
      });
      await readAll(readStreamParts(await withCredentials.doStream(CALL)));

      const [keyed, credentialed] = seen;
      expect(keyed?.url).toBe('/v1/chat/completions');
      expect(keyed?.headers).toMatchObject({
        host: `127.0.0.1:${port}`,
        authorization: 'Bearer k',
        'content-type': 'application/json',
        'x-tenant': 'acme',
        'content-length': String(Buffer.byteLength(keyed?.body ?? '')),
      });
      expect(keyed?.headers).not.toHaveProperty('x-unset');
      expect(JSON.parse(keyed?.body ?? '{}')).toMatchObject({ model: 'm', stream: true });
      // Credentials in the base URL become Basic auth (and never reach the path).
      expect(credentialed?.url).toBe('/v1/chat/completions');
      expect(credentialed?.headers.authorization).toBe(`Basic ${Buffer.from('us@er:p:ss').toString('base64')}`);
    } finally {
      await server.close();
    }
  });

  it('keeps every idle connection of a burst for the next one (not only 256)', async () => {
    let connections = 0;
    const server = await rawServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        // Answer once every request of the burst is in, so the burst really holds 300 connections at once.
        setTimeout(() => {
          res.end(`data: ${JSON.stringify({ choices: [{ delta: { content: 'x' }, finish_reason: 'stop' }] })}\n\n`);
        }, 50);
      });
    });
    server.server.on('connection', () => {
      connections += 1;
    });
    try {
      const burst = () =>
        Promise.all(
          Array.from({ length: 300 }, async () => readAll(readStreamParts(await model(server.url).doStream(CALL)))),
        );
      await burst();
      expect(connections).toBe(300);
      await burst();
      expect(connections).toBe(300);
    } finally {
      await server.close();
    }
  });

  it('stops reading the socket while parts wait unread (the server’s writes back up), and loses nothing', async () => {
    const chunk = `data: ${JSON.stringify({ choices: [{ delta: { content: 'x'.repeat(1000) } }] })}\n\n`;
    const total = 20_000; // ~20 MB
    let written = 0;
    let blocked = false;
    const server = await rawServer((req, res) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const pump = (): void => {
        while (written < total) {
          written++;
          if (!res.write(chunk)) {
            blocked = true;
            res.once('drain', pump);
            return;
          }
        }
        res.end(`data: ${JSON.stringify({ choices: [{ delta: {}, finish_reason: 'stop' }] })}\n\n`);
      };
      pump();
    });
    try {
      const reader = readStreamParts(await model(server.url).doStream(CALL));
      await reader.read();
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(blocked).toBe(true);
      expect(written).toBeLessThan(total / 4);
      const types = await readAll(reader);
      expect(types.filter((type) => type.startsWith('text:'))).toHaveLength(total);
      expect(types.at(-1)).toBe('finish');
    } finally {
      await server.close();
    }
  });

  it('a body cut off mid-way fails the next read with a retryable "Response stream terminated"', async () => {
    const server = await rawServer((req, res) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(`data: ${JSON.stringify({ choices: [{ delta: { content: 'partial' } }] })}\n\n`);
      setTimeout(() => res.socket?.destroy(), 50);
    });
    try {
      const reader = readStreamParts(await model(server.url).doStream(CALL));
      const failure = await readAll(reader).catch((error: unknown) => error);
      expect(APICallError.isInstance(failure)).toBe(true);
      expect(failure).toMatchObject({ message: 'Response stream terminated', isRetryable: true, statusCode: 200 });
    } finally {
      await server.close();
    }
  });

  it('a non-JSON error body gives the status text as the message and keeps the body', async () => {
    const server = await rawServer((req, res) => {
      req.resume();
      res.writeHead(502, 'Bad Gateway', { 'content-type': 'text/html' });
      res.end('<html>upstream down</html>');
    });
    try {
      await expect(model(server.url).doStream(CALL)).rejects.toMatchObject({
        message: 'Bad Gateway',
        statusCode: 502,
        isRetryable: true,
        responseBody: '<html>upstream down</html>',
      });
    } finally {
      await server.close();
    }
  });

  it('an abort while a body is still arriving ends doGenerate and an error response at once', async () => {
    const server = await rawServer((req, res) => {
      req.resume();
      // A head, then a body that never ends: a 200 for the non-streamed call, a 500 for the streamed one.
      res.writeHead(req.url?.includes('generate') ? 200 : 500, { 'content-type': 'application/json' });
      res.write('{"choices":');
    });
    try {
      for (const path of ['generate', 'stream']) {
        const controller = new AbortController();
        const reason = new AuraError('RUN_TIMEOUT', `${path} timed out`);
        const call =
          path === 'generate'
            ? model(`${server.url}/generate`).doGenerate({ ...CALL, abortSignal: controller.signal })
            : model(`${server.url}/stream`).doStream({ ...CALL, abortSignal: controller.signal });
        setTimeout(() => controller.abort(reason), 100);
        await expect(call).rejects.toBe(reason);
      }
    } finally {
      await server.close();
    }
  });

  it('sends through a configured fetch and streams its body the same way', async () => {
    mock.enqueue(turn(text('via fetch')));
    const urls: string[] = [];
    const fetch: typeof globalThis.fetch = (input, init) => {
      urls.push(String(input));
      return globalThis.fetch(input, init);
    };
    const types = await readAll(readStreamParts(await model(mock.urls.openai, fetch).doStream(CALL)));
    expect(urls).toEqual([`${mock.urls.openai}/chat/completions`]);
    const streamed = types.filter((type) => type.startsWith('text:')).map((type) => type.slice('text:'.length));
    expect(streamed.join('')).toBe('via fetch');
    expect(types.at(-1)).toBe('finish');
  });

  it('reports the response headers, one string per name, a repeated header joined', async () => {
    const raw = await rawServer((_req, res) => {
      res.setHeader('content-type', 'text/event-stream');
      res.setHeader('x-request-id', 'up-1');
      res.setHeader('set-cookie', ['a=1', 'b=2']);
      res.end('data: {"choices":[{"index":0,"delta":{"content":"hi"}}]}\n\ndata: [DONE]\n\n');
    });
    try {
      const single = await model(raw.url).doStream(CALL);
      await readAll(readStreamParts(single));
      expect(single.response?.headers).toMatchObject({
        'content-type': 'text/event-stream',
        'x-request-id': 'up-1',
        'set-cookie': 'a=1, b=2',
      });
    } finally {
      await raw.close();
    }
    const plain = await rawServer((_req, res) => {
      res.setHeader('content-type', 'text/event-stream');
      res.setHeader('x-ratelimit-remaining', '41');
      res.end('data: [DONE]\n\n');
    });
    try {
      const result = await model(plain.url).doStream(CALL);
      await readAll(readStreamParts(result));
      expect(result.response?.headers?.['x-ratelimit-remaining']).toBe('41');
      expect(Object.values(result.response?.headers ?? {}).every((value) => typeof value === 'string')).toBe(true);
    } finally {
      await plain.close();
    }
  });
});
