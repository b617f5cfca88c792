import { type AgentRef, agentRef, type RuntimeEvent, runtimeEvent, type TokenUsage } from '@aura/events';
import { describe, expect, it } from 'vitest';
import { type ChatStreamMapperOptions, createChatStreamMapper } from '../index.js';

const IDENTITY = { completionId: 'chatcmpl-1', created: 1730000000, model: 'openai/gpt-4o', sessionId: 'cs_1' };
const main: AgentRef = agentRef({ agentId: 'main' });
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

/** Names of the frames: the event name, `chunk`, or `[DONE]`. */
function frameKinds(frames: readonly string[]): string[] {
  return frames.map((frame) => {
    if (frame.startsWith('event: ')) return frame.slice('event: '.length, frame.indexOf('\n'));
    return frame === 'data: [DONE]\n\n' ? '[DONE]' : 'chunk';
  });
}

const start = runtimeEvent.runStart({
  runId: 'r1',
  sessionId: 'cs_1',
  model: 'openai/gpt-4o',
  contextWindow: 128000,
  mode: 'single',
});
const mcpStatus = runtimeEvent.mcpStatus({
  servers: [
    { serverName: 'mock_test_server', transport: 'http_streamable', status: 'connected', toolsCount: 5 },
    { serverName: 'broken', transport: 'stdio', status: 'failed', toolsCount: 0, reason: 'spawn ENOENT' },
  ],
});

function toolScript(): RuntimeEvent[] {
  return [
    start,
    mcpStatus,
    runtimeEvent.stepStart({ agent: main, step: 1 }),
    runtimeEvent.toolCall({
      agent: main,
      toolCallId: 'call_abc',
      toolName: 'list_files',
      arguments: { path: '/tmp' },
      rawArguments: '{"path":"/tmp"}',
      toolKind: 'mcp',
    }),
    runtimeEvent.toolStart({ agent: main, toolCallId: 'call_abc', toolName: 'list_files', progressToken: 42 }),
    runtimeEvent.toolProgress({
      agent: main,
      toolCallId: 'call_abc',
      progressToken: 42,
      progress: 3,
      total: 5,
      message: 'Processing step 3 of 5',
    }),
    runtimeEvent.toolResult({
      agent: main,
      toolCallId: 'call_abc',
      toolName: 'list_files',
      toolKind: 'mcp',
      durationMs: 1234,
      success: true,
      output: 'a.txt\nb.txt',
    }),
    runtimeEvent.stepFinish({
      agent: main,
      step: 1,
      usage: usage(10, 3),
      finishReason: 'tool-calls',
      toolCallIds: ['call_abc'],
    }),
    runtimeEvent.stepStart({ agent: main, step: 2 }),
    runtimeEvent.textDelta({ agent: main, delta: 'Done' }),
    runtimeEvent.stepFinish({ agent: main, step: 2, usage: usage(20, 2), finishReason: 'stop', toolCallIds: [] }),
    runtimeEvent.runFinish({ text: '\n\nDone', usage: usage(30, 5), finishReason: 'stop' }),
  ];
}

describe('createChatStreamMapper: aura.* custom events', () => {
  it('emits the full lifecycle in order with the §9.4 example frames byte for byte', () => {
    const frames = run(toolScript(), { customEvents: true });
    expect(frameKinds(frames)).toEqual([
      'aura.session_info',
      'aura.mcp_status',
      'aura.tool_requested',
      'chunk',
      'aura.tool_start',
      'aura.progress',
      'aura.tool_complete',
      'chunk',
      'aura.tool_usage',
      'aura.usage',
      'chunk',
      '[DONE]',
    ]);
    expect(frames[0]).toBe(
      eventFrame('aura.session_info', '{"model":"openai/gpt-4o","model_context_limit":128000,"session_id":"cs_1"}'),
    );
    expect(frames[1]).toBe(
      eventFrame(
        'aura.mcp_status',
        '{"servers":[{"server_name":"mock_test_server","transport":"http_streamable","status":"connected","tools_count":5},' +
          '{"server_name":"broken","transport":"stdio","status":"failed","tools_count":0,"reason":"spawn ENOENT"}],"session_id":"cs_1"}',
      ),
    );
    expect(frames[2]).toBe(
      eventFrame(
        'aura.tool_requested',
        '{"tool_id":"call_abc","tool_name":"list_files","arguments":{"path":"/tmp"},"agent_id":"main","session_id":"cs_1"}',
      ),
    );
    expect(frames[4]).toBe(
      eventFrame(
        'aura.tool_start',
        '{"tool_id":"call_abc","tool_name":"list_files","progress_token":42,"agent_id":"main","session_id":"cs_1"}',
      ),
    );
    expect(frames[5]).toBe(
      eventFrame(
        'aura.progress',
        '{"message":"Processing step 3 of 5","phase":"mcp_progress","percent":60,"progress_token":42,"agent_id":"main","session_id":"cs_1"}',
      ),
    );
    expect(frames[6]).toBe(
      eventFrame(
        'aura.tool_complete',
        '{"tool_id":"call_abc","tool_name":"list_files","duration_ms":1234,"success":true,"result":"a.txt\\nb.txt","agent_id":"main","session_id":"cs_1"}',
      ),
    );
    // tool_usage: the ids whose results the second turn consumed, with that turn's tokens.
    expect(frames[8]).toBe(
      eventFrame(
        'aura.tool_usage',
        '{"tool_ids":["call_abc"],"prompt_tokens":20,"completion_tokens":2,"total_tokens":22,"session_id":"cs_1"}',
      ),
    );
    // usage: first turn's prompt tokens, summed completion tokens (§8.6).
    expect(frames[9]).toBe(
      eventFrame('aura.usage', '{"prompt_tokens":10,"completion_tokens":5,"total_tokens":15,"session_id":"cs_1"}'),
    );
  });

  it('puts trace_id after session_id when tracing is on, on every event', () => {
    const frames = run(toolScript(), { customEvents: true, traceId: 'abc123' }).filter((frame) =>
      frame.startsWith('event: '),
    );
    for (const frame of frames) expect(frame).toContain('"session_id":"cs_1","trace_id":"abc123"}');
  });

  it('sends no event frames at all with custom events off', () => {
    const frames = run(toolScript(), { customEvents: false, toolResultMode: 'open-web-ui' });
    expect(frames.some((frame) => frame.includes('event:'))).toBe(false);
    expect(frameKinds(frames).at(-1)).toBe('[DONE]');
  });

  it('reports a failed tool with its classified error and no result (§16 case 24)', () => {
    const frames = run(
      [
        start,
        runtimeEvent.toolCall({
          agent: main,
          toolCallId: 'call_f',
          toolName: 'failing_tool',
          arguments: {},
          rawArguments: '{}',
          toolKind: 'mcp',
        }),
        runtimeEvent.toolResult({
          agent: main,
          toolCallId: 'call_f',
          toolName: 'failing_tool',
          toolKind: 'mcp',
          durationMs: 5,
          success: false,
          output: 'Tool returned error: Connection refused',
          error: { kind: 'ToolError', message: 'Connection refused' },
        }),
      ],
      { customEvents: true },
    );
    expect(frames).toContain(
      eventFrame(
        'aura.tool_complete',
        '{"tool_id":"call_f","tool_name":"failing_tool","duration_ms":5,"success":false,"error":"ToolError: Connection refused","agent_id":"main","session_id":"cs_1"}',
      ),
    );
  });

  it('truncates aura.tool_complete.result at a UTF-8 boundary (§16 case 22)', () => {
    const output = `${'a'.repeat(8)}€${'b'.repeat(41)}`; // '€' is 3 bytes at bytes 8..10
    const frames = run(
      [
        start,
        runtimeEvent.toolResult({
          agent: main,
          toolCallId: 'call_t',
          toolName: 't',
          toolKind: 'mcp',
          durationMs: 1,
          success: true,
          output,
        }),
      ],
      { customEvents: true, toolResultMaxLength: 10 },
    );
    expect(frames.find((frame) => frame.startsWith('event: aura.tool_complete'))).toContain(
      '"result":"aaaaaaaa... [truncated]"',
    );
    const ascii = run(
      [
        start,
        runtimeEvent.toolResult({
          agent: main,
          toolCallId: 'call_t',
          toolName: 't',
          toolKind: 'mcp',
          durationMs: 1,
          success: true,
          output: 'x'.repeat(50),
        }),
      ],
      { customEvents: true, toolResultMaxLength: 10 },
    );
    expect(ascii.find((frame) => frame.startsWith('event: aura.tool_complete'))).toContain(
      '"result":"xxxxxxxxxx... [truncated]"',
    );
  });

  it('unquotes a result that is a JSON string literal before reporting it', () => {
    const frames = run(
      [
        runtimeEvent.toolResult({
          agent: main,
          toolCallId: 'c',
          toolName: 't',
          toolKind: 'mcp',
          durationMs: 1,
          success: true,
          output: '"line 1\\nline 2"',
        }),
      ],
      { customEvents: true },
    );
    expect(frames[0]).toContain('"result":"line 1\\nline 2"');
  });

  it('reports tool usage whether tool results arrive before or after their step-finish', () => {
    const call = runtimeEvent.toolCall({
      agent: main,
      toolCallId: 'c1',
      toolName: 't',
      arguments: {},
      rawArguments: '{}',
      toolKind: 'mcp',
    });
    const result = runtimeEvent.toolResult({
      agent: main,
      toolCallId: 'c1',
      toolName: 't',
      toolKind: 'mcp',
      durationMs: 1,
      success: true,
      output: 'ok',
    });
    const step1 = runtimeEvent.stepFinish({
      agent: main,
      step: 1,
      usage: usage(5, 1),
      finishReason: 'tool-calls',
      toolCallIds: ['c1'],
    });
    const step2 = runtimeEvent.stepFinish({
      agent: main,
      step: 2,
      usage: usage(9, 2),
      finishReason: 'stop',
      toolCallIds: [],
    });
    const s1 = runtimeEvent.stepStart({ agent: main, step: 1 });
    const s2 = runtimeEvent.stepStart({ agent: main, step: 2 });
    const expected = eventFrame(
      'aura.tool_usage',
      '{"tool_ids":["c1"],"prompt_tokens":9,"completion_tokens":2,"total_tokens":11,"session_id":"cs_1"}',
    );
    const before = run([s1, call, result, step1, s2, step2], { customEvents: true });
    const after = run([s1, call, step1, result, s2, step2], { customEvents: true });
    expect(before.filter((frame) => frame.includes('aura.tool_usage'))).toEqual([expected]);
    expect(after.filter((frame) => frame.includes('aura.tool_usage'))).toEqual([expected]);
  });

  it('renders the progress fallback message with plain numbers and omits percent when the total is unknown', () => {
    const frames = run(
      [
        runtimeEvent.toolProgress({ agent: main, toolCallId: 'c', progressToken: 'tok', progress: 5, total: 10 }),
        runtimeEvent.toolProgress({ agent: main, toolCallId: 'c', progressToken: 'tok', progress: 7 }),
      ],
      { customEvents: true },
    );
    expect(frames[0]).toBe(
      eventFrame(
        'aura.progress',
        '{"message":"Progress: 5/10","phase":"mcp_progress","percent":50,"progress_token":"tok","agent_id":"main","session_id":"cs_1"}',
      ),
    );
    expect(frames[1]).toBe(
      eventFrame(
        'aura.progress',
        '{"message":"Progress: 7","phase":"mcp_progress","progress_token":"tok","agent_id":"main","session_id":"cs_1"}',
      ),
    );
  });

  it('emits aura.reasoning only with custom events and reasoning both on', () => {
    const reasoning = runtimeEvent.reasoningDelta({ agent: main, delta: 'thinking' });
    expect(run([reasoning], { customEvents: true, emitReasoning: true })[0]).toBe(
      eventFrame('aura.reasoning', '{"content":"thinking","agent_id":"main","session_id":"cs_1"}'),
    );
    expect(run([reasoning], { customEvents: true }).some((frame) => frame.includes('reasoning'))).toBe(false);
    expect(run([reasoning], { emitReasoning: true }).some((frame) => frame.includes('reasoning'))).toBe(false);
  });

  it('always emits approval and scratchpad-usage events, even with custom events off', () => {
    const frames = run([
      runtimeEvent.approvalRequested({
        agent: main,
        decisionId: 'd1',
        toolName: 'restart_x',
        origin: { kind: 'config_gate', matchedPattern: 'restart_*' },
        scope: { kind: 'single', sessionId: 'cs_1' },
      }),
      runtimeEvent.approvalCompleted({
        agent: main,
        decisionId: 'd1',
        outcome: { kind: 'approved' },
        durationMs: 250,
        scope: { kind: 'single', sessionId: 'cs_1' },
      }),
      runtimeEvent.scratchpadUsage({ agent: main, tokensIntercepted: 1200, tokensExtracted: 300 }),
    ]);
    expect(frames.slice(0, 3)).toEqual([
      eventFrame(
        'aura.approval_requested',
        '{"decision_id":"d1","tool_name":"restart_x","origin":{"kind":"config_gate","matched_pattern":"restart_*"},"scope":{"kind":"single","session_id":"cs_1"}}',
      ),
      eventFrame(
        'aura.approval_completed',
        '{"decision_id":"d1","outcome":{"kind":"approved"},"duration_ms":250,"scope":{"kind":"single","session_id":"cs_1"}}',
      ),
      eventFrame(
        'aura.scratchpad_usage',
        '{"tokens_intercepted":1200,"tokens_extracted":300,"agent_id":"main","session_id":"cs_1"}',
      ),
    ]);
  });

  it('omits aura.mcp_status when no server is configured and aura.usage when no prompt tokens were counted', () => {
    const frames = run(
      [start, runtimeEvent.mcpStatus({ servers: [] }), runtimeEvent.textDelta({ agent: main, delta: 'x' })],
      {
        customEvents: true,
      },
    );
    expect(frameKinds(frames)).toEqual(['aura.session_info', 'chunk', 'chunk', '[DONE]']);
  });
});
