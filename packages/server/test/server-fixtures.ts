/**
 * Shared fixtures of the server tests: runtimes whose providers point at the testkit mock provider, test MCP
 * servers, a real listening Aura server on an ephemeral port, and raw SSE readers.
 */
import { type AuraConfigInput, defineConfig, type LlmConfig } from '@aura/config';
import { type AgentRuntime, createAgentRuntime, createLanguageModel } from '@aura/core';
import { type ChatCompletionChunk, createSseParser, isChatCompletionChunk, type SseMessage } from '@aura/events';
import {
  type MockProviderServer,
  type StartTestMcpHttpServerOptions,
  startMockProvider,
  startTestMcpHttpServer,
  type TestMcpHttpServer,
} from '@aura/testkit';
import OpenAI from 'openai';
import { type AuraServer, createAuraServer, type NodeServer, type ServerLogger, serveNode } from '../src/index.js';
import type { ServerOptionsInput } from '../src/server-options.js';

(globalThis as { AI_SDK_LOG_WARNINGS?: boolean }).AI_SDK_LOG_WARNINGS = false;

/** The `[agent.llm]` every test agent uses (served by the mock provider). */
export const OPENAI_LLM = { provider: 'openai', api_key: 'sk-test', model: 'gpt-4o' } as const;

/**
 * The two clients an `openai` agent can get: `@ai-sdk/openai` (no `base_url`), and Aura's own Chat Completions
 * client (a `base_url` that is not OpenAI's; the mock's endpoint override replaces it). Suites that exercise the
 * provider path run against both.
 */
export const OPENAI_CLIENTS = [
  ['@ai-sdk/openai', OPENAI_LLM],
  ["Aura's Chat Completions client", { ...OPENAI_LLM, base_url: 'http://vllm.invalid/v1' }],
] as const;

/** An agent config with the test defaults. */
export function agentConfig(
  agent: Partial<AuraConfigInput['agent']> & { readonly name: string },
  rest: Omit<AuraConfigInput, 'agent'> = {},
): AuraConfigInput {
  return { agent: { system_prompt: 'You are a test agent.', llm: OPENAI_LLM, ...agent }, ...rest };
}

/** An `[mcp]` table with one streamable-HTTP server named `name`. */
export function mcpTable(
  server: TestMcpHttpServer,
  name = 'test',
  extra: Record<string, unknown> = {},
): NonNullable<AuraConfigInput['mcp']> {
  return { servers: { [name]: { transport: 'http_streamable', url: server.url, ...extra } } } as NonNullable<
    AuraConfigInput['mcp']
  >;
}

/** A runtime whose providers all point at `mock`. */
export function mockRuntime(
  mock: MockProviderServer,
  agents: readonly { readonly id: string; readonly config: AuraConfigInput }[],
): AgentRuntime {
  return createAgentRuntime({
    agents: agents.map(({ id, config }) => ({ id, config: defineConfig(config) })),
    createModel: (llm: LlmConfig) =>
      createLanguageModel(llm, { endpointOverride: mock.urls[llm.provider], retry: { maxRetries: 0 } }),
    mcp: { connectTimeoutMs: 5_000, healthCheckIntervalMs: 0 },
  });
}

/** A listening Aura server. */
export interface TestServer extends AuraServer {
  readonly url: string;
  readonly runtime: AgentRuntime;
  readonly http: NodeServer;
  /** An `openai` client for this server (no retries). */
  client(options?: { apiKey?: string; defaultHeaders?: Record<string, string> }): OpenAI;
}

/** Tracks everything a test starts and closes it in `cleanup`. */
export class TestHarness {
  readonly #cleanups: (() => Promise<void>)[] = [];
  mock: MockProviderServer | undefined;

  async startMock(): Promise<MockProviderServer> {
    const mock = await startMockProvider();
    this.mock = mock;
    this.#cleanups.push(() => mock.close());
    return mock;
  }

  async startMcp(options: Partial<StartTestMcpHttpServerOptions> = {}): Promise<TestMcpHttpServer> {
    const server = await startTestMcpHttpServer({ transport: 'streamable-http', ...options });
    this.#cleanups.push(() => server.close());
    return server;
  }

  /** Builds a runtime over the mock provider (started on demand) and serves it on 127.0.0.1:0. */
  async serve(
    agents: readonly { readonly id: string; readonly config: AuraConfigInput }[],
    options: ServerOptionsInput = {},
    logger?: ServerLogger,
  ): Promise<TestServer> {
    const mock = this.mock ?? (await this.startMock());
    const runtime = mockRuntime(mock, agents);
    return this.serveRuntime(runtime, options, logger);
  }

  /** Serves an existing runtime (closed on cleanup). */
  async serveRuntime(
    runtime: AgentRuntime,
    options: ServerOptionsInput = {},
    logger?: ServerLogger,
  ): Promise<TestServer> {
    const server = createAuraServer(runtime, options, logger === undefined ? {} : { logger });
    const http = await serveNode(server.app, { host: '127.0.0.1', port: 0 });
    this.#cleanups.push(async () => {
      await http.close({ graceMs: 0 });
      await runtime.close();
    });
    return {
      ...server,
      url: http.url,
      runtime,
      http,
      client: (clientOptions = {}) =>
        new OpenAI({
          baseURL: `${http.url}/v1`,
          apiKey: clientOptions.apiKey ?? 'unused',
          maxRetries: 0,
          ...(clientOptions.defaultHeaders === undefined ? {} : { defaultHeaders: clientOptions.defaultHeaders }),
        }),
    };
  }

  async cleanup(): Promise<void> {
    for (const cleanup of this.#cleanups.splice(0).reverse()) await cleanup();
    this.mock = undefined;
  }
}

/** POSTs a chat completion body as JSON. */
export function postChat(
  url: string,
  body: unknown,
  init: { headers?: Record<string, string>; signal?: AbortSignal } = {},
): Promise<Response> {
  return fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...init.headers },
    body: JSON.stringify(body),
    ...(init.signal === undefined ? {} : { signal: init.signal }),
  });
}

/** A fully read SSE response. */
export interface SseCapture {
  readonly raw: string;
  readonly messages: readonly SseMessage[];
  readonly comments: readonly string[];
}

/** Parses SSE text. */
export function parseSseText(raw: string): SseCapture {
  const messages: SseMessage[] = [];
  const comments: string[] = [];
  const parser = createSseParser((message) => messages.push(message), { onComment: (text) => comments.push(text) });
  parser.feed(raw);
  parser.end();
  return { raw, messages, comments };
}

/** Reads a whole SSE response. */
export async function readSse(response: Response): Promise<SseCapture> {
  return parseSseText(await response.text());
}

/** The OpenAI chunks of a capture (no `event:` frames, no `[DONE]`). */
export function chunksOf(capture: SseCapture): ChatCompletionChunk[] {
  return capture.messages
    .filter((message) => message.event === undefined && message.data !== '[DONE]')
    .map((message) => JSON.parse(message.data) as unknown)
    .filter(isChatCompletionChunk);
}

/** The `aura.*` events of a capture, in order. */
export function auraEventsOf(capture: SseCapture): { event: string; data: Record<string, unknown> }[] {
  return capture.messages
    .filter((message) => message.event !== undefined)
    .map((message) => ({ event: message.event ?? '', data: JSON.parse(message.data) as Record<string, unknown> }));
}

/** The concatenated `delta.content` of the chunks. */
export function contentOf(capture: SseCapture): string {
  return chunksOf(capture)
    .map((chunk) => chunk.choices[0]?.delta.content ?? '')
    .join('');
}

/** A logger that keeps every line (message and JSON data) for assertions. */
export function recordingLogger(): ServerLogger & { readonly lines: string[] } {
  const lines: string[] = [];
  const record =
    (level: string) =>
    (message: string, data?: unknown): void => {
      lines.push(`${level} ${message} ${data === undefined ? '' : safeJson(data)}`);
    };
  return { lines, debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error') };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value, (_key, inner: unknown) =>
      inner instanceof Error ? { name: inner.name, message: inner.message } : inner,
    );
  } catch {
    return String(value);
  }
}
