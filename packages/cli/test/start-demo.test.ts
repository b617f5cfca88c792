/**
 * `aura start` (what `npm start` runs) and `aura serve --demo`, in process: with no provider configured the
 * quickstart is served as the offline demo — a real plan → parallel workers → diagnostics → answer flow over the
 * OpenAI-compatible stream, labelled as scripted — and with a provider it is served on that provider, no demo.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfigFromString } from '@aura/config';
import {
  type AuraEventData,
  type AuraEventName,
  type AuraWireEvent,
  type ChatCompletionChunk,
  parseOpenAiStream,
} from '@aura/events';
import { parseServeSettings } from '@aura/server';
import {
  DEMO_ANSWER_FOOTER,
  DEMO_FAST_TIMING,
  type MockProviderServer,
  startMockProvider,
  toolCall,
  turn,
} from '@aura/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../src/commands/serve.js';
import { detectQuickstartProvider, type RunningQuickstart, startQuickstart } from '../src/commands/start.js';
import { DEMO_MODE_HEADLINE, serveDemoBanner } from '../src/demo/banners.js';
import { toDemoConfig } from '../src/demo/demo-config.js';
import type { CliIo } from '../src/io.js';
import { createCliLogger } from '../src/logger.js';
import { runCli } from './run-cli.js';

interface StreamResult {
  readonly events: AuraWireEvent[];
  readonly chunks: ChatCompletionChunk[];
  readonly finishReason: string | null | undefined;
  readonly usage: ChatCompletionChunk['usage'];
  readonly done: boolean;
}

/** Streams one question through the OpenAI-compatible API and collects every frame. */
async function askStream(url: string, request: { model: string; question: string }): Promise<StreamResult> {
  const response = await fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      model: request.model,
      stream: true,
      stream_options: { include_usage: true },
      messages: [{ role: 'user', content: request.question }],
    }),
  });
  expect(response.status).toBe(200);
  if (response.body === null) throw new Error('no response body');
  const events: AuraWireEvent[] = [];
  const chunks: ChatCompletionChunk[] = [];
  let done = false;
  for await (const item of parseOpenAiStream(response.body)) {
    if (item.type === 'aura-event') events.push(item.event);
    else if (item.type === 'chunk') chunks.push(item.chunk);
    else if (item.type === 'done') done = true;
  }
  const finishReason = chunks.flatMap((chunk) => chunk.choices).find((choice) => choice.finish_reason)?.finish_reason;
  const usage = chunks.find((chunk) => chunk.usage !== undefined && chunk.usage !== null)?.usage;
  return { events, chunks, finishReason, usage, done };
}

/** The streamed answer text. */
function answerOf(result: StreamResult): string {
  return result.chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('');
}

const FAST = { timing: DEMO_FAST_TIMING, diagnosticsMs: 40 } as const;

let dir: string;
let running: RunningQuickstart | undefined;
let served: RunningServer | undefined;
let stdout: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'aura-start-'));
  stdout = '';
});
afterEach(async () => {
  await running?.server.close();
  await served?.close();
  running = undefined;
  served = undefined;
  await rm(dir, { recursive: true, force: true });
});

function io(env: NodeJS.ProcessEnv): CliIo {
  return {
    stdout: (text) => {
      stdout += text;
    },
    stderr: () => undefined,
    isTty: false,
    env: { PORT: '0', AURA_MEMORY_DIR: dir, ...env },
    cwd: process.cwd(),
  };
}

const names = (result: StreamResult, prefix = 'aura.orchestrator.'): string[] =>
  result.events.filter((event) => event.event.startsWith(prefix)).map((event) => event.event);

function dataOf<N extends AuraEventName>(result: StreamResult, name: N): AuraEventData<N>[] {
  const found: AuraEventData<N>[] = [];
  // The name decides the payload type (the union cannot be narrowed through the generic name).
  for (const event of result.events) if (event.event === name) found.push(event.data as AuraEventData<N>);
  return found;
}

describe('aura start without a provider: the offline demo', () => {
  it('prints the demo banner and a curl line, and streams plan → parallel workers with tools → answer', async () => {
    running = await startQuickstart({ ollama: false, demoBackend: FAST }, io({}));
    expect(running.detected).toBeUndefined();
    expect(stdout).toContain(DEMO_MODE_HEADLINE);
    expect(stdout).toContain('To use a real model, set one of OPENAI_API_KEY, ANTHROPIC_API_KEY');
    expect(stdout).toContain('LLM_PROVIDER + LLM_API_KEY + LLM_MODEL');
    expect(stdout).toContain(
      `curl -N ${running.server.url}/v1/chat/completions -H 'Content-Type: application/json' -d '{"model":"aura","stream":true,"messages":[{"role":"user","content":"Why is checkout slow?"}]}'`,
    );
    expect(stdout).toContain('AURA_CUSTOM_EVENTS=true');
    expect(running.server.runtime.agents.map((agent) => agent.label)).toEqual(['openai/aura-demo']);

    const result = await askStream(running.server.url, { model: 'aura', question: 'Why is checkout slow?' });
    const lifecycle = names(result).filter((name) => !name.includes('tool_call'));
    expect(lifecycle).toEqual([
      'aura.orchestrator.plan_created',
      'aura.orchestrator.task_started',
      'aura.orchestrator.task_started',
      'aura.orchestrator.task_started',
      'aura.orchestrator.task_completed',
      'aura.orchestrator.task_completed',
      'aura.orchestrator.task_completed',
      'aura.orchestrator.task_started',
      'aura.orchestrator.task_completed',
      'aura.orchestrator.synthesizing',
      'aura.orchestrator.direct_answer',
      'aura.orchestrator.iteration_complete',
    ]);
    const [plan] = dataOf(result, 'aura.orchestrator.plan_created');
    expect(plan).toMatchObject({ routing_mode: 'orchestrated' });
    expect(plan?.tasks).toHaveLength(4);
    const started = dataOf(result, 'aura.orchestrator.task_started');
    expect(started.map((event) => event.worker_id)).toEqual([
      'incident-responder',
      'metrics-analyst',
      'log-analyst',
      'incident-responder',
    ]);

    // Every worker calls its demo tools, then submit_result; every call completes successfully.
    const calls = dataOf(result, 'aura.orchestrator.tool_call_started');
    expect(new Set(calls.map((call) => call.tool_name))).toEqual(
      new Set(['list_alerts', 'get_incident', 'query_metrics', 'search_logs', 'run_diagnostics', 'submit_result']),
    );
    expect(calls.filter((call) => call.tool_name === 'submit_result')).toHaveLength(4);
    const completedCalls = new Map(
      dataOf(result, 'aura.orchestrator.tool_call_completed').map((call) => [call.tool_call_id, call]),
    );
    for (const call of calls) expect(completedCalls.get(call.tool_call_id)).toMatchObject({ success: true });
    // run_diagnostics reports progress while it runs.
    const progress = dataOf(result, 'aura.progress');
    expect(progress.map((event) => event.percent)).toEqual([20, 40, 60, 80, 100]);
    expect(progress[0]).toMatchObject({ agent_id: 'incident-responder', message: 'checked DNS and service endpoints' });

    const completed = dataOf(result, 'aura.orchestrator.task_completed');
    expect(completed.every((event) => event.success === true)).toBe(true);
    const diagnostics = completed.find((event) => event.task_id === 3);
    expect(diagnostics?.result).toContain('payments-db connection pool exhausted');

    // The answer quotes the tools' data, and says it was scripted.
    const answer = answerOf(result);
    const [direct] = dataOf(result, 'aura.orchestrator.direct_answer');
    expect(answer).toBe(direct?.response);
    expect(answer).toContain('**Status:** checkout-service is degraded');
    expect(answer).toContain('Open incident INC-4821 (SEV-2, investigating)');
    expect(answer).toContain('p99 latency 1.93 s now');
    expect(answer).toContain('top pattern "timeout acquiring connection from pool"');
    expect(answer).toContain('Roll back checkout-service to v2.13.4');
    expect(answer.endsWith(DEMO_ANSWER_FOOTER)).toBe(true);
    expect(result.finishReason).toBe('stop');
    expect(result.usage?.total_tokens).toBeGreaterThan(0);
    expect(result.done).toBe(true);

    // The run is persisted under AURA_MEMORY_DIR like any orchestrated run.
    const [session] = await readdir(dir);
    const runId = (await readdir(join(dir, session ?? ''))).find((entry) => entry !== 'latest') ?? '';
    const manifest = JSON.parse(await readFile(join(dir, session ?? '', runId, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ status: 'success', iterations: 1, outcome: '4/4 tasks completed' });
  });

  it('answers small talk directly, without a plan', async () => {
    running = await startQuickstart({ ollama: false, demoBackend: FAST }, io({}));
    const result = await askStream(running.server.url, { model: 'aura', question: 'hello!' });
    expect(names(result)).toEqual(['aura.orchestrator.direct_answer']);
    expect(answerOf(result)).toContain('running in **demo mode**');
    expect(result.finishReason).toBe('stop');
  });

  it('AURA_DEMO forces the demo even when a provider key is set', async () => {
    running = await startQuickstart({ ollama: false, demoBackend: FAST }, io({ AURA_DEMO: '1', OPENAI_API_KEY: 'x' }));
    expect(running.detected).toBeUndefined();
    expect(stdout).toContain(DEMO_MODE_HEADLINE);
  });
});

describe('aura start with a provider', () => {
  let mock: MockProviderServer;
  beforeEach(async () => {
    mock = await startMockProvider();
  });
  afterEach(async () => {
    await mock.close();
  });

  it('a key in the environment selects the real provider: no demo, the model named in the banner', async () => {
    running = await startQuickstart({ ollama: false }, io({ OPENAI_API_KEY: 'sk-secret-x' }));
    expect(running.detected?.source).toBe('OPENAI_API_KEY');
    expect(running.server.demo).toBeUndefined();
    expect(running.server.runtime.agents.map((agent) => agent.label)).toEqual(['openai/gpt-4.1']);
    expect(stdout).not.toContain('DEMO MODE');
    expect(stdout).toContain('Model: openai/gpt-4.1 (from OPENAI_API_KEY)');
    expect(stdout).toContain('No MCP servers are configured');
    expect(stdout).not.toContain('sk-secret-x');
  });

  it('serves the quickstart on the detected provider (LLM_PROVIDER + LLM_BASE_URL at a mock)', async () => {
    mock.enqueue(turn(toolCall('respond_directly', { response: 'Real model here.', routing_rationale: 'simple' })));
    running = await startQuickstart(
      { ollama: false },
      io({ LLM_PROVIDER: 'openai', LLM_API_KEY: 'k', LLM_MODEL: 'gpt-real', LLM_BASE_URL: mock.urls.openai }),
    );
    const result = await askStream(running.server.url, { model: 'aura', question: 'hi' });
    expect(answerOf(result)).toBe('Real model here.');
    expect(mock.chatRequests.map((request) => request.view?.model)).toEqual(['gpt-real']);
  });
});

describe('local Ollama detection', () => {
  let ollama: Server;
  let models: unknown[];
  beforeEach(async () => {
    models = [];
    ollama = createServer((request, response) => {
      if (request.url === '/api/tags') response.writeHead(200, { 'content-type': 'application/json' });
      else response.writeHead(404);
      response.end(JSON.stringify({ models }));
    });
    await new Promise<void>((resolve) => ollama.listen(0, '127.0.0.1', resolve));
  });
  afterEach(async () => {
    await new Promise<void>((resolve) => ollama.close(() => resolve()));
  });
  const url = () => `http://127.0.0.1:${(ollama.address() as AddressInfo).port}`;

  it('a reachable Ollama with models is used when no key is set; its model list picks the model', async () => {
    models = [{ name: 'llama3.2:3b' }, { name: 'qwen3:8b' }];
    const found = await detectQuickstartProvider({}, { ollama: { url: url() } });
    expect(found.detected).toMatchObject({
      source: `a local Ollama at ${url()}`,
      llm: { provider: 'ollama', base_url: url(), model: 'qwen3:8b' },
    });
    models = [{ name: 'llama3.2:3b' }];
    expect((await detectQuickstartProvider({}, { ollama: { url: url() } })).detected?.llm.model).toBe('llama3.2:3b');
    expect(
      (await detectQuickstartProvider({ LLM_MODEL: 'mistral' }, { ollama: { url: url() } })).detected?.llm.model,
    ).toBe('mistral');
  });

  it('keys win without probing; no models or nothing listening falls back to the demo', async () => {
    models = [{ name: 'qwen3:8b' }];
    expect(
      (await detectQuickstartProvider({ ANTHROPIC_API_KEY: 'a' }, { ollama: { url: url() } })).detected?.source,
    ).toBe('ANTHROPIC_API_KEY');
    models = [];
    const empty = await detectQuickstartProvider({}, { ollama: { url: url() } });
    expect(empty.detected).toBeUndefined();
    expect(empty.note).toContain('has no models');
    const closed = url();
    await new Promise<void>((resolve) => ollama.close(() => resolve()));
    ollama = createServer();
    await new Promise<void>((resolve) => ollama.listen(0, '127.0.0.1', resolve));
    expect(await detectQuickstartProvider({}, { ollama: { url: closed, timeoutMs: 300 } })).toEqual({
      detected: undefined,
    });
  });
});

describe('aura serve --demo', () => {
  it('runs any config on the demo model with the demo MCP server; unset env variables are only warnings', async () => {
    const file = join(dir, 'ops.toml');
    await writeFile(
      file,
      [
        '[agent]',
        'name = "ops"',
        'system_prompt = "You are an SRE assistant."',
        'mcp_filter = ["kubectl_*"]',
        '[agent.llm]',
        'provider = "anthropic"',
        'api_key = "{{ env.UNSET_ANTHROPIC_KEY_FOR_TEST }}"',
        'model = "claude-sonnet-4-5"',
        'context_window = 100000',
        '',
      ].join('\n'),
    );
    const settings = parseServeSettings({ env: { CONFIG_PATH: file, PORT: '0', AURA_CUSTOM_EVENTS: 'true' } });
    const logger = createCliLogger({ level: 'warn', write: () => undefined });
    served = await startServer({ settings, io: { env: {}, cwd: dir }, logger, demo: FAST });
    expect(served.demo?.mcpServerName).toBe('demo');
    const [agent] = served.runtime.agents;
    expect(agent).toMatchObject({ label: 'openai/aura-demo', contextWindow: 100000 });
    const result = await askStream(served.url, { model: 'ops', question: 'Are there any firing alerts?' });
    const requested = dataOf(result, 'aura.tool_requested').map((event) => event.tool_name);
    expect(requested).toEqual(['list_alerts', 'get_incident']);
    expect(dataOf(result, 'aura.tool_complete').every((event) => event.success === true)).toBe(true);
    const answer = answerOf(result);
    expect(answer).toContain('2 alerts firing for checkout-service');
    expect(answer).toContain('INC-4821');
    expect(answer.endsWith(DEMO_ANSWER_FOOTER)).toBe(true);
    const mcpUrl = served.demo?.backend.mcp.url ?? '';
    await served.close();
    served = undefined;
    // The demo servers stop with Aura.
    await expect(fetch(mcpUrl, { method: 'POST' })).rejects.toThrow();
  });

  it('prints a banner saying the answers are scripted and how to use a real model; AURA_DEMO is validated', async () => {
    const banner = serveDemoBanner({
      url: 'http://0.0.0.0:9000',
      model: 'ops',
      auth: true,
      mcpServerName: 'demo',
      toolNames: ['list_alerts', 'get_incident'],
      customEvents: false,
    });
    expect(banner).toContain(DEMO_MODE_HEADLINE);
    expect(banner).toContain("demo MCP server 'demo' serves canned SRE data: list_alerts, get_incident.");
    expect(banner).toContain('run without --demo / AURA_DEMO');
    expect(banner).toContain('Set AURA_CUSTOM_EVENTS=true');
    expect(banner).toContain(`curl -N http://127.0.0.1:9000/v1/chat/completions`);
    expect(banner).toContain('-H "Authorization: Bearer $AURA_API_KEY"');
    const run = await runCli(['serve', '--port', '0'], { env: { AURA_DEMO: 'maybe' }, cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("invalid value 'maybe' for --demo / AURA_DEMO");
  });
});

describe('the demo rewrite of a config', () => {
  it('replaces every model (keeping context_window), adds the demo server and makes filters include its tools', () => {
    const loaded = loadConfigFromString(
      [
        '[agent]',
        'name = "o"',
        'system_prompt = "p"',
        '[agent.llm]',
        'provider = "bedrock"',
        'region = "us-east-1"',
        'model = "m"',
        '[orchestration]',
        'enabled = true',
        '[orchestration.worker.own]',
        'description = "d"',
        'preamble = "p"',
        'mcp_filter = ["k8s_*"]',
        '[orchestration.worker.own.llm]',
        'provider = "anthropic"',
        'api_key = "a"',
        'model = "claude"',
        'context_window = 50000',
        '[orchestration.worker.none]',
        'description = "d"',
        'preamble = "p"',
        'mcp_filter = []',
        '[mcp.servers.demo]',
        'transport = "http_streamable"',
        'url = "http://example.invalid/mcp"',
        '',
      ].join('\n'),
    );
    const endpoints = { openaiBaseUrl: 'http://127.0.0.1:1/v1', mcpUrl: 'http://127.0.0.1:2/mcp', toolNames: ['t1'] };
    const { loaded: demo, mcpServerName } = toDemoConfig(loaded, endpoints);
    expect(mcpServerName).toBe('aura-demo');
    const { agent, orchestration, mcp } = demo.config;
    expect(agent.llm).toEqual({
      provider: 'openai',
      api_key: 'demo',
      model: 'aura-demo',
      base_url: endpoints.openaiBaseUrl,
    });
    expect(orchestration?.worker.own?.llm).toMatchObject({ model: 'aura-demo', context_window: 50000 });
    expect(orchestration?.worker.own?.mcp_filter).toEqual(['k8s_*', 't1']);
    expect(orchestration?.worker.none?.mcp_filter).toEqual([]);
    expect(orchestration?.worker.none?.llm).toBeUndefined();
    expect(Object.keys(mcp?.servers ?? {})).toEqual(['demo', 'aura-demo']);
    expect(mcp?.servers['aura-demo']).toMatchObject({ transport: 'http_streamable', url: endpoints.mcpUrl });
  });
});
