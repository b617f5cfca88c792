import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  type AgentRef,
  AuraError,
  agentRef,
  assertNever,
  COORDINATOR_AGENT_ID,
  createRuntimeEvent,
  emptyUsage,
  isRuntimeEventType,
  MAIN_AGENT_ID,
  RUNTIME_EVENT_SCHEMA_VERSION,
  RUNTIME_EVENT_TYPES,
  type RuntimeEvent,
  type RuntimeEventType,
  runtimeEvent,
  type TextDeltaEvent,
  type ToolResultEvent,
} from './index.js';

const main: AgentRef = { agentId: MAIN_AGENT_ID };

/** A consumer written the way the server's mapper must be: exhaustive, with assertNever. */
function describeEvent(event: RuntimeEvent): string {
  switch (event.type) {
    case 'run-start':
      return `run ${event.runId} ${event.model}`;
    case 'mcp-status':
      return `mcp ${event.servers.length}`;
    case 'step-start':
    case 'step-finish':
      return `${event.type} ${event.agent.agentId} ${event.step}`;
    case 'text-delta':
    case 'reasoning-delta':
      return `${event.type} ${event.delta}`;
    case 'tool-call':
    case 'tool-start':
    case 'tool-progress':
    case 'tool-result':
      return `${event.type} ${event.toolCallId}`;
    case 'client-tool-calls':
      return `client ${event.calls.map((call) => call.name).join(',')}`;
    case 'scratchpad-usage':
      return `scratchpad ${event.tokensIntercepted}`;
    case 'approval-requested':
    case 'approval-pending':
    case 'approval-completed':
      return `${event.type} ${event.decisionId}`;
    case 'plan-created':
      return `plan ${event.tasks.length}`;
    case 'direct-answer':
      return `answer ${event.response}`;
    case 'clarification-needed':
      return `question ${event.question}`;
    case 'task-started':
    case 'task-completed':
      return `${event.type} ${event.taskId}`;
    case 'synthesizing':
    case 'iteration-complete':
    case 'replan-started':
      return `${event.type} ${event.iteration}`;
    case 'run-finish':
      return `finish ${event.finishReason}`;
    case 'run-error':
      return `error ${event.error.code}`;
    default:
      return assertNever(event);
  }
}

describe('runtime events', () => {
  it('constructors set the type and drop undefined optional fields', () => {
    const event = runtimeEvent.toolStart({
      agent: main,
      toolCallId: 'call_1',
      toolName: 'list_files',
      progressToken: undefined,
    });
    expect(event).toEqual({
      type: 'tool-start',
      agent: { agentId: 'main' },
      toolCallId: 'call_1',
      toolName: 'list_files',
    });
    expect(Object.keys(event)).toEqual(['type', 'agent', 'toolCallId', 'toolName']);
    expectTypeOf(runtimeEvent.textDelta({ agent: main, delta: 'x' })).toEqualTypeOf<TextDeltaEvent>();
  });

  it('carry everything needed for tool results and worker attribution', () => {
    const worker = agentRef({ agentId: 'stats', parentAgentId: COORDINATOR_AGENT_ID, taskId: 0, agentName: undefined });
    expect(worker).toEqual({ agentId: 'stats', parentAgentId: 'coordinator', taskId: 0 });
    expect('agentName' in worker).toBe(false);
    const result: ToolResultEvent = runtimeEvent.toolResult({
      agent: worker,
      toolCallId: 'task0_mean_17',
      toolName: 'mean',
      toolKind: 'mcp',
      durationMs: 12,
      success: false,
      output: 'Tool returned an error: boom',
      error: { kind: 'ToolError', message: 'boom' },
    });
    expect(result.agent.taskId).toBe(0);
    expect(result.error).toEqual({ kind: 'ToolError', message: 'boom' });
  });

  it('createRuntimeEvent builds any member from its type', () => {
    const finish = createRuntimeEvent('run-finish', {
      text: 'done',
      usage: emptyUsage(),
      finishReason: 'stop',
      stopReason: undefined,
    });
    expect(finish).toEqual({
      type: 'run-finish',
      text: 'done',
      usage: { inputTokens: 0, outputTokens: 0, totalTokens: 0 },
      finishReason: 'stop',
    });
    const error = runtimeEvent.runError({
      error: { code: 'PROVIDER_CONTEXT_OVERFLOW', message: 'too long', retryable: false },
    });
    expect(describeEvent(error)).toBe('error PROVIDER_CONTEXT_OVERFLOW');
  });

  it('have one constructor per type, and RUNTIME_EVENT_TYPES lists every type once', () => {
    expect(new Set(RUNTIME_EVENT_TYPES).size).toBe(RUNTIME_EVENT_TYPES.length);
    expect(RUNTIME_EVENT_TYPES).toHaveLength(Object.keys(runtimeEvent).length);
    for (const type of RUNTIME_EVENT_TYPES) {
      expect(type).toMatch(/^[a-z]+(-[a-z]+)*$/);
      const name = type.replace(/-([a-z])/g, (_match, letter: string) => letter.toUpperCase());
      expect(Object.keys(runtimeEvent), type).toContain(name);
    }
    expectTypeOf(RUNTIME_EVENT_TYPES).toEqualTypeOf<readonly RuntimeEventType[]>();
  });

  it('isRuntimeEventType accepts exactly the known types', () => {
    expect(isRuntimeEventType('text-delta')).toBe(true);
    expect(isRuntimeEventType('textDelta')).toBe(false);
    expect(isRuntimeEventType('toString')).toBe(false);
    expect(isRuntimeEventType(42)).toBe(false);
  });

  it('every constructed event can be described by an exhaustive consumer', () => {
    const events: RuntimeEvent[] = [
      runtimeEvent.runStart({
        runId: 'r',
        model: 'openai/gpt-4o',
        mode: 'single',
        sessionId: 'cs_1',
        contextWindow: 128000,
      }),
      runtimeEvent.mcpStatus({
        servers: [{ serverName: 'mock', transport: 'stdio', status: 'connected', toolsCount: 2 }],
      }),
      runtimeEvent.stepStart({ agent: main, step: 1 }),
      runtimeEvent.textDelta({ agent: main, delta: 'Hi' }),
      runtimeEvent.reasoningDelta({ agent: main, delta: 'hmm' }),
      runtimeEvent.toolCall({
        agent: main,
        toolCallId: 'c',
        toolName: 't',
        arguments: {},
        rawArguments: '{oops',
        toolKind: 'mcp',
      }),
      runtimeEvent.toolStart({ agent: main, toolCallId: 'c', toolName: 't', progressToken: 7 }),
      runtimeEvent.toolProgress({ agent: main, toolCallId: 'c', progressToken: 7, progress: 1, total: 2 }),
      runtimeEvent.toolResult({
        agent: main,
        toolCallId: 'c',
        toolName: 't',
        toolKind: 'mcp',
        durationMs: 1,
        success: true,
        output: 'ok',
      }),
      runtimeEvent.stepFinish({
        agent: main,
        step: 1,
        usage: emptyUsage(),
        finishReason: 'tool-calls',
        toolCallIds: ['c'],
      }),
      runtimeEvent.clientToolCalls({ calls: [{ id: 'call_1', name: 'get_weather', arguments: '{}' }] }),
      runtimeEvent.scratchpadUsage({ agent: main, tokensIntercepted: 100, tokensExtracted: 10 }),
      runtimeEvent.approvalRequested({
        agent: main,
        decisionId: 'd',
        toolName: 'restart_x',
        origin: { kind: 'config_gate', matchedPattern: 'restart_*' },
        scope: { kind: 'single' },
      }),
      runtimeEvent.approvalPending({
        agent: main,
        decisionId: 'd',
        toolName: 'restart_x',
        arguments: {},
        origin: { kind: 'config_gate', matchedPattern: 'restart_*' },
        scope: { kind: 'single' },
        expiresAt: '2026-01-01T00:00:00Z',
      }),
      runtimeEvent.approvalCompleted({
        agent: main,
        decisionId: 'd',
        outcome: { kind: 'approved' },
        durationMs: 1,
        scope: { kind: 'single' },
      }),
      runtimeEvent.planCreated({
        agent: { agentId: COORDINATOR_AGENT_ID },
        goal: 'g',
        tasks: ['a', 'b'],
        routingMode: 'orchestrated',
        routingRationale: 'r',
      }),
      runtimeEvent.directAnswer({ agent: { agentId: COORDINATOR_AGENT_ID }, response: 'x', routingRationale: 'r' }),
      runtimeEvent.clarificationNeeded({
        agent: { agentId: COORDINATOR_AGENT_ID },
        question: 'q',
        routingRationale: 'r',
      }),
      runtimeEvent.taskStarted({
        agent: { agentId: COORDINATOR_AGENT_ID },
        taskId: 0,
        description: 'd',
        orchestratorId: 'o',
        workerId: 'w',
      }),
      runtimeEvent.taskCompleted({
        agent: { agentId: COORDINATOR_AGENT_ID },
        taskId: 0,
        orchestratorId: 'o',
        workerId: 'w',
        success: true,
        durationMs: 3,
      }),
      runtimeEvent.synthesizing({ agent: { agentId: COORDINATOR_AGENT_ID }, iteration: 1 }),
      runtimeEvent.iterationComplete({
        agent: { agentId: COORDINATOR_AGENT_ID },
        iteration: 1,
        willReplan: false,
        planningMs: 1,
        executionMs: 2,
        taskComputeMs: 3,
        toolMs: 4,
      }),
      runtimeEvent.replanStarted({
        agent: { agentId: COORDINATOR_AGENT_ID },
        iteration: 2,
        trigger: 'post_execute_create_plan',
      }),
      runtimeEvent.runFinish({ text: 'x', usage: emptyUsage(), finishReason: 'stop', stopReason: 'depth_exhausted' }),
      runtimeEvent.runError({ error: { code: 'RUN_ABORTED', message: 'aborted', retryable: false } }),
    ];
    expect(new Set(events.map((event) => event.type))).toEqual(new Set(RUNTIME_EVENT_TYPES));
    for (const event of events) expect(describeEvent(event)).not.toBe('');
  });

  it('assertNever throws a coded error naming the unexpected value', () => {
    const unexpected = { type: 'from-the-future' } as unknown as never;
    expect(() => assertNever(unexpected)).toThrow(AuraError);
    expect(() => assertNever(unexpected)).toThrow('Unexpected value: type "from-the-future"');
    expect(() => describeEvent(unexpected)).toThrow(expect.objectContaining({ code: 'INTERNAL' }));
    expect(() => assertNever(42 as never, 'Unknown mode')).toThrow('Unknown mode: 42');
  });

  it('is versioned', () => {
    expect(Number.isInteger(RUNTIME_EVENT_SCHEMA_VERSION)).toBe(true);
    expect(RUNTIME_EVENT_SCHEMA_VERSION).toBeGreaterThanOrEqual(1);
  });
});
