/**
 * The event stream of orchestrated runs as the server maps it (orchestration-spec §1.5, §5): what is and is not
 * forwarded, attribution of worker events, the final answer chunks, and per-worker settings (own model, turn
 * depth, planning display, recon tools, client tools).
 */
import type { RuntimeEvent } from '@aura/events';
import {
  createScriptedModel,
  reasoning,
  type TestMcpHttpServer,
  text,
  toolCall,
  toolResults,
  turn,
  usage,
} from '@aura/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  answerText,
  coordinatorCalls,
  isCoordinatorCall,
  ofType,
  only,
  orchestrationModel,
  orchestrationRuntime,
  runEvents,
  startStatsServer,
  taskOf,
} from './orchestration-fixtures.js';

const plan = (steps: unknown[]) =>
  toolCall('create_plan', { goal: 'g', steps, routing_rationale: 'r', planning_summary: 'ps' });
const respond = (response: string) => toolCall('respond_directly', { response, routing_rationale: 'done' });
const submit = (result: string) => toolCall('submit_result', { summary: result, result, confidence: 'high' });

describe('orchestration: events and worker settings', () => {
  let mcp: TestMcpHttpServer;
  beforeEach(async () => {
    mcp = await startStatsServer();
  });
  afterEach(async () => {
    await mcp.close();
  });

  it('streams the answer in 50-code-point coordinator deltas and never forwards coordinator text or routing calls', async () => {
    const answer = `${'é'.repeat(45)}😀😀😀😀😀${'z'.repeat(30)}`;
    const model = orchestrationModel({
      coordinator: [turn(reasoning('Let me think.'), text('Thinking out loud'), respond(answer))],
    });
    const runtime = orchestrationRuntime({ model, mcpUrl: mcp.url });
    const events = await runEvents(runtime, 'q');
    expect(events.map((event) => event.type).slice(0, 2)).toEqual(['run-start', 'mcp-status']);
    const deltas = ofType(events, 'text-delta');
    expect(deltas.map((event) => event.agent)).toEqual([{ agentId: 'coordinator' }, { agentId: 'coordinator' }]);
    expect(deltas.map((event) => Array.from(event.delta).length)).toEqual([50, 30]);
    expect(deltas.map((event) => event.delta).join('')).toBe(answer);
    expect(ofType(events, 'tool-call')).toEqual([]);
    expect(ofType(events, 'tool-result')).toEqual([]);
    const thoughts = ofType(events, 'reasoning-delta');
    expect(thoughts.map((event) => event.delta).join('')).toBe('Let me think.');
    for (const event of thoughts) expect(event.agent).toEqual({ agentId: 'coordinator' });
    expect(events.at(-1)).toMatchObject({ type: 'run-finish', text: answer, finishReason: 'stop' });
    await runtime.close();
  });

  it('attributes named-worker reasoning to the worker and generic-worker reasoning to the coordinator', async () => {
    const model = orchestrationModel({
      coordinator: [
        turn(
          plan([
            {
              type: 'parallel',
              items: [
                { type: 'task', task: 'Named', worker: 'stats' },
                { type: 'task', task: 'Generic' },
              ],
            },
          ]),
        ),
        turn(respond('ok')),
      ],
      workers: {
        Named: [turn(reasoning('named thought'), submit('a'))],
        Generic: [turn(reasoning('generic thought'), submit('b'))],
      },
    });
    const runtime = orchestrationRuntime({ model, mcpUrl: mcp.url });
    const events = await runEvents(runtime, 'q');
    const byAgent = new Map<string, string>();
    for (const event of ofType(events, 'reasoning-delta')) {
      const key = JSON.stringify(event.agent);
      byAgent.set(key, (byAgent.get(key) ?? '') + event.delta);
    }
    expect(byAgent.get(JSON.stringify({ agentId: 'stats', parentAgentId: 'coordinator', taskId: 0 }))).toBe(
      'named thought',
    );
    expect(byAgent.get(JSON.stringify({ agentId: 'coordinator' }))).toBe('generic thought');
    // Worker text never reads as the answer.
    expect(answerText(events)).toBe('ok');
    await runtime.close();
  });

  it('sums usage over every coordinator and worker call, in run-finish', async () => {
    const model = orchestrationModel({
      coordinator: [
        turn(plan([{ type: 'task', task: 'T', worker: 'stats' }]), usage(11, 1)),
        turn(respond('ok'), usage(13, 3)),
      ],
      workers: { T: [turn(toolCall('mean', { numbers: [2] }), usage(17, 5)), turn(submit('2'), usage(19, 7))] },
    });
    const runtime = orchestrationRuntime({ model, mcpUrl: mcp.url });
    const events = await runEvents(runtime, 'q');
    const steps = ofType(events, 'step-finish');
    expect(steps).toHaveLength(4);
    expect(events.at(-1)).toMatchObject({ usage: { inputTokens: 60, outputTokens: 16, totalTokens: 76 } });
    await runtime.close();
  });

  it('runs a worker with its own llm on its own model, and with its own turn_depth', async () => {
    const coordinator = orchestrationModel({
      coordinator: [turn(plan([{ type: 'task', task: 'Loop', worker: 'fast' }])), turn(respond('ok'))],
    });
    const workerModel = createScriptedModel({ respond: () => turn(toolCall('mean', { numbers: [1] })) });
    const runtime = orchestrationRuntime({
      model: coordinator,
      models: { 'gpt-4o-mini': workerModel },
      mcpUrl: mcp.url,
      orchestration: {
        worker: {
          fast: {
            description: 'Fast worker',
            preamble: 'Be quick.',
            mcp_filter: ['mean'],
            turn_depth: 1,
            llm: { provider: 'openai', api_key: 'sk-test', model: 'gpt-4o-mini' },
          },
        },
      },
    });
    const events = await runEvents(runtime, 'q');
    // turn_depth 1 → at most 3 tool turns, then the reference's MaxDepthError (a hard depth_exhausted failure).
    expect(workerModel.calls).toHaveLength(3);
    const completed = only(events, 'task-completed');
    expect(completed.success).toBe(false);
    expect(completed.result).toContain('MaxDepthError: (reached limit: 1)');
    expect(coordinatorCalls(coordinator)[1]?.view.messages.at(-1)?.text).toContain('[depth_exhausted]');
    await runtime.close();
  });

  it('summary mode shows worker tools in the planning prompt; "none" adds recon tools that emit no events', async () => {
    const summary = orchestrationModel({ coordinator: [turn(respond('ok'))] });
    const summaryRuntime = orchestrationRuntime({ model: summary, mcpUrl: mcp.url });
    await runEvents(summaryRuntime, 'q');
    const [summaryCall] = coordinatorCalls(summary);
    const prompt = summaryCall?.view.messages.at(-1)?.text ?? '';
    expect(prompt).toContain('## stats\nStatistics\nTools: mean, median');
    expect(prompt).toContain('## math\nArithmetic\nTools: multiply');
    expect(prompt).toContain('Valid worker names: "stats", "math"');
    expect(summaryCall?.tools.map((tool) => tool.name)).toEqual([
      'respond_directly',
      'create_plan',
      'request_clarification',
      'read_artifact',
    ]);
    await summaryRuntime.close();

    const none = orchestrationModel({
      coordinator: [
        turn(toolCall('list_tools', {}), toolCall('inspect_tool_params', { tool_name: 'multiply' })),
        turn(respond('ok')),
      ],
    });
    const noneRuntime = orchestrationRuntime({
      model: none,
      mcpUrl: mcp.url,
      orchestration: { tools_in_planning: 'none' },
    });
    const events = await runEvents(noneRuntime, 'q');
    const [first, second] = coordinatorCalls(none);
    expect(first?.tools.map((tool) => tool.name).slice(0, 2)).toEqual(['list_tools', 'inspect_tool_params']);
    expect(first?.view.messages.at(-1)?.text).toContain('- stats: Statistics');
    const recon = toolResults(second ?? { view: undefined });
    expect(JSON.parse(recon[0]?.content ?? '{}')).toEqual({ count: 4, tools: 'sleep\nmean\nmedian\nmultiply' });
    expect(JSON.parse(recon[1]?.content ?? '{}')).toMatchObject({ found: true, tool_name: 'multiply' });
    expect(ofType(events, 'tool-call')).toEqual([]);
    expect(answerText(events)).toBe('ok');
    await noneRuntime.close();
  });

  it('drops client-side tools with a warning; workers never see them', async () => {
    const warnings: string[] = [];
    const model = orchestrationModel({
      coordinator: [turn(plan([{ type: 'task', task: 'T', worker: 'stats' }])), turn(respond('ok'))],
      workers: { T: [turn(submit('done'))] },
    });
    const runtime = orchestrationRuntime({
      model,
      mcpUrl: mcp.url,
      runtime: {
        logger: { debug: () => {}, info: () => {}, warn: (message) => warnings.push(message), error: () => {} },
      },
    });
    const events = await runEvents(runtime, 'q', {
      clientTools: [{ name: 'get_weather', description: 'Weather', parameters: { type: 'object', properties: {} } }],
    });
    expect(warnings.some((warning) => warning.includes('client-side tool(s) dropped'))).toBe(true);
    for (const call of model.calls) expect(call.tools.map((tool) => tool.name)).not.toContain('get_weather');
    expect(ofType(events, 'client-tool-calls')).toEqual([]);
    expect(answerText(events)).toBe('ok');
    await runtime.close();
  });

  it('only MCP tools, read_artifact and submit_result of workers produce tool events (not wait_for)', async () => {
    const model = orchestrationModel({
      coordinator: [turn(plan([{ type: 'task', task: 'Wait', worker: 'stats' }])), turn(respond('ok'))],
      workers: {
        Wait: [
          turn(
            toolCall('wait_for', {
              probe: { tool: 'mean', args: { numbers: [4] } },
              until: { matches: '4' },
              poll_sec: 1,
              max_wait_sec: 5,
            }),
          ),
          turn(submit('waited')),
        ],
      },
    });
    const runtime = orchestrationRuntime({ model, mcpUrl: mcp.url });
    const events = await runEvents(runtime, 'q');
    const names = ofType(events, 'tool-call').map(
      (event: Extract<RuntimeEvent, { type: 'tool-call' }>) => event.toolName,
    );
    expect(names).toEqual(['submit_result']);
    const waited = model.calls.filter((call) => !isCoordinatorCall(call) && taskOf(call) === 'Wait')[1];
    const result = toolResults(waited ?? { view: undefined })[0]?.content ?? '{}';
    expect(JSON.parse(result)).toMatchObject({ reason: 'matched', last_observation: '4' });
    await runtime.close();
  });
});
