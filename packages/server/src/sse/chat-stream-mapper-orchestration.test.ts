import { agentRef, type RuntimeEvent, runtimeEvent, type TokenUsage } from '@aura/events';
import { describe, expect, it } from 'vitest';
import { type ChatStreamMapperOptions, createChatStreamMapper } from '../index.js';

const IDENTITY = { completionId: 'chatcmpl-9', created: 1730000000, model: 'openai/gpt-4o', sessionId: 's1' };
const HEAD = '{"id":"chatcmpl-9","object":"chat.completion.chunk","created":1730000000,"model":"openai/gpt-4o"';
const CTX = '"agent_id":"coordinator","session_id":"s1"';
const coordinator = agentRef({ agentId: 'coordinator' });
const stats0 = agentRef({ agentId: 'stats', parentAgentId: 'coordinator', taskId: 0 });
const usage = (input: number, output: number): TokenUsage => ({
  inputTokens: input,
  outputTokens: output,
  totalTokens: input + output,
});

function run(events: readonly RuntimeEvent[], options: Partial<ChatStreamMapperOptions> = {}): string[] {
  const mapper = createChatStreamMapper({ ...IDENTITY, ...options });
  return [...events.flatMap((event) => mapper.onEvent(event)), ...mapper.finish({ kind: 'completed' })];
}

function eventFrame(name: string, data: string): string {
  return `event: ${name}\ndata: ${data}\n\n`;
}

const ANSWER = 'Mean 20, median 20, product 400.';

/** The two-wave plan of orchestration-spec §5.3, reduced to task 0 plus the coordinator's tail. */
function twoWavePlan(): RuntimeEvent[] {
  return [
    runtimeEvent.runStart({
      runId: 'r1',
      sessionId: 's1',
      model: 'openai/gpt-4o',
      contextWindow: 1000,
      mode: 'orchestration',
    }),
    runtimeEvent.stepStart({ agent: coordinator, step: 1 }),
    runtimeEvent.stepFinish({
      agent: coordinator,
      step: 1,
      usage: usage(100, 20),
      finishReason: 'tool-calls',
      toolCallIds: ['p'],
    }),
    runtimeEvent.planCreated({
      agent: coordinator,
      goal: 'Mean and median, then multiply',
      tasks: ['Compute the mean of 10, 20, 30', 'Compute the median of 10, 20, 30', 'Multiply the two results'],
      routingMode: 'orchestrated',
      routingRationale: 'needs two workers',
      planningResponse: 'three tasks',
    }),
    runtimeEvent.taskStarted({
      agent: coordinator,
      taskId: 0,
      description: 'Compute the mean of 10, 20, 30',
      orchestratorId: 'orch-1',
      workerId: 'stats',
    }),
    runtimeEvent.reasoningDelta({ agent: stats0, delta: 'sum is 60' }),
    runtimeEvent.stepStart({ agent: stats0, step: 1 }),
    runtimeEvent.textDelta({ agent: stats0, delta: 'worker-only text' }),
    runtimeEvent.toolCall({
      agent: stats0,
      toolCallId: 'task0_mean_17',
      toolName: 'mean',
      arguments: { numbers: [10, 20, 30] },
      rawArguments: '{"numbers":[10,20,30]}',
      toolKind: 'mcp',
    }),
    runtimeEvent.toolResult({
      agent: stats0,
      toolCallId: 'task0_mean_17',
      toolName: 'mean',
      toolKind: 'mcp',
      durationMs: 12,
      success: true,
      output: '20',
    }),
    runtimeEvent.stepFinish({
      agent: stats0,
      step: 1,
      usage: usage(50, 10),
      finishReason: 'tool-calls',
      toolCallIds: ['task0_mean_17'],
    }),
    runtimeEvent.taskCompleted({
      agent: coordinator,
      taskId: 0,
      orchestratorId: 'orch-1',
      workerId: 'stats',
      success: true,
      durationMs: 1500,
      result: '20',
    }),
    runtimeEvent.synthesizing({ agent: coordinator, iteration: 1 }),
    runtimeEvent.toolCall({
      agent: coordinator,
      toolCallId: 'call_c',
      toolName: 'read_artifact',
      arguments: { filename: 'x' },
      rawArguments: '{"filename":"x"}',
      toolKind: 'orchestration',
    }),
    runtimeEvent.toolResult({
      agent: coordinator,
      toolCallId: 'call_c',
      toolName: 'read_artifact',
      toolKind: 'orchestration',
      durationMs: 3,
      success: true,
      output: '',
    }),
    runtimeEvent.directAnswer({ agent: coordinator, response: ANSWER, routingRationale: 'all done' }),
    runtimeEvent.iterationComplete({
      agent: coordinator,
      iteration: 1,
      willReplan: false,
      reasoning: '',
      gaps: [],
      planningMs: 1180,
      executionMs: 4620,
      taskComputeMs: 6100,
      toolMs: 40,
    }),
    runtimeEvent.stepFinish({
      agent: coordinator,
      step: 2,
      usage: usage(80, 30),
      finishReason: 'tool-calls',
      toolCallIds: ['d'],
    }),
    runtimeEvent.textDelta({ agent: coordinator, delta: ANSWER }),
    runtimeEvent.runFinish({ text: ANSWER, usage: usage(230, 60), finishReason: 'stop' }),
  ];
}

describe('createChatStreamMapper: orchestration (orchestration-spec §5)', () => {
  it('maps the two-wave plan to aura.orchestrator.* frames in order, then the answer as chunks', () => {
    const frames = run(twoWavePlan(), { customEvents: true, emitReasoning: true, toolResultMode: 'open-web-ui' });
    expect(frames).toEqual([
      eventFrame('aura.session_info', '{"model":"openai/gpt-4o","session_id":"s1"}'),
      eventFrame(
        'aura.orchestrator.plan_created',
        '{"goal":"Mean and median, then multiply","tasks":["Compute the mean of 10, 20, 30","Compute the median of 10, 20, 30","Multiply the two results"],' +
          `"routing_mode":"orchestrated","routing_rationale":"needs two workers","planning_response":"three tasks",${CTX}}`,
      ),
      eventFrame(
        'aura.orchestrator.task_started',
        `{"description":"Compute the mean of 10, 20, 30","task_id":0,"orchestrator_id":"orch-1","worker_id":"stats",${CTX}}`,
      ),
      eventFrame(
        'aura.orchestrator.worker_reasoning',
        `{"task_id":0,"worker_id":"stats","content":"sum is 60",${CTX}}`,
      ),
      eventFrame(
        'aura.reasoning',
        '{"content":"sum is 60","agent_id":"stats","parent_agent_id":"coordinator","session_id":"s1"}',
      ),
      eventFrame(
        'aura.orchestrator.tool_call_started',
        `{"task_id":0,"tool_call_id":"task0_mean_17","tool_name":"mean","worker_id":"stats","arguments":{"numbers":[10,20,30]},${CTX}}`,
      ),
      eventFrame(
        'aura.orchestrator.tool_call_completed',
        `{"task_id":0,"tool_call_id":"task0_mean_17","success":true,"duration_ms":12,"result":"20",${CTX}}`,
      ),
      eventFrame(
        'aura.orchestrator.task_completed',
        `{"task_id":0,"orchestrator_id":"orch-1","worker_id":"stats","success":true,"duration_ms":1500,"result":"20",${CTX}}`,
      ),
      eventFrame('aura.orchestrator.synthesizing', `{"iteration":1,${CTX}}`),
      eventFrame(
        'aura.orchestrator.tool_call_started',
        `{"tool_call_id":"call_c","tool_name":"read_artifact","worker_id":"main","arguments":{"filename":"x"},${CTX}}`,
      ),
      eventFrame(
        'aura.orchestrator.tool_call_completed',
        `{"tool_call_id":"call_c","success":true,"duration_ms":3,${CTX}}`,
      ),
      eventFrame('aura.orchestrator.direct_answer', `{"response":"${ANSWER}","routing_rationale":"all done",${CTX}}`),
      eventFrame(
        'aura.orchestrator.iteration_complete',
        `{"iteration":1,"will_replan":false,"planning_ms":1180,"execution_ms":4620,"task_compute_ms":6100,"tool_ms":40,${CTX}}`,
      ),
      `data: ${HEAD},"choices":[{"index":0,"delta":{"role":"assistant","content":"${ANSWER}"}}]}\n\n`,
      // aura.usage sums every LLM call's prompt tokens in orchestration (§8.6).
      eventFrame('aura.usage', '{"prompt_tokens":230,"completion_tokens":60,"total_tokens":290,"session_id":"s1"}'),
      `data: ${HEAD},"choices":[{"index":0,"delta":{},"finish_reason":"stop"}],"usage":{"prompt_tokens":230,"completion_tokens":60,"total_tokens":290}}\n\n`,
      'data: [DONE]\n\n',
    ]);
  });

  it('with custom events off streams only the coordinator answer', () => {
    const frames = run(twoWavePlan(), { emitReasoning: true });
    expect(frames).toHaveLength(3);
    expect(frames[0]).toContain(`"content":"${ANSWER}"`);
    expect(frames.join('')).not.toContain('event:');
  });

  it('maps replans, clarifications and failed tasks, truncating and omitting results', () => {
    const frames = run(
      [
        runtimeEvent.taskCompleted({
          agent: coordinator,
          taskId: 2,
          orchestratorId: 'orch-1',
          workerId: 'orch-1',
          success: false,
          durationMs: 9,
          result: 'x'.repeat(20),
        }),
        runtimeEvent.taskCompleted({
          agent: coordinator,
          taskId: 3,
          orchestratorId: 'orch-1',
          workerId: 'math',
          success: true,
          durationMs: 1,
          result: '',
        }),
        runtimeEvent.iterationComplete({
          agent: coordinator,
          iteration: 1,
          willReplan: true,
          reasoning: 'median missing',
          planningMs: 1,
          executionMs: 2,
          taskComputeMs: 3,
          toolMs: 4,
        }),
        runtimeEvent.replanStarted({ agent: coordinator, iteration: 2, trigger: 'post_execute_create_plan' }),
        runtimeEvent.clarificationNeeded({
          agent: coordinator,
          question: 'Which service?',
          options: ['api', 'web'],
          routingRationale: 'ambiguous',
        }),
      ],
      { customEvents: true, toolResultMaxLength: 5 },
    );
    expect(frames.slice(0, 5)).toEqual([
      eventFrame(
        'aura.orchestrator.task_completed',
        `{"task_id":2,"orchestrator_id":"orch-1","worker_id":"orch-1","success":false,"duration_ms":9,"result":"xxxxx... [truncated]",${CTX}}`,
      ),
      eventFrame(
        'aura.orchestrator.task_completed',
        `{"task_id":3,"orchestrator_id":"orch-1","worker_id":"math","success":true,"duration_ms":1,${CTX}}`,
      ),
      eventFrame(
        'aura.orchestrator.iteration_complete',
        `{"iteration":1,"will_replan":true,"reasoning":"median missing","planning_ms":1,"execution_ms":2,"task_compute_ms":3,"tool_ms":4,${CTX}}`,
      ),
      eventFrame('aura.orchestrator.replan_started', `{"iteration":2,"trigger":"post_execute_create_plan",${CTX}}`),
      eventFrame(
        'aura.orchestrator.clarification_needed',
        `{"question":"Which service?","options":["api","web"],"routing_rationale":"ambiguous",${CTX}}`,
      ),
    ]);
  });

  it('reports a failed worker tool with its error text and never as OpenAI tool_calls chunks', () => {
    const frames = run(
      [
        runtimeEvent.runStart({ runId: 'r', model: 'openai/gpt-4o', mode: 'orchestration' }),
        runtimeEvent.toolCall({
          agent: stats0,
          toolCallId: 'task0_q_1',
          toolName: 'q',
          arguments: {},
          rawArguments: 'not json',
          toolKind: 'mcp',
        }),
        runtimeEvent.toolResult({
          agent: stats0,
          toolCallId: 'task0_q_1',
          toolName: 'q',
          toolKind: 'mcp',
          durationMs: 4,
          success: false,
          output: '',
          error: { kind: 'McpError', message: 'server gone' },
        }),
      ],
      { customEvents: true, toolResultMode: 'open-web-ui' },
    );
    expect(frames.join('')).not.toContain('"tool_calls"');
    expect(frames).toContain(
      eventFrame(
        'aura.orchestrator.tool_call_completed',
        `{"task_id":0,"tool_call_id":"task0_q_1","success":false,"duration_ms":4,"result":"McpError: server gone",${CTX}}`,
      ),
    );
  });

  it('hides worker scratchpad tools and emits coordinator reasoning as plain aura.reasoning', () => {
    const frames = run(
      [
        runtimeEvent.runStart({ runId: 'r', model: 'openai/gpt-4o', mode: 'orchestration' }),
        runtimeEvent.toolCall({
          agent: stats0,
          toolCallId: 'sp',
          toolName: 'grep',
          arguments: {},
          rawArguments: '{}',
          toolKind: 'scratchpad',
        }),
        runtimeEvent.toolResult({
          agent: stats0,
          toolCallId: 'sp',
          toolName: 'grep',
          toolKind: 'scratchpad',
          durationMs: 1,
          success: true,
          output: 'x',
        }),
        runtimeEvent.reasoningDelta({ agent: coordinator, delta: 'plan' }),
      ],
      { customEvents: true, emitReasoning: true },
    );
    expect(frames.join('')).not.toContain('"sp"');
    expect(frames).toContain(eventFrame('aura.reasoning', `{"content":"plan",${CTX}}`));
  });

  it('emits aura.mcp_status mid-stream when the runtime reports it', () => {
    const frames = run(
      [
        runtimeEvent.planCreated({
          agent: coordinator,
          goal: 'g',
          tasks: ['t'],
          routingMode: 'routed',
          routingRationale: 'r',
        }),
        runtimeEvent.mcpStatus({
          servers: [{ serverName: 'm', transport: 'sse', status: 'not_attempted', toolsCount: 0 }],
        }),
      ],
      { customEvents: true, mode: 'orchestration' },
    );
    expect(frames[0]).toBe(
      eventFrame(
        'aura.orchestrator.plan_created',
        `{"goal":"g","tasks":["t"],"routing_mode":"routed","routing_rationale":"r",${CTX}}`,
      ),
    );
    expect(frames[1]).toBe(
      eventFrame(
        'aura.mcp_status',
        '{"servers":[{"server_name":"m","transport":"sse","status":"not_attempted","tools_count":0}],"session_id":"s1"}',
      ),
    );
  });
});
