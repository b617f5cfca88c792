/**
 * Issue "Multi-agent orchestration" benchmarks, both measured against a baseline from the same run:
 *
 * 1. Parallel efficiency: a plan of k independent tasks whose MCP tool takes a fixed time (the test kit's
 *    `sleep` over streamable HTTP on loopback). Efficiency = (slowest task + the coordinator's calls) / wall time
 *    of the whole run. Target ≥ 0.9 for k = 2, 4, 8.
 * 2. Token overhead: the prompt tokens actually sent (system prompt + messages + tool schemas of every LLM call,
 *    counted with `gpt-tokenizer`) for a 1-task request to the orchestrator vs the same request to a single
 *    agent with the same MCP servers. Target ≤ 1.5× with a representative tool inventory (the gate); the
 *    3-tool toy inventory is printed for information.
 *
 * Every LLM is the test kit's scripted model (with a fixed first-token latency), so only Aura's own overhead and
 * the real MCP round trips are measured. Exits 1 when a target is missed.
 *
 * Run: `npx tsx bench/orchestration.ts [--tool-ms N] [--llm-ms N] [--runs N]`
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { LanguageModelV3 } from '@ai-sdk/provider';
import { type AuraConfigInput, defineConfig } from '@aura/config';
import { createAgentRuntime, type ResolvedModel } from '@aura/core';
import type { RuntimeEvent } from '@aura/events';
import {
  createScriptedModel,
  defineTestMcpTool,
  type ModelCallRequest,
  type ModelTurn,
  mcpTextResult,
  type ScriptedModel,
  slowFirstToken,
  startTestMcpHttpServer,
  type TestMcpTool,
  text,
  toolCall,
  turn,
  usage,
} from '@aura/testkit';
import { countTokens } from 'gpt-tokenizer';
import * as z from 'zod';

(globalThis as { AI_SDK_LOG_WARNINGS?: boolean }).AI_SDK_LOG_WARNINGS = false;

const args = new Map<string, string>();
for (let index = 2; index < process.argv.length; index += 2)
  args.set(process.argv[index] ?? '', process.argv[index + 1] ?? '');
const TOOL_MS = Number(args.get('--tool-ms') ?? 1000);
const LLM_MS = Number(args.get('--llm-ms') ?? 40);
const RUNS = Number(args.get('--runs') ?? 3);
const EFFICIENCY_TARGET = 0.9;
const TOKEN_TARGET = 1.5;
const SYSTEM_PROMPT =
  'You are an SRE assistant for the payments platform. Answer precisely, cite the numbers you used, and say when data is missing.';

function resolved(model: LanguageModelV3): ResolvedModel {
  return {
    model,
    provider: 'openai',
    modelId: 'gpt-4o',
    label: 'openai/gpt-4o',
    callSettings: {},
    providerOptions: {},
    warnings: [],
  };
}

function isCoordinator(call: ModelCallRequest): boolean {
  return call.tools.some((tool) => tool.name === 'create_plan');
}

/** An event and when it arrived (`performance.now()`). */
interface Stamped {
  readonly event: RuntimeEvent;
  readonly at: number;
}

async function collect(runtime: ReturnType<typeof createAgentRuntime>, id: string, query: string): Promise<Stamped[]> {
  const events: Stamped[] = [];
  for await (const event of runtime.run({
    agentId: id,
    query,
    sessionId: 'bench',
    signal: new AbortController().signal,
  })) {
    events.push({ event, at: performance.now() });
  }
  const last = events.at(-1)?.event;
  if (last?.type !== 'run-finish') throw new Error(`run failed: ${JSON.stringify(last)}`);
  return events;
}

// ---------------------------------------------------------------------------------------------- efficiency

async function efficiencyRun(k: number, mcpUrl: string, memoryDir: string): Promise<{ wall: number; ideal: number }> {
  const tasks = Array.from({ length: k }, (_, index) => `Probe shard ${index}`);
  let coordinatorCalls = 0;
  const model = createScriptedModel({
    respond: (call) => {
      const latency = slowFirstToken(LLM_MS);
      if (isCoordinator(call)) {
        coordinatorCalls += 1;
        if (coordinatorCalls === 1) {
          return turn(
            latency,
            toolCall('create_plan', {
              goal: 'probe every shard',
              steps: [{ type: 'parallel', items: tasks.map((task) => ({ type: 'task', task, worker: 'prober' })) }],
              routing_rationale: 'independent probes',
              planning_summary: `${k} probes in parallel`,
            }),
          );
        }
        return turn(
          latency,
          toolCall('respond_directly', { response: 'All shards probed.', routing_rationale: 'done' }),
        );
      }
      const answered = call.view.messages.some((message) => message.role === 'tool');
      return answered
        ? turn(latency, toolCall('submit_result', { summary: 'probed', result: 'ok', confidence: 'high' }))
        : turn(latency, toolCall('sleep', { ms: TOOL_MS }));
    },
  });
  const runtime = createAgentRuntime({
    agents: [
      {
        id: 'orch',
        config: defineConfig({
          agent: {
            name: 'orch',
            system_prompt: SYSTEM_PROMPT,
            llm: { provider: 'openai', api_key: 'sk-bench', model: 'gpt-4o' },
          },
          memory_dir: memoryDir,
          mcp: { servers: { probes: { transport: 'http_streamable', url: mcpUrl } } },
          orchestration: {
            enabled: true,
            worker: { prober: { description: 'Probes shards', preamble: 'You probe shards.', mcp_filter: ['sleep'] } },
          },
        }),
      },
    ],
    createModel: () => resolved(model),
    mcp: { healthCheckIntervalMs: 0 },
  });
  try {
    await runtime.start();
    const started = performance.now();
    const events = await collect(runtime, 'orch', `probe all ${k} shards`);
    const wall = performance.now() - started;
    const slowest = Math.max(
      ...events.flatMap(({ event }) => (event.type === 'task-completed' ? [event.durationMs] : [])),
    );
    return { wall, ideal: slowest + coordinatorCallsMs(events) };
  } finally {
    await runtime.close();
  }
}

/** Time spent in coordinator LLM calls: from each coordinator `step-start` to its `step-finish`. */
function coordinatorCallsMs(events: readonly Stamped[]): number {
  let total = 0;
  let open: number | undefined;
  for (const { event, at } of events) {
    if (event.type !== 'step-start' && event.type !== 'step-finish') continue;
    if (event.agent.agentId !== 'coordinator' || event.agent.parentAgentId !== undefined) continue;
    if (event.type === 'step-start') open = at;
    else if (open !== undefined) {
      total += at - open;
      open = undefined;
    }
  }
  return total;
}

// -------------------------------------------------------------------------------------------------- tokens

const QUERY = 'What is the mean latency of the checkout service over the samples 10, 20 and 30 ms?';

function promptTokens(call: ModelCallRequest): number {
  let tokens = countTokens(call.view.system ?? '');
  for (const message of call.view.messages) {
    tokens += countTokens(`${message.role}: ${message.text}`);
    for (const toolCallPart of message.toolCalls) {
      tokens += countTokens(`${toolCallPart.name} ${JSON.stringify(toolCallPart.arguments ?? {})}`);
    }
    for (const result of message.toolResults) tokens += countTokens(result.content);
  }
  for (const tool of call.view.tools) {
    tokens += countTokens(
      JSON.stringify({ name: tool.name, description: tool.description, parameters: tool.parameters }),
    );
  }
  return tokens;
}

/** A representative tool of an operations MCP server: a few typed, documented parameters. */
function inventoryTool(name: string): TestMcpTool {
  return defineTestMcpTool({
    name,
    description: `Query ${name.replaceAll('_', ' ')} for a service. Returns a JSON document with the matching records, newest first.`,
    input: z.object({
      service: z.string().describe('Service name, e.g. checkout'),
      namespace: z.string().optional().describe('Kubernetes namespace; default: the service namespace'),
      since: z.string().optional().describe('Start of the window, RFC 3339 or relative like 15m'),
      until: z.string().optional().describe('End of the window, RFC 3339; default now'),
      limit: z.number().int().min(1).max(1000).optional().describe('Maximum records to return (default 100)'),
      filter: z.string().optional().describe('Label selector or query expression to narrow the records'),
    }),
    call: () => mcpTextResult('[]'),
  });
}

const INVENTORY = [
  'list_pods',
  'get_pod_logs',
  'describe_pod',
  'list_deployments',
  'get_deployment_history',
  'list_events',
  'query_metrics',
  'query_traces',
  'list_alerts',
  'get_alert_history',
  'list_incidents',
  'get_slo_status',
  'list_config_maps',
  'get_resource_usage',
  'list_nodes',
  'query_logs',
];

async function tokenRun(inventory: readonly string[]): Promise<{ single: number; orchestrated: number }> {
  const server = await startTestMcpHttpServer({
    transport: 'streamable-http',
    tools: [],
    extraTools: [
      defineTestMcpTool({
        name: 'mean',
        description: 'Arithmetic mean of a list of numbers',
        input: z.object({ numbers: z.array(z.number()).describe('The numbers') }),
        call: ({ numbers }) => mcpTextResult(String(numbers.reduce((a, b) => a + b, 0) / numbers.length)),
      }),
      ...inventory.map(inventoryTool),
    ],
  });
  const memoryDir = await mkdtemp(join(tmpdir(), 'aura-bench-tokens-'));
  const answer = 'The mean latency of the checkout service over the samples 10, 20 and 30 ms is 20 ms.';
  const scripts = (): { single: ScriptedModel; orchestrated: ScriptedModel } => ({
    single: createScriptedModel({
      turns: [turn(toolCall('mean', { numbers: [10, 20, 30] }), usage(1, 1)), turn(text(answer), usage(1, 1))],
    }),
    orchestrated: createScriptedModel({
      respond: (call): ModelTurn => {
        if (isCoordinator(call)) {
          const executed = call.view.messages.some((message) => message.text.includes('ITERATION 1'));
          return executed
            ? turn(toolCall('respond_directly', { response: answer, routing_rationale: 'The task result answers it.' }))
            : turn(
                toolCall('create_plan', {
                  goal: 'Mean checkout latency over the given samples',
                  steps: [
                    {
                      type: 'task',
                      task: 'Compute the mean of 10, 20 and 30 (checkout latency samples, ms)',
                      worker: 'stats',
                    },
                  ],
                  routing_rationale: 'Needs the mean tool.',
                  planning_summary: 'One stats task computes the mean.',
                }),
              );
        }
        const answered = call.view.messages.some((message) => message.role === 'tool');
        return answered
          ? turn(toolCall('submit_result', { summary: 'The mean is 20 ms.', result: '20', confidence: 'high' }))
          : turn(toolCall('mean', { numbers: [10, 20, 30] }));
      },
    }),
  });
  const models = scripts();
  const base = (name: string, orchestration: boolean): AuraConfigInput => ({
    agent: { name, system_prompt: SYSTEM_PROMPT, llm: { provider: 'openai', api_key: 'sk-bench', model: 'gpt-4o' } },
    memory_dir: memoryDir,
    mcp: { servers: { ops: { transport: 'http_streamable', url: server.url } } },
    ...(orchestration
      ? {
          orchestration: {
            enabled: true,
            worker: {
              stats: {
                description: 'Statistics over numbers',
                preamble: 'You compute statistics.',
                mcp_filter: ['mean'],
              },
              k8s: {
                description: 'Kubernetes and observability',
                preamble: 'You inspect clusters.',
                mcp_filter: ['list_*', 'get_*', 'describe_*', 'query_*'],
              },
            },
          },
        }
      : {}),
  });
  const runtime = createAgentRuntime({
    agents: [
      { id: 'single', config: defineConfig(base('single', false)) },
      { id: 'orch', config: defineConfig(base('orch', true)) },
    ],
    createModel: () => resolved(models.single),
    mcp: { healthCheckIntervalMs: 0 },
  });
  const orchestratedRuntime = createAgentRuntime({
    agents: [{ id: 'orch', config: defineConfig(base('orch', true)) }],
    createModel: () => resolved(models.orchestrated),
    mcp: { healthCheckIntervalMs: 0 },
  });
  try {
    await collect(runtime, 'single', QUERY);
    await collect(orchestratedRuntime, 'orch', QUERY);
    const sum = (model: ScriptedModel): number => model.calls.reduce((total, call) => total + promptTokens(call), 0);
    return { single: sum(models.single), orchestrated: sum(models.orchestrated) };
  } finally {
    await runtime.close();
    await orchestratedRuntime.close();
    await server.close();
    await rm(memoryDir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------------- main

async function main(): Promise<void> {
  let failed = false;
  const server = await startTestMcpHttpServer({ transport: 'streamable-http', tools: ['sleep'] });
  const memoryDir = await mkdtemp(join(tmpdir(), 'aura-bench-orchestration-'));
  try {
    process.stdout.write(`Parallel efficiency (tool ${TOOL_MS} ms, LLM first token ${LLM_MS} ms, best of ${RUNS})\n\n`);
    process.stdout.write(
      '| k | wall | slowest task + coordinator calls | efficiency | target |\n|---|---|---|---|---|\n',
    );
    for (const k of [2, 4, 8]) {
      let best = { wall: Number.POSITIVE_INFINITY, ideal: 0 };
      for (let run = 0; run < RUNS; run += 1) {
        const result = await efficiencyRun(k, server.url, memoryDir);
        if (result.ideal / result.wall > best.ideal / best.wall) best = result;
      }
      const efficiency = best.ideal / best.wall;
      if (efficiency < EFFICIENCY_TARGET) failed = true;
      process.stdout.write(
        `| ${k} | ${best.wall.toFixed(0)} ms | ${best.ideal.toFixed(0)} ms | **${efficiency.toFixed(3)}** | ≥ ${EFFICIENCY_TARGET} |\n`,
      );
    }
  } finally {
    await server.close();
    await rm(memoryDir, { recursive: true, force: true });
  }
  process.stdout.write('\nPrompt tokens of a 1-task request (system + messages + tool schemas, every LLM call)\n\n');
  process.stdout.write('| MCP inventory | single agent | orchestrated | ratio | target |\n|---|---|---|---|---|\n');
  for (const [label, inventory, gated] of [
    ['toy (1 tool: mean)', [] as string[], false],
    [`representative (${INVENTORY.length + 1} tools)`, INVENTORY, true],
  ] as const) {
    const { single, orchestrated } = await tokenRun(inventory);
    const ratio = orchestrated / single;
    if (gated && ratio > TOKEN_TARGET) failed = true;
    process.stdout.write(
      `| ${label} | ${single} | ${orchestrated} | **${ratio.toFixed(2)}×** | ${gated ? `≤ ${TOKEN_TARGET}×` : '(information)'} |\n`,
    );
  }
  process.exitCode = failed ? 1 : 0;
}

await main();
