/**
 * Orchestration end to end through `aura serve` (issue 5): the test kit's mock provider plays the coordinator
 * and two named workers (`stats` with `mean`/`median`, `math` with `multiply`, served by a test MCP server), a
 * streaming request goes through the real HTTP server, and the client sees the spec's aura.orchestrator.*
 * sequence (orchestration-spec §5.3) and the answer, while the run directory is persisted completely (§4.2–4.4).
 */
import { mkdtemp, readdir, readFile, readlink, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type AuraEventData,
  type AuraEventName,
  type AuraWireEvent,
  type ChatCompletionChunk,
  parseOpenAiStream,
} from '@aura/events';
import { parseServeSettings } from '@aura/server';
import {
  type ConversationView,
  defineTestMcpTool,
  type MockProviderServer,
  type MockRule,
  mcpTextResult,
  reasoning,
  startMockProvider,
  startTestMcpHttpServer,
  type TestMcpHttpServer,
  toolCall,
  toolResults,
  turn,
  usage,
} from '@aura/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { type RunningServer, startServer } from '../src/commands/serve.js';
import { createCliLogger } from '../src/logger.js';

const SESSION = 'e2e-session';
const MEAN_TASK = 'Compute the mean of 10, 20, 30';
const MEDIAN_TASK = 'Compute the median of 10, 20, 30';
const MULTIPLY_TASK = 'Multiply the mean by the median';
const PLANNING_SUMMARY = 'Mean and median in parallel, then their product.';

const numbers = z.object({ numbers: z.array(z.number()) });
const statsTools = [
  defineTestMcpTool({
    name: 'mean',
    description: 'Arithmetic mean of numbers',
    input: numbers,
    call: ({ numbers: values }) => mcpTextResult(String(values.reduce((sum, value) => sum + value, 0) / values.length)),
  }),
  defineTestMcpTool({
    name: 'median',
    description: 'Median of numbers',
    input: numbers,
    call: ({ numbers: values }) =>
      mcpTextResult(String([...values].sort((a, b) => a - b)[Math.floor(values.length / 2)])),
  }),
  defineTestMcpTool({
    name: 'multiply',
    description: 'Product of two numbers',
    input: z.object({ a: z.number(), b: z.number() }),
    call: ({ a, b }) => mcpTextResult(String(a * b)),
  }),
];

/** The task of a worker call (its first user message is `YOUR TASK: <task>\n\n…`). */
function taskOf(view: ConversationView): string | undefined {
  return /^YOUR TASK: (.*?)\n\n/s.exec(view.messages.find((message) => message.role === 'user')?.text ?? '')?.[1];
}

function lastUser(view: ConversationView): string {
  return view.messages.findLast((message) => message.role === 'user')?.text ?? '';
}

/** A worker: its first call runs `tool(args)`, the next submits the tool's output as the result. */
function workerRule(task: string, tool: string, args: (view: ConversationView) => Record<string, unknown>): MockRule {
  return {
    name: `worker:${tool}`,
    match: { tool: 'submit_result', when: (view) => taskOf(view) === task },
    reply: (view) => {
      const output = toolResults(view).find((result) => result.name === tool)?.content;
      if (output === undefined) {
        return turn(reasoning(`Calling ${tool}.`), toolCall(tool, { ...args(view), _aura_reasoning: `need ${tool}` }));
      }
      return turn(toolCall('submit_result', { summary: `${tool} = ${output}`, result: output, confidence: 'high' }));
    },
  };
}

/** The coordinator plans on the planning prompt, and on the continuation prompt answers from the results shown. */
const rules: MockRule[] = [
  {
    name: 'coordinator:plan',
    match: { tool: 'create_plan', when: (view) => lastUser(view).includes('USER QUERY: ') },
    reply: turn(
      toolCall('create_plan', {
        goal: 'Mean and median of 10, 20, 30, multiplied',
        steps: [
          {
            type: 'parallel',
            items: [
              { type: 'task', task: MEAN_TASK, worker: 'stats' },
              { type: 'task', task: MEDIAN_TASK, worker: 'stats' },
            ],
          },
          { type: 'task', task: MULTIPLY_TASK, worker: 'math' },
        ],
        routing_rationale: 'Needs the stats and math tools.',
        planning_summary: PLANNING_SUMMARY,
      }),
      usage(100, 20),
    ),
  },
  {
    name: 'coordinator:answer',
    match: { tool: 'create_plan', when: (view) => lastUser(view).includes('ITERATION 1 of') },
    reply: (view) => {
      // Quote the results exactly as the continuation prompt shows them (`- Task <id>: …` then the indented result).
      const prompt = lastUser(view);
      const result = (id: number) => new RegExp(`- Task ${id}: [^\\n]*\\n {4}([^\\n]*)`).exec(prompt)?.[1] ?? '?';
      const response = `Mean ${result(0)}, median ${result(1)}, product ${result(2)}.`;
      return turn(toolCall('respond_directly', { response, routing_rationale: 'All tasks done.' }), usage(200, 15));
    },
  },
  workerRule(MEAN_TASK, 'mean', () => ({ numbers: [10, 20, 30] })),
  workerRule(MEDIAN_TASK, 'median', () => ({ numbers: [10, 20, 30] })),
  // The math worker reads its operands from the completed dependencies in its prompt.
  workerRule(MULTIPLY_TASK, 'multiply', (view) => {
    const [a = 0, b = 0] = [...(view.messages[0]?.text ?? '').matchAll(/COMPLETED — Task \d+ \([^)]*\):\n(\S+)/g)].map(
      (match) => Number(match[1]),
    );
    return { a, b };
  }),
];

let dir: string;
let mcp: TestMcpHttpServer;
let mock: MockProviderServer;
let server: RunningServer | undefined;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'aura-e2e-'));
  mcp = await startTestMcpHttpServer({ transport: 'streamable-http', tools: ['echo'], extraTools: statsTools });
  mock = await startMockProvider({ rules });
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  await mock.close();
  await mcp.close();
  await rm(dir, { recursive: true, force: true });
});

async function serveConfig(): Promise<RunningServer> {
  const memory = join(dir, 'memory');
  const file = join(dir, 'orchestration.toml');
  await writeFile(
    file,
    `memory_dir = "${memory}"

[agent]
name = "Numbers"
alias = "numbers"
system_prompt = "You coordinate statistics work."

[agent.llm]
provider = "openai"
api_key = "sk-e2e"
model = "gpt-e2e"
base_url = "${mock.urls.openai}"

[orchestration]
enabled = true

[orchestration.worker.stats]
description = "Statistics: mean and median"
preamble = "You compute statistics."
mcp_filter = ["mean", "median"]

[orchestration.worker.math]
description = "Arithmetic"
preamble = "You do arithmetic."
mcp_filter = ["multiply"]

[mcp.servers.numbers]
transport = "http_streamable"
url = "${mcp.url}"
`,
  );
  const settings = parseServeSettings({ env: { CONFIG_PATH: file, PORT: '0', AURA_CUSTOM_EVENTS: 'true' } });
  const logger = createCliLogger({ level: 'warn', write: () => undefined });
  return startServer({ settings, io: { env: {}, cwd: dir }, logger });
}

interface Streamed {
  readonly events: AuraWireEvent[];
  readonly chunks: ChatCompletionChunk[];
  readonly done: boolean;
}

async function stream(url: string, question: string): Promise<Streamed> {
  const response = await fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      model: 'numbers',
      stream: true,
      messages: [{ role: 'user', content: question }],
      metadata: { chat_session_id: SESSION },
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
  return { events, chunks, done };
}

function dataOf<N extends AuraEventName>(streamed: Streamed, name: N): AuraEventData<N>[] {
  const found: AuraEventData<N>[] = [];
  // The name decides the payload type (the union cannot be narrowed through the generic name).
  for (const event of streamed.events) if (event.event === name) found.push(event.data as AuraEventData<N>);
  return found;
}

async function readJson(path: string): Promise<unknown> {
  return JSON.parse(await readFile(path, 'utf8'));
}

describe('orchestration through aura serve', () => {
  it('streams the spec event sequence and the answer, and persists a complete run directory', async () => {
    server = await serveConfig();
    const streamed = await stream(server.url, 'Mean and median of 10,20,30, then multiply them');

    // §5.3: the lifecycle in order (tool events correlate by id, not position).
    const lifecycle = streamed.events
      .filter((event) => event.event.startsWith('aura.orchestrator.') && !event.event.includes('tool_call'))
      .map((event) => {
        const data = event.data as { task_id?: number };
        return data.task_id === undefined ? event.event : `${event.event}#${data.task_id}`;
      });
    expect(lifecycle.slice(0, 3)).toEqual([
      'aura.orchestrator.plan_created',
      'aura.orchestrator.task_started#0',
      'aura.orchestrator.task_started#1',
    ]);
    expect(new Set(lifecycle.slice(3, 5))).toEqual(
      new Set(['aura.orchestrator.task_completed#0', 'aura.orchestrator.task_completed#1']),
    );
    expect(lifecycle.slice(5)).toEqual([
      'aura.orchestrator.task_started#2',
      'aura.orchestrator.task_completed#2',
      'aura.orchestrator.synthesizing',
      'aura.orchestrator.direct_answer',
      'aura.orchestrator.iteration_complete',
    ]);
    expect(streamed.events[0]?.event).toBe('aura.session_info');
    expect(streamed.events.findIndex((event) => event.event === 'aura.mcp_status')).toBeLessThan(
      streamed.events.findIndex((event) => event.event === 'aura.orchestrator.plan_created'),
    );
    for (const event of streamed.events) expect(event.data).toMatchObject({ session_id: SESSION });

    expect(dataOf(streamed, 'aura.orchestrator.plan_created')).toEqual([
      expect.objectContaining({
        goal: 'Mean and median of 10, 20, 30, multiplied',
        tasks: [MEAN_TASK, MEDIAN_TASK, MULTIPLY_TASK],
        routing_mode: 'orchestrated',
        routing_rationale: 'Needs the stats and math tools.',
        planning_response: PLANNING_SUMMARY,
        agent_id: 'coordinator',
      }),
    ]);
    const started = dataOf(streamed, 'aura.orchestrator.task_started');
    expect(started.map((event) => [event.task_id, event.worker_id, event.description])).toEqual([
      [0, 'stats', MEAN_TASK],
      [1, 'stats', MEDIAN_TASK],
      [2, 'math', MULTIPLY_TASK],
    ]);
    const orchestratorId = started[0]?.orchestrator_id;
    expect(orchestratorId).toMatch(/^[0-9a-f-]{36}$/);
    const completed = dataOf(streamed, 'aura.orchestrator.task_completed').sort((a, b) => a.task_id - b.task_id);
    expect(completed.map((event) => [event.task_id, event.worker_id, event.success, event.result])).toEqual([
      [0, 'stats', true, '20'],
      [1, 'stats', true, '20'],
      [2, 'math', true, '400'],
    ]);
    for (const event of [...started, ...completed]) expect(event.orchestrator_id).toBe(orchestratorId);

    // Tool calls: each task's MCP tool, then submit_result, attributed to the task and worker; each completes.
    const calls = dataOf(streamed, 'aura.orchestrator.tool_call_started');
    const byTask = (taskId: number) => calls.filter((call) => call.task_id === taskId).map((call) => call.tool_name);
    expect(byTask(0)).toEqual(['mean', 'submit_result']);
    expect(byTask(1)).toEqual(['median', 'submit_result']);
    expect(byTask(2)).toEqual(['multiply', 'submit_result']);
    expect(calls.find((call) => call.tool_name === 'multiply')).toMatchObject({
      worker_id: 'math',
      arguments: { a: 20, b: 20 },
    });
    const completions = new Map(
      dataOf(streamed, 'aura.orchestrator.tool_call_completed').map((event) => [event.tool_call_id, event]),
    );
    expect(completions.size).toBe(calls.length);
    for (const call of calls) {
      const done = completions.get(call.tool_call_id);
      expect(done).toMatchObject({ task_id: call.task_id, success: true });
      if (call.tool_name === 'submit_result') expect(done?.result).toBe('{"status":"Result submitted."}');
      const startIndex = streamed.events.findIndex(
        (event) => event.event === 'aura.orchestrator.task_started' && event.data.task_id === call.task_id,
      );
      const callIndex = streamed.events.findIndex(
        (event) =>
          event.event === 'aura.orchestrator.tool_call_started' && event.data.tool_call_id === call.tool_call_id,
      );
      expect(callIndex).toBeGreaterThan(startIndex);
    }
    expect(completions.get(calls.find((call) => call.tool_name === 'mean')?.tool_call_id ?? '')?.result).toBe('20');

    expect(dataOf(streamed, 'aura.orchestrator.synthesizing')).toEqual([expect.objectContaining({ iteration: 1 })]);
    const answer = 'Mean 20, median 20, product 400.';
    expect(dataOf(streamed, 'aura.orchestrator.direct_answer')).toEqual([
      expect.objectContaining({ response: answer, routing_rationale: 'All tasks done.' }),
    ]);
    const [iteration] = dataOf(streamed, 'aura.orchestrator.iteration_complete');
    expect(iteration).toMatchObject({ iteration: 1, will_replan: false });
    expect(iteration?.task_compute_ms).toBeGreaterThanOrEqual(0);

    // The answer arrives as ordinary chunks after the lifecycle, then the final chunk and [DONE].
    const text = streamed.chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('');
    expect(text).toBe(answer);
    expect(streamed.chunks.at(-1)?.choices[0]?.finish_reason).toBe('stop');
    expect(streamed.done).toBe(true);
    // Two coordinator calls and two per task.
    expect(mock.chatRequests).toHaveLength(8);

    // §4.2: <memory_dir>/<session>/<run_id>/ with a `latest` symlink.
    const sessionDir = join(dir, 'memory', SESSION);
    const runId = await readlink(join(sessionDir, 'latest'));
    expect(runId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect((await readdir(sessionDir)).sort()).toEqual([runId, 'latest'].sort());
    const runDir = join(sessionDir, runId);
    expect((await readdir(runDir)).filter((entry) => entry !== 'artifacts').sort()).toEqual([
      'iteration-1',
      'manifest.json',
    ]);
    const iterationDir = join(runDir, 'iteration-1');
    const taskFiles = [0, 1, 2].flatMap((id) =>
      ['prompt.txt', 'response.txt', 'result.json', 'tool-calls.json'].map((kind) => `task-${id}.attempt-1.${kind}`),
    );
    expect((await readdir(iterationDir)).sort()).toEqual(
      ['plan.json', 'planning.prompt.txt', 'planning.response.txt', ...taskFiles].sort(),
    );

    // §4.4 manifest.
    expect(await readJson(join(runDir, 'manifest.json'))).toMatchObject({
      run_id: runId,
      session_id: SESSION,
      goal: 'Mean and median of 10, 20, 30, multiplied',
      status: 'success',
      iterations: 1,
      routing_mode: 'orchestrated',
      outcome: '3/3 tasks completed',
      task_summaries: [
        {
          task_id: 0,
          description: MEAN_TASK,
          status: 'complete',
          worker: 'stats',
          result_preview: 'mean = 20',
          confidence: 'high',
          tool_trace: [{ tool: 'mean', reasoning: 'need mean', outcome: { success: { output_bytes: 2 } } }],
        },
        { task_id: 1, status: 'complete', worker: 'stats', tool_trace: [{ tool: 'median' }] },
        {
          task_id: 2,
          status: 'complete',
          worker: 'math',
          result_preview: 'multiply = 400',
          tool_trace: [{ tool: 'multiply', outcome: { success: { output_bytes: 3 } } }],
        },
      ],
    });

    // §4.3 plan with final statuses, planning files of the last coordinator call, per-task attempt files.
    expect(await readJson(join(iterationDir, 'plan.json'))).toMatchObject({
      goal: 'Mean and median of 10, 20, 30, multiplied',
      tasks: [
        { id: 0, description: MEAN_TASK, dependencies: [], status: 'complete', result: '20', worker: 'stats' },
        { id: 1, description: MEDIAN_TASK, dependencies: [], status: 'complete', result: '20', worker: 'stats' },
        { id: 2, description: MULTIPLY_TASK, dependencies: [0, 1], status: 'complete', result: '400', worker: 'math' },
      ],
    });
    expect(await readFile(join(iterationDir, 'planning.prompt.txt'), 'utf8')).toContain('ITERATION 1 of');
    expect(await readFile(join(iterationDir, 'planning.response.txt'), 'utf8')).toContain(answer);
    expect(await readFile(join(iterationDir, 'task-2.attempt-1.prompt.txt'), 'utf8')).toContain(
      `YOUR TASK: ${MULTIPLY_TASK}`,
    );
    expect(await readFile(join(iterationDir, 'task-2.attempt-1.response.txt'), 'utf8')).toBe('400');
    expect(await readJson(join(iterationDir, 'task-2.attempt-1.result.json'))).toMatchObject({
      task_id: 2,
      description: MULTIPLY_TASK,
      attempt: 1,
      result: '400',
      summary: 'multiply = 400',
      error: null,
      confidence: 'high',
    });
    expect(await readJson(join(iterationDir, 'task-2.attempt-1.tool-calls.json'))).toMatchObject([
      { tool: 'multiply', arguments: { a: 20, b: 20 }, output: '400', error: null },
    ]);
    expect(await readJson(join(iterationDir, 'task-0.attempt-1.tool-calls.json'))).toMatchObject([
      { tool: 'mean', arguments: { numbers: [10, 20, 30] }, reasoning: 'need mean', output: '20' },
    ]);
  });
});
