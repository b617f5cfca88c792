/**
 * Shared fixtures of the orchestration tests (orchestration-spec §8): the `stats` / `math` workers over an MCP
 * server serving `mean`, `median` and `multiply`, one scripted model that answers as the coordinator or as a
 * worker depending on the offered tools, and helpers to run a request and read its events.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LanguageModelV3 } from '@ai-sdk/provider';
import { type AuraConfigInput, defineConfig, type LlmConfig } from '@aura/config';
import type { RuntimeEvent } from '@aura/events';
import {
  createScriptedModel,
  defineTestMcpTool,
  type ModelCallRequest,
  type ModelTurn,
  mcpTextResult,
  type ScriptedModel,
  startTestMcpHttpServer,
  type TestMcpHttpServer,
  type TestMcpTool,
} from '@aura/testkit';
import { afterEach, beforeEach } from 'vitest';
import * as z from 'zod';
import type { ResolvedModel } from '../src/llm/model-factory.js';
import { createAgentRuntime } from '../src/runtime/create-agent-runtime.js';
import type { AgentRuntime, AgentRuntimeOptions, RunRequest } from '../src/runtime/runtime-types.js';

(globalThis as { AI_SDK_LOG_WARNINGS?: boolean }).AI_SDK_LOG_WARNINGS = false;

export const OPENAI_LLM = { provider: 'openai', api_key: 'sk-test', model: 'gpt-4o' } as const;

const numbers = z.object({ numbers: z.array(z.number()) });

/** `mean`, `median`, `multiply` as the spec's scripted MCP server has them; `mean` output is configurable. */
export function statsTools(
  options: { meanOutput?: (values: number[]) => string; delayMs?: number } = {},
): TestMcpTool[] {
  const wait = (): Promise<void> =>
    options.delayMs === undefined ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, options.delayMs));
  return [
    defineTestMcpTool({
      name: 'mean',
      description: 'Arithmetic mean of numbers',
      input: numbers,
      call: async ({ numbers: values }) => {
        await wait();
        const mean = values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);
        return mcpTextResult(options.meanOutput?.(values) ?? String(mean));
      },
    }),
    defineTestMcpTool({
      name: 'median',
      description: 'Median of numbers',
      input: numbers,
      call: ({ numbers: values }) => {
        const sorted = [...values].sort((a, b) => a - b);
        return mcpTextResult(String(sorted[Math.floor(sorted.length / 2)] ?? 0));
      },
    }),
    defineTestMcpTool({
      name: 'multiply',
      description: 'Product of two numbers',
      input: z.object({ a: z.number(), b: z.number() }),
      call: ({ a, b }) => mcpTextResult(String(a * b)),
    }),
  ];
}

/** Starts the stats MCP server (plus the test kit's `sleep` tool for long calls). */
export function startStatsServer(
  options: { meanOutput?: (values: number[]) => string; delayMs?: number } = {},
): Promise<TestMcpHttpServer> {
  return startTestMcpHttpServer({ transport: 'streamable-http', tools: ['sleep'], extraTools: statsTools(options) });
}

/** What the scripted model is asked, as the helpers classify it. */
export function isCoordinatorCall(call: ModelCallRequest): boolean {
  return call.tools.some((tool) => tool.name === 'create_plan');
}

/** The task description of a worker call (`YOUR TASK: <description>\n\n…`), or `undefined`. */
export function taskOf(call: ModelCallRequest): string | undefined {
  const first = call.view.messages.find((message) => message.role === 'user')?.text ?? '';
  const match = /^YOUR TASK: ([\s\S]*?)\n\n/.exec(first);
  return match?.[1];
}

/** A worker's script: turns in call order, or a function of the call. */
export type WorkerScript = readonly ModelTurn[] | ((call: ModelCallRequest, index: number) => ModelTurn);

/** Scripts of {@link orchestrationModel}. */
export interface OrchestrationScript {
  /** Coordinator calls in order (a function may compute a turn from the call). */
  readonly coordinator: readonly (ModelTurn | ((call: ModelCallRequest) => ModelTurn))[];
  /** Worker calls by task description. */
  readonly workers?: Readonly<Record<string, WorkerScript>>;
}

/** One scripted model that plays the coordinator's and every worker's script. */
export function orchestrationModel(script: OrchestrationScript): ScriptedModel {
  let coordinatorCalls = 0;
  const workerCalls = new Map<string, number>();
  return createScriptedModel({
    respond: (call) => {
      if (isCoordinatorCall(call)) {
        const entry = script.coordinator[coordinatorCalls];
        coordinatorCalls += 1;
        if (entry === undefined) throw new Error(`coordinator call ${coordinatorCalls} is not scripted`);
        return typeof entry === 'function' ? entry(call) : entry;
      }
      const task = taskOf(call);
      const worker = task === undefined ? undefined : script.workers?.[task];
      if (task === undefined || worker === undefined) throw new Error(`no worker script for task ${String(task)}`);
      const index = workerCalls.get(task) ?? 0;
      workerCalls.set(task, index + 1);
      if (typeof worker === 'function') return worker(call, index);
      const turn = worker[index];
      if (turn === undefined) throw new Error(`worker call ${index + 1} of task '${task}' is not scripted`);
      return turn;
    },
  });
}

/** A `ResolvedModel` around a scripted model, as `createLanguageModel` would describe `llm`. */
export function resolvedModel(model: LanguageModelV3, llm: LlmConfig): ResolvedModel {
  return {
    model,
    provider: llm.provider,
    modelId: llm.model,
    label: `${llm.provider}/${llm.model}`,
    callSettings: {},
    providerOptions: {},
    warnings: [],
  };
}

type OrchestrationInput = NonNullable<AuraConfigInput['orchestration']>;

/** Default workers: `stats` (mean, median) and `math` (multiply). */
export function defaultWorkers(): NonNullable<OrchestrationInput['worker']> {
  return {
    stats: { description: 'Statistics', preamble: 'You compute statistics.', mcp_filter: ['mean', 'median'] },
    math: { description: 'Arithmetic', preamble: 'You do arithmetic.', mcp_filter: ['multiply'] },
  };
}

/** Options of {@link orchestrationRuntime}. */
export interface OrchestrationRuntimeOptions {
  readonly model: LanguageModelV3;
  readonly mcpUrl?: string;
  readonly memoryDir?: string;
  readonly orchestration?: Partial<OrchestrationInput>;
  readonly agent?: Partial<AuraConfigInput['agent']>;
  readonly runtime?: Partial<AgentRuntimeOptions>;
  /** Per-llm-table models (by `model` id) instead of `model` for everything. */
  readonly models?: Readonly<Record<string, LanguageModelV3>>;
}

/** A runtime serving one orchestration agent `orch` with the default workers. */
export function orchestrationRuntime(options: OrchestrationRuntimeOptions): AgentRuntime {
  const config: AuraConfigInput = {
    agent: { name: 'orch', system_prompt: 'You coordinate statistics work.', llm: OPENAI_LLM, ...options.agent },
    ...(options.mcpUrl === undefined
      ? {}
      : { mcp: { servers: { numbers: { transport: 'http_streamable', url: options.mcpUrl } } } }),
    ...(options.memoryDir === undefined ? {} : { memory_dir: options.memoryDir }),
    orchestration: { enabled: true, worker: defaultWorkers(), ...options.orchestration },
  };
  return createAgentRuntime({
    agents: [{ id: 'orch', config: defineConfig(config) }],
    createModel: (llm) => resolvedModel(options.models?.[llm.model] ?? options.model, llm),
    mcp: { connectTimeoutMs: 5_000, healthCheckIntervalMs: 0 },
    ...options.runtime,
  });
}

/** Runs `query` on agent `orch` and collects every event. */
export async function runEvents(
  runtime: AgentRuntime,
  query: string,
  request: Partial<Omit<RunRequest, 'agentId' | 'query'>> = {},
): Promise<RuntimeEvent[]> {
  const events: RuntimeEvent[] = [];
  for await (const event of runtime.run({ agentId: 'orch', query, signal: new AbortController().signal, ...request })) {
    events.push(event);
  }
  return events;
}

/** Events of one type. */
export function ofType<T extends RuntimeEvent['type']>(
  events: readonly RuntimeEvent[],
  type: T,
): Extract<RuntimeEvent, { type: T }>[] {
  return events.filter((event): event is Extract<RuntimeEvent, { type: T }> => event.type === type);
}

/** The one event of a type (fails when absent). */
export function only<T extends RuntimeEvent['type']>(
  events: readonly RuntimeEvent[],
  type: T,
): Extract<RuntimeEvent, { type: T }> {
  const found = ofType(events, type);
  if (found.length !== 1) {
    throw new Error(`expected one ${type}, got ${found.length} in [${events.map((event) => event.type).join(', ')}]`);
  }
  return found[0] as Extract<RuntimeEvent, { type: T }>;
}

/** The lifecycle event types of an orchestrated run, in order (the spec's event lists). */
export function lifecycle(events: readonly RuntimeEvent[]): string[] {
  const names = new Set([
    'plan-created',
    'direct-answer',
    'clarification-needed',
    'task-started',
    'task-completed',
    'synthesizing',
    'iteration-complete',
    'replan-started',
  ]);
  return events.filter((event) => names.has(event.type)).map((event) => event.type);
}

/** The final answer streamed as text deltas. */
export function answerText(events: readonly RuntimeEvent[]): string {
  return ofType(events, 'text-delta')
    .filter((event) => event.agent.parentAgentId === undefined)
    .map((event) => event.delta)
    .join('');
}

/** A temporary memory dir, removed by the returned cleanup. */
export async function tempMemoryDir(): Promise<{ readonly path: string; remove(): Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), 'aura-orchestration-'));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

/**
 * A fresh memory directory for each test of the calling `describe`, removed after the test: read `memory.path`
 * inside a test (it throws outside one).
 */
export function useTempMemoryDir(): { readonly path: string } {
  let current: Awaited<ReturnType<typeof tempMemoryDir>> | undefined;
  beforeEach(async () => {
    current = await tempMemoryDir();
  });
  afterEach(async () => {
    await current?.remove();
    current = undefined;
  });
  return {
    get path(): string {
      if (current === undefined) throw new Error('useTempMemoryDir: memory.path read outside a test');
      return current.path;
    },
  };
}

/** The calls of the scripted model made as the coordinator / as a worker. */
export function coordinatorCalls(model: ScriptedModel): ModelCallRequest[] {
  return model.calls.filter(isCoordinatorCall);
}

/** Worker calls of one task. */
export function workerCalls(model: ScriptedModel, task: string): ModelCallRequest[] {
  return model.calls.filter((call) => !isCoordinatorCall(call) && taskOf(call) === task);
}
