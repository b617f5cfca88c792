import {
  type AgentRef,
  agentRef,
  parseOpenAiStream,
  type RuntimeEvent,
  runtimeEvent,
  type TokenUsage,
} from '@aura/events';
import { describe, expect, it } from 'vitest';
import { type ChatStreamMapperOptions, type ChatStreamOutcome, createChatStreamMapper } from '../index.js';

const IDENTITY = { completionId: 'chatcmpl-1', created: 1730000000, model: 'openai/gpt-4o', sessionId: 'cs_1' };
const HEAD = '{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1730000000,"model":"openai/gpt-4o"';
const main: AgentRef = agentRef({ agentId: 'main' });

const usage = (input: number, output: number): TokenUsage => ({
  inputTokens: input,
  outputTokens: output,
  totalTokens: input + output,
});

function chunk(delta: string, extra = ''): string {
  return `data: ${HEAD},"choices":[{"index":0,"delta":${delta}${extra}}]}\n\n`;
}

function finalChunk(finishReason: string, usageJson?: string): string {
  const tail = usageJson === undefined ? '' : `,"usage":${usageJson}`;
  return `data: ${HEAD},"choices":[{"index":0,"delta":{},"finish_reason":"${finishReason}"}]${tail}}\n\n`;
}

const DONE = 'data: [DONE]\n\n';

function run(
  events: readonly RuntimeEvent[],
  options: Partial<ChatStreamMapperOptions> = {},
  outcome: ChatStreamOutcome = { kind: 'completed' },
): string[] {
  const mapper = createChatStreamMapper({ ...IDENTITY, ...options });
  const frames = events.flatMap((event) => mapper.onEvent(event));
  frames.push(...mapper.finish(outcome));
  return frames;
}

const start = runtimeEvent.runStart({ runId: 'r1', sessionId: 'cs_1', model: 'openai/gpt-4o', mode: 'single' });
const text = (delta: string, agent: AgentRef = main) => runtimeEvent.textDelta({ agent, delta });
const stepStart = (step: number) => runtimeEvent.stepStart({ agent: main, step });
const stepFinish = (step: number, used: TokenUsage, toolCallIds: string[] = []) =>
  runtimeEvent.stepFinish({
    agent: main,
    step,
    usage: used,
    finishReason: toolCallIds.length > 0 ? 'tool-calls' : 'stop',
    toolCallIds,
  });
const toolCall = (id: string, name: string, args: Record<string, unknown>, toolKind = 'mcp') =>
  runtimeEvent.toolCall({
    agent: main,
    toolCallId: id,
    toolName: name,
    arguments: args,
    rawArguments: JSON.stringify(args),
    toolKind,
  });
const toolResult = (id: string, name: string, output: string, toolKind = 'mcp', durationMs = 12) =>
  runtimeEvent.toolResult({ agent: main, toolCallId: id, toolName: name, toolKind, durationMs, success: true, output });
const finish = (answer: string, used: TokenUsage, finishReason: 'stop' | 'tool_calls' | 'length' = 'stop') =>
  runtimeEvent.runFinish({ text: answer, usage: used, finishReason });

/** One tool call with its result, then the follow-up answer. */
function toolScript(toolKind = 'mcp'): RuntimeEvent[] {
  return [
    start,
    stepStart(1),
    toolCall('call_1', 'mock_tool', { message: 'hi' }, toolKind),
    toolResult('call_1', 'mock_tool', 'Mock tool executed successfully: hi', toolKind),
    stepFinish(1, usage(10, 3), ['call_1']),
    stepStart(2),
    text('Done'),
    stepFinish(2, usage(20, 2)),
    finish('\n\nDone', usage(30, 5)),
  ];
}

describe('createChatStreamMapper: text', () => {
  it('streams a text-only answer with role on the first chunk, then the final chunk and [DONE]', () => {
    const frames = run([
      start,
      stepStart(1),
      text('Hello'),
      text(' world'),
      stepFinish(1, usage(10, 5)),
      finish('Hello world', usage(10, 5)),
    ]);
    expect(frames.join('')).toBe(
      chunk('{"role":"assistant","content":"Hello"}') +
        chunk('{"content":" world"}') +
        finalChunk('stop', '{"prompt_tokens":10,"completion_tokens":5,"total_tokens":15}') +
        DONE,
    );
  });

  it('parses as a valid OpenAI stream whose chunks share one id and end with exactly one finish_reason', async () => {
    const frames = run([start, text('a'), text('b'), finish('ab', usage(1, 2))]);
    const items = [];
    for await (const item of parseOpenAiStream(new Response(frames.join('')).body ?? new ReadableStream())) {
      items.push(item);
    }
    expect(items.at(-1)).toEqual({ type: 'done' });
    const chunks = items.flatMap((item) => (item.type === 'chunk' ? [item.chunk] : []));
    expect(new Set(chunks.map((c) => c.id))).toEqual(new Set(['chatcmpl-1']));
    expect(chunks.filter((c) => c.choices[0]?.finish_reason !== undefined)).toHaveLength(1);
  });

  it('skips empty deltas and ignores worker text', () => {
    const worker = agentRef({ agentId: 'stats', parentAgentId: 'coordinator', taskId: 0 });
    const frames = run([start, text(''), text('secret', worker), text('Hi'), finish('Hi', usage(1, 1))]);
    expect(frames[0]).toBe(chunk('{"role":"assistant","content":"Hi"}'));
    expect(frames.join('')).not.toContain('secret');
  });

  it('sends the final text when the runtime reported an answer it never streamed', () => {
    const frames = run([start, finish('Only at the end', usage(1, 1))]);
    expect(frames[0]).toBe(chunk('{"role":"assistant","content":"Only at the end"}'));
  });

  it('reports what it sent in `text` and `closed`', () => {
    const mapper = createChatStreamMapper(IDENTITY);
    mapper.onEvent(text('Hi'));
    expect(mapper.closed).toBe(false);
    mapper.onEvent(finish('Hi', usage(1, 1)));
    expect(mapper.text).toBe('Hi');
    expect(mapper.closed).toBe(true);
    expect(mapper.onEvent(text('late'))).toEqual([]);
    expect(mapper.finish({ kind: 'completed' })).toEqual([]);
  });
});

describe('createChatStreamMapper: tool calls per TOOL_RESULT_MODE', () => {
  const callNone =
    '{"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"mock_tool","arguments":"{\\"message\\":\\"hi\\"}"}}]}';

  it('none: one call delta with the raw JSON arguments, no result, separator before the next text', () => {
    expect(run(toolScript(), { toolResultMode: 'none' }).join('')).toBe(
      chunk(callNone) +
        chunk('{"role":"assistant","content":"\\n\\nDone"}') +
        finalChunk('stop', '{"prompt_tokens":30,"completion_tokens":5,"total_tokens":35}') +
        DONE,
    );
  });

  it('aura: the call delta as in none, and the result only as aura.tool_complete (even with custom events off)', () => {
    const frames = run(toolScript(), { toolResultMode: 'aura', customEvents: false });
    expect(frames.slice(0, 3).join('')).toBe(
      chunk(callNone) +
        'event: aura.tool_complete\n' +
        'data: {"tool_id":"call_1","tool_name":"mock_tool","duration_ms":12,"success":true,' +
        '"result":"Mock tool executed successfully: hi","agent_id":"main","session_id":"cs_1"}\n\n' +
        chunk('{"role":"assistant","content":"\\n\\nDone"}'),
    );
    expect(frames.join('')).not.toContain('aura.tool_requested');
    expect(frames.join('')).not.toContain('aura.usage');
  });

  it('open-web-ui: empty arguments on the call, then a result delta with the same index and id and an empty name', () => {
    const frames = run(toolScript(), { toolResultMode: 'open-web-ui' });
    expect(frames.slice(0, 3).join('')).toBe(
      chunk(
        '{"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"mock_tool","arguments":""}}]}',
      ) +
        chunk(
          '{"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"","arguments":"Mock tool executed successfully: hi"}}]}',
        ) +
        chunk('{"role":"assistant","content":"\\n\\nDone"}'),
    );
  });

  it('open-web-ui: truncates the result delta per TOOL_RESULT_MAX_LENGTH', () => {
    const frames = run(toolScript(), { toolResultMode: 'open-web-ui', toolResultMaxLength: 9 });
    expect(frames[1]).toContain('"arguments":"Mock tool... [truncated]"');
  });

  it('counts indices over the whole response: two chained tools are 0 and 1, each twice in open-web-ui', () => {
    const frames = run(
      [
        start,
        stepStart(1),
        toolCall('call_a', 'list_files', { path: '/' }),
        toolResult('call_a', 'list_files', 'a.txt'),
        stepFinish(1, usage(10, 1), ['call_a']),
        stepStart(2),
        text('Reading'),
        toolCall('call_b', 'read_file', { path: '/a.txt' }),
        toolResult('call_b', 'read_file', 'contents'),
        stepFinish(2, usage(12, 1), ['call_b']),
        stepStart(3),
        text('It says contents'),
        stepFinish(3, usage(14, 3)),
        finish('Reading\n\nIt says contents', usage(36, 5)),
      ],
      { toolResultMode: 'open-web-ui' },
    );
    const toolDeltas = frames
      .filter((frame) => frame.includes('"tool_calls"'))
      .map((frame) => JSON.parse(frame.slice('data: '.length)).choices[0].delta.tool_calls[0]);
    expect(toolDeltas.map((delta) => [delta.index, delta.id, delta.function.name])).toEqual([
      [0, 'call_a', 'list_files'],
      [0, 'call_a', ''],
      [1, 'call_b', 'read_file'],
      [1, 'call_b', ''],
    ]);
    const contents = frames
      .filter((frame) => frame.includes('"content"'))
      .map((frame) => JSON.parse(frame.slice('data: '.length)).choices[0].delta);
    expect(contents).toEqual([{ role: 'assistant', content: '\n\nReading' }, { content: '\n\nIt says contents' }]);
  });

  it('never puts role on a tool-call chunk; the first later text chunk gets it', () => {
    const frames = run(toolScript());
    expect(frames[0]).not.toContain('"role"');
    expect(frames[1]).toContain('"role":"assistant"');
  });
});

describe('createChatStreamMapper: client-side tools', () => {
  const clientScript: RuntimeEvent[] = [
    start,
    stepStart(1),
    toolCall('call_w', 'get_weather', { city: 'Paris' }, 'client'),
    stepFinish(1, usage(10, 4), ['call_w']),
    runtimeEvent.clientToolCalls({ calls: [{ id: 'call_w', name: 'get_weather', arguments: '{"city":"Paris"}' }] }),
    finish('', usage(10, 4), 'tool_calls'),
  ];

  it('sends the call with its real arguments (even in open-web-ui), no result, and finish_reason tool_calls', () => {
    const frames = run(clientScript, { toolResultMode: 'open-web-ui' });
    expect(frames.join('')).toBe(
      chunk(
        '{"tool_calls":[{"index":0,"id":"call_w","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}}]}',
      ) +
        finalChunk('tool_calls', '{"prompt_tokens":10,"completion_tokens":4,"total_tokens":14}') +
        DONE,
    );
  });

  it('emits aura.tool_requested but never aura.tool_complete for a client tool', () => {
    const frames = run(
      [
        ...clientScript.slice(0, 3),
        runtimeEvent.toolResult({
          agent: main,
          toolCallId: 'call_w',
          toolName: 'get_weather',
          toolKind: 'client',
          durationMs: 0,
          success: true,
          output: '__AURA_CLIENT_TOOL_PENDING__',
        }),
        ...clientScript.slice(3),
      ],
      { customEvents: true, toolResultMode: 'aura' },
    ).join('');
    expect(frames).toContain('event: aura.tool_requested');
    expect(frames).not.toContain('aura.tool_complete');
    expect(frames).not.toContain('PENDING');
  });

  it('takes precedence over length, and treats a run error after the call as the expected end', () => {
    const frames = run(
      [
        start,
        toolCall('call_w', 'get_weather', {}, 'client'),
        runtimeEvent.runError({
          error: { code: 'RUN_ABORTED', message: 'stopped for client tools', retryable: false },
        }),
      ],
      { requestMaxTokens: 1 },
    );
    expect(frames.at(-2)).toBe(finalChunk('tool_calls'));
    expect(frames.join('')).not.toContain('upstream');
  });

  it('sends a call chunk for a client call announced only by client-tool-calls', () => {
    const frames = run([
      start,
      runtimeEvent.clientToolCalls({ calls: [{ id: 'call_x', name: 'ask', arguments: '{}' }] }),
      finish('', usage(1, 1), 'tool_calls'),
    ]);
    expect(frames[0]).toBe(
      chunk('{"tool_calls":[{"index":0,"id":"call_x","type":"function","function":{"name":"ask","arguments":"{}"}}]}'),
    );
  });
});

describe('createChatStreamMapper: scratchpad tools', () => {
  const script = (): RuntimeEvent[] => [
    start,
    toolCall('call_s', 'head', { file: 'x' }, 'scratchpad'),
    runtimeEvent.toolProgress({ agent: main, toolCallId: 'call_s', progress: 1, total: 2 }),
    toolResult('call_s', 'head', 'lines', 'scratchpad'),
    toolCall('call_m', 'mock_tool', {}),
    toolResult('call_m', 'mock_tool', 'ok'),
    text('Answer'),
    finish('Answer', usage(5, 1)),
  ];

  it('are suppressed entirely: no chunk, no index consumed, no events', () => {
    const frames = run(script(), { toolResultMode: 'open-web-ui', customEvents: true }).join('');
    expect(frames).not.toContain('call_s');
    expect(frames).not.toContain('"head"');
    expect(frames).toContain('"index":0,"id":"call_m"');
  });

  it('appear with AURA_EMIT_SCRATCHPAD_TOOL_EVENTS', () => {
    const frames = run(script(), { toolResultMode: 'none', customEvents: true, emitScratchpadToolEvents: true }).join(
      '',
    );
    expect(frames).toContain('"index":0,"id":"call_s"');
    expect(frames).toContain('"index":1,"id":"call_m"');
    expect(frames).toContain('"tool_id":"call_s"');
  });
});

describe('createChatStreamMapper: finish_reason and usage', () => {
  it('is length when completion tokens reach max_tokens', () => {
    const frames = run([start, text('a b c'), finish('a b c', usage(4, 3))], { requestMaxTokens: 3 });
    expect(frames.at(-2)).toBe(finalChunk('length', '{"prompt_tokens":4,"completion_tokens":3,"total_tokens":7}'));
  });

  it('is stop when completion tokens stay below max_tokens', () => {
    const frames = run([start, text('a'), finish('a', usage(4, 2))], { requestMaxTokens: 3 });
    expect(frames.at(-2)).toContain('"finish_reason":"stop"');
  });

  it('is length when the runtime reports length', () => {
    const frames = run([start, text('a'), finish('a', usage(4, 2), 'length')]);
    expect(frames.at(-2)).toContain('"finish_reason":"length"');
  });

  it('adds OpenAI’s usage-only chunk (choices: []) after the final chunk with include_usage', () => {
    const frames = run([start, text('a'), finish('a', usage(4, 2))], { includeUsageChunk: true });
    expect(frames.slice(-3).join('')).toBe(
      finalChunk('stop', '{"prompt_tokens":4,"completion_tokens":2,"total_tokens":6}') +
        `data: ${HEAD},"choices":[],"usage":{"prompt_tokens":4,"completion_tokens":2,"total_tokens":6}}\n\n` +
        DONE,
    );
  });

  it('carries cached and reasoning token details when the provider reported them', () => {
    const frames = run([
      start,
      finish('x', { inputTokens: 10, outputTokens: 5, totalTokens: 15, cacheReadTokens: 4, reasoningTokens: 2 }),
    ]);
    expect(frames.at(-2)).toContain(
      '"usage":{"prompt_tokens":10,"completion_tokens":5,"total_tokens":15,"prompt_tokens_details":{"cached_tokens":4},"completion_tokens_details":{"reasoning_tokens":2}}',
    );
  });
});
