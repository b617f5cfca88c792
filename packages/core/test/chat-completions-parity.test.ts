/**
 * Aura's Chat Completions client against `@ai-sdk/openai-compatible` (the package it replaces for
 * OpenAI-compatible servers): the same calls, over real HTTP, must send the same request bodies and produce the
 * same stream parts, results and errors — for the mock provider's scripted turns and faults, and for raw wire
 * variants of real servers (arguments before the name, no index, `thinking` content, refusals, bad chunks, …).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import {
  APICallError,
  type LanguageModelV3,
  type LanguageModelV3CallOptions,
  type LanguageModelV3StreamPart,
} from '@ai-sdk/provider';
import {
  chunkSize,
  finish,
  httpError,
  type MockProviderServer,
  noUsage,
  rateLimited,
  reasoning,
  startMockProvider,
  streamError,
  text,
  toolCall,
  turn,
  usage,
} from '@aura/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChatCompletionsModel } from '../src/llm/chat-completions/chat-completions-model.js';
import { readStreamParts } from '../src/llm/stream-parts.js';

const NAME = 'openai-compatible';
const API_KEY = 'sk-parity-test-key-000000';

let mock: MockProviderServer;
let raw: { server: Server; url: string; body: string; requests: unknown[] };

beforeAll(async () => {
  mock = await startMockProvider();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      raw.requests.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end(raw.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  raw = { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, body: '', requests: [] };
});
afterAll(async () => {
  await mock.close();
  await new Promise((resolve) => raw.server.close(resolve));
});

function clients(baseURL: string): { reference: LanguageModelV3; aura: LanguageModelV3 } {
  return {
    reference: createOpenAICompatible({ name: NAME, baseURL, apiKey: API_KEY, includeUsage: true }).chatModel('m-1'),
    aura: createChatCompletionsModel({ modelId: 'm-1', baseURL, apiKey: API_KEY, providerName: NAME }),
  };
}

/** Errors compared by what callers read from them (validation errors by kind: the reference's carry zod text). */
function describeError(error: unknown): unknown {
  if (APICallError.isInstance(error)) {
    return {
      api: error.message,
      statusCode: error.statusCode,
      isRetryable: error.isRetryable,
      responseBody: error.responseBody,
      retryAfter: error.responseHeaders?.['retry-after'],
    };
  }
  if (error instanceof Error) {
    return error.name === 'AI_JSONParseError' || error.name === 'AI_TypeValidationError'
      ? { name: error.name }
      : { name: error.name, message: error.message };
  }
  return error;
}

/**
 * Parts with errors described, and tool call ids numbered in order of appearance — wire ids (the mock's `call_<n>`,
 * the raw streams' `call_w<n>`) apart from generated ones, so keeping a wire id and generating one still differ.
 */
function normalise(parts: readonly LanguageModelV3StreamPart[]): unknown[] {
  const ids = new Map<string, string>();
  const id = (value: string): string => {
    if (!ids.has(value)) ids.set(value, `${/^call_w?\d+$/.test(value) ? 'wire' : 'generated'}-${ids.size}`);
    return ids.get(value) as string;
  };
  return parts.map((part) => {
    if (part.type === 'error') return { type: 'error', error: describeError(part.error) };
    // The mock numbers its responses; the two clients get consecutive ones.
    if (part.type === 'response-metadata') return { ...part, id: part.id?.replace(/\d+$/, 'n') };
    if (part.type === 'tool-call') return { ...part, toolCallId: id(part.toolCallId) };
    if (part.type === 'tool-input-start' || part.type === 'tool-input-delta' || part.type === 'tool-input-end') {
      return { ...part, id: id(part.id) };
    }
    return part;
  });
}

type StreamOutcome = { parts: unknown[] } | { rejected: unknown };

async function stream(model: LanguageModelV3, options: LanguageModelV3CallOptions): Promise<StreamOutcome> {
  let result: Awaited<ReturnType<LanguageModelV3['doStream']>>;
  try {
    result = await model.doStream(options);
  } catch (error) {
    return { rejected: describeError(error) };
  }
  const reader = readStreamParts(result);
  const parts: LanguageModelV3StreamPart[] = [];
  try {
    for (;;) {
      const next = await reader.read();
      if (next.done) break;
      parts.push(next.value);
    }
  } catch (error) {
    parts.push({ type: 'error', error: new Error(`stream failed: ${(error as Error).message}`) });
  }
  return { parts: normalise(parts) };
}

const PROMPT: LanguageModelV3CallOptions['prompt'] = [
  { role: 'system', content: 'You are terse.' },
  {
    role: 'user',
    content: [
      { type: 'text', text: 'Look:' },
      { type: 'file', mediaType: 'image/png', data: new Uint8Array([137, 80, 78, 71]) },
      { type: 'file', mediaType: 'image/*', data: new URL('https://example.com/cat.jpg') },
      { type: 'file', mediaType: 'text/plain', data: Buffer.from('notes').toString('base64') },
    ],
  },
  {
    role: 'assistant',
    content: [
      { type: 'reasoning', text: 'Think. ' },
      { type: 'text', text: 'Calling.' },
      { type: 'tool-call', toolCallId: 'call_a', toolName: 'lookup', input: { q: 'x' } },
      { type: 'tool-call', toolCallId: 'call_b', toolName: 'lookup', input: '{"q":"y"}' },
      { type: 'tool-call', toolCallId: 'call_c', toolName: 'lookup', input: 'not json' },
    ],
  },
  {
    role: 'tool',
    content: [
      { type: 'tool-result', toolCallId: 'call_a', toolName: 'lookup', output: { type: 'json', value: { n: 1 } } },
      { type: 'tool-result', toolCallId: 'call_b', toolName: 'lookup', output: { type: 'error-text', value: 'boom' } },
      { type: 'tool-result', toolCallId: 'call_c', toolName: 'lookup', output: { type: 'execution-denied' } },
    ],
  },
  { role: 'assistant', content: [{ type: 'tool-call', toolCallId: 'call_d', toolName: 'lookup', input: {} }] },
  {
    role: 'tool',
    content: [{ type: 'tool-result', toolCallId: 'call_d', toolName: 'lookup', output: { type: 'text', value: 'ok' } }],
  },
  { role: 'user', content: [{ type: 'text', text: 'And now?' }] },
];

const TOOLS: LanguageModelV3CallOptions['tools'] = [
  {
    type: 'function',
    name: 'lookup',
    description: 'Look something up',
    inputSchema: { type: 'object', properties: { q: { type: 'string' } }, required: ['q'] },
  },
  { type: 'function', name: 'strict_one', inputSchema: { type: 'object', properties: {} }, strict: true },
  { type: 'provider', id: 'openai.web_search', name: 'web_search', args: {} },
];

const CALLS: Record<string, LanguageModelV3CallOptions> = {
  'a full prompt, tools and settings': {
    prompt: PROMPT,
    tools: TOOLS,
    toolChoice: { type: 'auto' },
    temperature: 0.2,
    maxOutputTokens: 300,
    topP: 0.9,
    topK: 5,
    frequencyPenalty: 0.1,
    presencePenalty: 0.2,
    stopSequences: ['END'],
    seed: 7,
    providerOptions: { openaiCompatible: { user: 'u-1', reasoningEffort: 'low', textVerbosity: 'low', top_k: 3 } },
  },
  'a forced tool, a JSON response and deprecated options': {
    prompt: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
    tools: TOOLS,
    toolChoice: { type: 'tool', toolName: 'lookup' },
    responseFormat: { type: 'json', schema: { type: 'object' } },
    providerOptions: { 'openai-compatible': { user: 'old', custom: true } },
  },
  'no tools and tool choice none': {
    prompt: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
    toolChoice: { type: 'none' },
    responseFormat: { type: 'json' },
  },
};

const toolTurn = turn(
  reasoning('The user wants Paris weather.'),
  text('Let me check.'),
  toolCall('weather', { city: 'Paris' }),
  toolCall('clock', { zone: 'CET' }),
  usage(100, 40, { cacheReadTokens: 30, reasoningTokens: 12 }),
);

const SCRIPTED: Record<string, ReturnType<typeof turn>> = {
  'reasoning, text, two tool calls and usage': toolTurn,
  'many small text deltas': turn(text('A fairly long answer, streamed in small pieces.'), chunkSize(3), usage(5, 9)),
  'length finish without usage': turn(text('cut'), finish('length'), noUsage()),
  'an in-band error after output': turn(text('partial answer here'), streamError('model crashed', { afterChunks: 2 })),
  'an in-band error before output': turn(text('never'), streamError('overloaded', { errorType: 'server_error' })),
  'HTTP 400 with an OpenAI error body': turn(text('x'), httpError(400, { message: 'bad thing' })),
  'HTTP 429 with Retry-After': turn(text('x'), rateLimited({ retryAfter: 2 })),
  'HTTP 503': turn(text('x'), httpError(503)),
};

describe('Chat Completions client parity with @ai-sdk/openai-compatible', () => {
  for (const [name, call] of Object.entries(CALLS)) {
    it(`sends the same request body and warnings: ${name}`, async () => {
      const { reference, aura } = clients(mock.urls.openai);
      mock.reset();
      mock.enqueue(toolTurn, toolTurn);
      const expected = await stream(reference, call);
      const actual = await stream(aura, call);
      expect(actual).toEqual(expected);
      const [first, second] = mock.chatRequests;
      expect(second?.body).toEqual(first?.body);
      expect(second?.headers.authorization).toBe(`Bearer ${API_KEY}`);
      expect(second?.path).toBe(first?.path);
    });
  }

  for (const [name, scripted] of Object.entries(SCRIPTED)) {
    it(`produces the same parts or error: ${name}`, async () => {
      const { reference, aura } = clients(mock.urls.openai);
      mock.reset();
      mock.enqueue(scripted, scripted);
      const call = CALLS['no tools and tool choice none'] as LanguageModelV3CallOptions;
      const expected = await stream(reference, call);
      const actual = await stream(aura, call);
      expect(actual).toEqual(expected);
    });
  }

  it('produces the same doGenerate result', async () => {
    const { reference, aura } = clients(mock.urls.openai);
    mock.reset();
    mock.enqueue(toolTurn, toolTurn);
    const call = CALLS['a full prompt, tools and settings'] as LanguageModelV3CallOptions;
    const expected = await reference.doGenerate(call);
    const actual = await aura.doGenerate(call);
    // The mock numbers its responses and tool calls; the two clients get consecutive ones.
    const numbered = (value: unknown): unknown => JSON.parse(JSON.stringify(value).replace(/(call_|mock-)\d+/g, '$1n'));
    expect(numbered(actual.content)).toEqual(numbered(expected.content));
    expect(actual.finishReason).toEqual(expected.finishReason);
    expect(actual.usage).toEqual(expected.usage);
    expect(actual.providerMetadata).toEqual(expected.providerMetadata);
    expect(actual.warnings).toEqual(expected.warnings);
    expect(numbered({ ...actual.response, headers: undefined })).toEqual(
      numbered({ ...expected.response, headers: undefined }),
    );
    expect(JSON.parse(actual.request?.body as string)).toEqual(JSON.parse(expected.request?.body as string));
  });

  const sse = (...events: unknown[]): string =>
    events.map((event) => `data: ${typeof event === 'string' ? event : JSON.stringify(event)}\n\n`).join('');
  const delta = (fields: object, finishReason: string | null = null): object => ({
    id: 'r-1',
    created: 1_700_000_000,
    model: 'm-1',
    choices: [{ index: 0, delta: fields, finish_reason: finishReason }],
  });
  const RAW: Record<string, string> = {
    'arguments before the name': sse(
      delta({ tool_calls: [{ index: 0, id: 'call_w1', function: { arguments: '{"q":' } }] }),
      delta({ tool_calls: [{ index: 0, function: { name: 'lookup', arguments: '"x"}' } }] }),
      delta({}, 'tool_calls'),
      '[DONE]',
    ),
    'tool calls without index (Gemini) with thought signatures': sse(
      delta({
        tool_calls: [
          {
            id: 'call_w1',
            function: { name: 'lookup', arguments: '{"q":"a"}' },
            extra_content: { google: { thought_signature: 'sig-1' } },
          },
        ],
      }),
      delta({ tool_calls: [{ id: 'call_w2', function: { name: 'lookup', arguments: '{"q":"b"}' } }] }),
      delta({}, 'tool_calls'),
    ),
    'a repeated wire id and a missing id': sse(
      delta({ tool_calls: [{ index: 0, id: 'call_w1', function: { name: 'a', arguments: '{}' } }] }),
      delta({ tool_calls: [{ index: 1, id: 'call_w1', function: { name: 'b', arguments: '{}' } }] }),
      delta({ tool_calls: [{ index: 2, function: { name: 'c', arguments: '' } }] }),
      delta({ tool_calls: [{ index: 2, function: { arguments: '{"k":1}' } }] }),
      delta({}, 'tool_calls'),
    ),
    'thinking content parts, reasoning field and a refusal': sse(
      delta({
        content: [
          { type: 'thinking', thinking: [{ type: 'text', text: 'hmm' }] },
          { type: 'text', text: 'Hi' },
        ],
      }),
      delta({ reasoning: 'more thought' }),
      delta({ content: 'there' }),
      delta({ refusal: 'I cannot help with that.' }),
      delta({ refusal: false }),
      delta({}, 'stop'),
    ),
    'usage with prediction tokens in a choiceless chunk': sse(delta({ content: 'x' }, 'stop'), {
      id: 'r-1',
      choices: [],
      usage: {
        prompt_tokens: 3,
        completion_tokens: 4,
        completion_tokens_details: { accepted_prediction_tokens: 2, rejected_prediction_tokens: 1 },
      },
    }),
    'an error chunk': sse(delta({ content: 'a' }), { error: { message: 'exploded', type: 'server_error', code: 500 } }),
    'invalid JSON and a wrongly typed chunk': sse(delta({ content: 'a' }), '{not json', { choices: 'nope' }),
    'no finish reason': sse(delta({ content: 'a' })),
    'CRLF line endings, comments and multi-line data': `: keep-alive\r\n\r\ndata: ${JSON.stringify(delta({ content: 'x' }))}\r\n\r\nevent: message\r\ndata: {"id":"r-1","choices":[{"index":0,\r\ndata: "delta":{"content":"y"},"finish_reason":"stop"}]}\r\n\r\n`,
  };

  for (const [name, body] of Object.entries(RAW)) {
    it(`reads the same parts from a raw stream: ${name}`, async () => {
      const { reference, aura } = clients(raw.url);
      raw.body = body;
      const call = CALLS['no tools and tool choice none'] as LanguageModelV3CallOptions;
      const expected = await stream(reference, call);
      const actual = await stream(aura, call);
      expect(actual).toEqual(expected);
    });
  }
});
