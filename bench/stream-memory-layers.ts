/**
 * Where the memory of an open, idle stream goes: live heap per open stream whose upstream stalls after its
 * response head, layer by layer in one process, each layer measured with 1000 streams open (after forced GCs):
 *
 *   A  a bare `fetch` (undici) with its body reader waiting — the floor of any fetch-based client;
 *   B  A + `TextDecoderStream` + `EventSourceParserStream` — the floor of any SSE client on web streams;
 *   C  `@ai-sdk/openai-compatible`'s `doStream` (the client Aura used for OpenAI-compatible servers);
 *   D  the AI SDK's `streamText` over C (what the agent loop called before it called `doStream`);
 *   E  a bare `node:http` request (keep-alive agent) with its body waiting — the floor of Aura's client;
 *   F  Aura's Chat Completions client's `doStream` (chat-completions/), read through its direct reader;
 *   G  Aura's `runtime.run` (agent loop, retry, transcript, events) over F — what `aura serve` runs per stream.
 *
 * G − F is the agent loop's cost per stream, F − E the client's, C − B the provider package's. Information only
 * (no target): the server bench (`bench/server.ts`) holds the per-stream target. Run after `npm run build`:
 * `node --expose-gc --no-warnings --import tsx bench/stream-memory-layers.ts`.
 */

import http from 'node:http';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { defineConfig } from '@aura/config';
import { createAgentRuntime } from '@aura/core';
import { streamText } from 'ai';
import { EventSourceParserStream } from 'eventsource-parser/stream';
import { createChatCompletionsModel } from '../packages/core/src/llm/chat-completions/chat-completions-model.js';
import { readStreamParts } from '../packages/core/src/llm/stream-parts.js';
import { mockStats, resetMock, startMock } from './server/parties.js';
import { killAllChildren, sleep } from './server/processes.js';

const N = 1000;
const mock = await startMock({ ttftMs: 50, tokenMs: 50, tokens: 32, chunkChars: 4 }, undefined);
const body = JSON.stringify({
  model: 'm',
  stream: true,
  stream_options: { include_usage: true },
  messages: [{ role: 'user', content: 'stall here' }],
});
const model = createOpenAICompatible({
  name: 'openai-compatible',
  baseURL: mock.openaiUrl,
  apiKey: 'x',
  includeUsage: true,
}).chatModel('m');
const auraModel = createChatCompletionsModel({
  modelId: 'm',
  baseURL: mock.openaiUrl,
  apiKey: 'x',
  providerName: 'openai-compatible',
});
const keepAlive = new http.Agent({ keepAlive: true });
const runtime = createAgentRuntime({
  agents: [
    {
      id: 'bench',
      config: defineConfig({
        agent: {
          name: 'bench',
          system_prompt: 'You are a benchmark agent.',
          llm: { provider: 'openai', api_key: 'x', model: 'm', base_url: mock.openaiUrl },
        },
      }),
    },
  ],
});
await runtime.start();
const prompt = [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'stall here' }] }];
function bodyOf(response: Response): ReadableStream<Uint8Array> {
  if (response.body === null) throw new Error(`no body (status ${response.status})`);
  return response.body;
}
type Opener = (signal: AbortSignal) => Promise<void>;
/** The bench's chat request to the mock over `fetch`. */
function postChat(signal: AbortSignal): Promise<Response> {
  return fetch(`${mock.openaiUrl}/chat/completions`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json' },
    signal,
  });
}
/** Reads a stream of parts to its end in the background (the stream stalls, so this holds it open). */
function drain(reader: { read(): Promise<{ done: boolean }> }): void {
  void (async () => {
    try {
      while (!(await reader.read()).done) {}
    } catch {}
  })();
}
const layers: Record<string, Opener> = {
  'A fetch (undici), body reader waiting': async (signal) => {
    const r = await postChat(signal);
    void bodyOf(r)
      .getReader()
      .read()
      .catch(() => undefined);
  },
  'B + TextDecoderStream + EventSourceParserStream': async (signal) => {
    const r = await postChat(signal);
    void bodyOf(r)
      .pipeThrough(new TextDecoderStream())
      .pipeThrough(new EventSourceParserStream())
      .getReader()
      .read()
      .catch(() => undefined);
  },
  'C model.doStream': async (signal) => {
    const { stream } = await model.doStream({ prompt, abortSignal: signal });
    drain(stream.getReader());
  },
  'D streamText fullStream': async (signal) => {
    const result = streamText({ model, prompt: 'stall here', maxRetries: 0, abortSignal: signal, onError: () => {} });
    void (async () => {
      try {
        for await (const _ of result.fullStream) {
        }
      } catch {}
    })();
  },
  'E node:http request, body waiting': async (signal) => {
    await new Promise<void>((resolve, reject) => {
      const req = http.request(`${mock.openaiUrl}/chat/completions`, {
        method: 'POST',
        agent: keepAlive,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        signal,
      });
      req.on('response', (res) => {
        res.on('data', () => {});
        res.on('error', () => {});
        resolve();
      });
      req.on('error', reject);
      req.end(body);
    });
  },
  'F aura client doStream': async (signal) => {
    drain(readStreamParts(await auraModel.doStream({ prompt, abortSignal: signal })));
  },
  'G aura runtime.run': async (signal) => {
    const it = runtime.run({ agentId: 'bench', query: 'stall here', sessionId: 's', signal });
    void (async () => {
      try {
        for await (const _ of it) {
        }
      } catch {}
    })();
  },
};
const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with --expose-gc');
const heapKb = new Map<string, number>();
for (const [name, open] of Object.entries(layers)) {
  await resetMock(mock);
  await sleep(500);
  gc();
  gc();
  const before = process.memoryUsage();
  const controller = new AbortController();
  for (let i = 0; i < N; i += 100) await Promise.all(Array.from({ length: 100 }, () => open(controller.signal)));
  while ((await mockStats(mock)).open < N) await sleep(50);
  await sleep(500);
  gc();
  gc();
  const after = process.memoryUsage();
  heapKb.set(name.slice(0, 1), (after.heapUsed - before.heapUsed) / N / 1024);
  console.log(
    `${name.padEnd(48)} heap ${((after.heapUsed - before.heapUsed) / N / 1024).toFixed(1)} KB/stream, external+buffers ${((after.external + after.arrayBuffers - before.external - before.arrayBuffers) / N / 1024).toFixed(1)} KB, rss ${((after.rss - before.rss) / N / 1024).toFixed(1)} KB`,
  );
  controller.abort();
  while ((await mockStats(mock)).open > 0) await sleep(50);
}
const kb = (layer: string): number => heapKb.get(layer) ?? Number.NaN;
const diff = (a: string, b: string): string => (kb(a) - kb(b)).toFixed(1);
console.log(
  `\nper open stream: agent loop (G − F) ${diff('G', 'F')} KB; Aura's client over node:http (F − E) ${diff('F', 'E')} KB;`,
);
console.log(
  `the provider package over a web-stream SSE client (C − B) ${diff('C', 'B')} KB; streamText (D − C) ${diff('D', 'C')} KB;`,
);
console.log(`Aura's client / the provider package (F / C) ${(kb('F') / kb('C')).toFixed(2)}×`);
await runtime.close();
killAllChildren();
