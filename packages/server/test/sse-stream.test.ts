import type { AuraConfigInput } from '@aura/config';
import {
  defineTestMcpTool,
  httpError,
  type MockProviderServer,
  mcpTextResult,
  reasoning,
  streamError,
  type TestMcpHttpServer,
  text,
  toolCall,
  turn,
  usage,
} from '@aura/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ServerOptionsInput } from '../src/server-options.js';
import {
  agentConfig,
  auraEventsOf,
  chunksOf,
  contentOf,
  mcpTable,
  OPENAI_LLM,
  postChat,
  readSse,
  type SseCapture,
  TestHarness,
} from './server-fixtures.js';

const harness = new TestHarness();
let mock: MockProviderServer;
let mcp: TestMcpHttpServer;
beforeEach(async () => {
  mock = await harness.startMock();
  mcp = await harness.startMcp({
    extraTools: [
      defineTestMcpTool({
        name: 'mock_tool',
        description: 'Echoes the message with a success note.',
        input: z.object({ message: z.string() }),
        call: ({ message }) => mcpTextResult(`Mock tool executed successfully: ${message}`),
      }),
    ],
  });
});
afterEach(() => harness.cleanup());

async function stream(
  options: ServerOptionsInput,
  body: Record<string, unknown> = {},
  llm: AuraConfigInput['agent']['llm'] = OPENAI_LLM,
): Promise<SseCapture> {
  const server = await harness.serve(
    [
      {
        id: 'test-assistant',
        config: agentConfig(
          { name: 'Test Assistant', alias: 'test-assistant', llm },
          { mcp: mcpTable(mcp, 'mock_test_server') },
        ),
      },
    ],
    options,
  );
  const response = await postChat(server.url, {
    messages: [{ role: 'user', content: 'go' }],
    stream: true,
    metadata: { chat_session_id: 'cs-test' },
    ...body,
  });
  expect(response.status).toBe(200);
  return readSse(response);
}

function toolDeltas(capture: SseCapture) {
  return chunksOf(capture).flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? []);
}

function oneTool(name: string, args: Record<string, unknown>, answer = 'Done.') {
  mock.setRules(
    { match: { lastRole: 'user' }, reply: turn(toolCall(name, args)) },
    { match: { lastRole: 'tool' }, reply: turn(text(answer), usage(20, 4)) },
  );
}

describe('SSE framing', () => {
  it('is byte-exact: data frames of compact JSON, blank-line separated, no id/retry, [DONE] last', async () => {
    mock.enqueue(turn(text('Hello there'), usage(5, 2)));
    const capture = await stream({ heartbeatIntervalSecs: 0 });
    expect(capture.raw.endsWith('data: [DONE]\n\n')).toBe(true);
    const frames = capture.raw.split('\n\n').filter((frame) => frame !== '');
    for (const frame of frames) expect(frame).toMatch(/^data: \S.*$/);
    expect(capture.raw).not.toMatch(/^(id|retry):/m);
    const first = chunksOf(capture)[0];
    expect(capture.raw.startsWith(`data: ${JSON.stringify(first)}\n\n`)).toBe(true);
  });

  it('starts with a heartbeat comment and keeps sending them while a tool runs silently (case 16)', async () => {
    oneTool('sleep', { ms: 400, steps: 1 });
    const capture = await stream({ heartbeatIntervalSecs: 0.05 });
    expect(capture.raw.startsWith(': heartbeat\n\n')).toBe(true);
    expect(capture.comments.filter((comment) => comment === 'heartbeat').length).toBeGreaterThanOrEqual(3);
    expect(contentOf(capture)).toBe('\n\nDone.');
  });

  it('ends with finish_reason length when max_tokens is reached', async () => {
    mock.enqueue(turn(text('one two three'), usage(5, 3)));
    const capture = await stream({}, { max_tokens: 3 });
    expect(chunksOf(capture).at(-1)?.choices[0]?.finish_reason).toBe('length');
  });
});

describe('tool result modes (server-spec §8.5)', () => {
  it('open-web-ui: a call delta with empty arguments, then a result delta with the same index and id (case 17)', async () => {
    oneTool('mock_tool', { message: 'hi' });
    const capture = await stream({ toolResultMode: 'open-web-ui' });
    const deltas = toolDeltas(capture);
    expect(deltas).toHaveLength(2);
    expect(deltas[0]).toEqual({
      index: 0,
      id: expect.any(String),
      type: 'function',
      function: { name: 'mock_tool', arguments: '' },
    });
    expect(deltas[1]).toMatchObject({ index: 0, id: deltas[0]?.id, function: { name: '' } });
    expect(deltas[1]?.function?.arguments).toContain('Mock tool executed successfully');
    expect(deltas[1]?.function?.arguments).toContain('hi');
    expect(chunksOf(capture).at(-1)?.choices[0]?.finish_reason).toBe('stop');
  });

  it('none: one call delta with the JSON arguments and no result (case 18); no event frames without custom events (case 15)', async () => {
    oneTool('mock_tool', { message: 'hi' });
    const capture = await stream({ toolResultMode: 'none' });
    const deltas = toolDeltas(capture);
    expect(deltas).toHaveLength(1);
    expect(JSON.parse(deltas[0]?.function?.arguments ?? '')).toEqual({ message: 'hi' });
    expect(capture.raw).not.toContain('event:');
    expect(capture.raw).not.toContain('Mock tool executed');
  });

  it('aura: chunks as in none, and the result really travels in aura.tool_complete (even with custom events off)', async () => {
    oneTool('mock_tool', { message: 'hi' });
    const capture = await stream({ toolResultMode: 'aura', customEvents: false });
    expect(toolDeltas(capture)).toHaveLength(1);
    const events = auraEventsOf(capture);
    expect(events.map((event) => event.event)).toEqual(['aura.tool_complete']);
    expect(events[0]?.data).toMatchObject({
      tool_name: 'mock_tool',
      success: true,
      result: 'Mock tool executed successfully: hi',
      agent_id: 'main',
      session_id: 'cs-test',
    });
  });

  it('two chained tools get indices 0 and 1, each twice in open-web-ui mode; text after them starts with \\n\\n (cases 19, 20)', async () => {
    mock.setRules(
      {
        match: { when: (view) => view.messages.filter((m) => m.role === 'tool').length === 0 },
        reply: turn(toolCall('echo', { message: 'one' })),
      },
      {
        match: { when: (view) => view.messages.filter((m) => m.role === 'tool').length === 1 },
        reply: turn(toolCall('mock_tool', { message: 'two' })),
      },
      { reply: turn(text('Both done.')) },
    );
    const capture = await stream({ toolResultMode: 'open-web-ui' });
    const deltas = toolDeltas(capture);
    expect(deltas.map((delta) => delta.index)).toEqual([0, 0, 1, 1]);
    expect(deltas.map((delta) => delta.function?.name).filter((name) => name !== '')).toEqual(['echo', 'mock_tool']);
    expect(contentOf(capture)).toBe('\n\nBoth done.');
  });
});

describe('aura.* events (server-spec §9)', () => {
  it('session_info first, then mcp_status; every payload carries the session id (case 14)', async () => {
    oneTool('echo', { message: 'x' });
    const capture = await stream({ customEvents: true });
    const events = auraEventsOf(capture);
    expect(events[0]?.event).toBe('aura.session_info');
    expect(events[0]?.data.model).toBe(chunksOf(capture)[0]?.model);
    expect(events[1]?.event).toBe('aura.mcp_status');
    expect(events[1]?.data.servers).toEqual([
      {
        server_name: 'mock_test_server',
        transport: 'http_streamable',
        status: 'connected',
        tools_count: expect.any(Number),
      },
    ]);
    const servers = (events[1]?.data.servers ?? []) as { tools_count: number }[];
    expect(servers[0]?.tools_count ?? 0).toBeGreaterThan(0);
    expect(events.every((event) => event.data.session_id === 'cs-test')).toBe(true);
    const names = events.map((event) => event.event);
    expect(names.slice(-2)).toEqual(['aura.tool_usage', 'aura.usage']);
    const usageIndex = capture.raw.indexOf('event: aura.usage');
    expect(usageIndex).toBeLessThan(capture.raw.indexOf('"finish_reason"'));
  });

  it('per tool: tool_requested → tool_start → tool_complete with the documented fields (case 21)', async () => {
    oneTool('echo', { message: 'hello' });
    const capture = await stream({ customEvents: true });
    const events = auraEventsOf(capture).filter((event) => event.event.startsWith('aura.tool_'));
    expect(events.map((event) => event.event)).toEqual([
      'aura.tool_requested',
      'aura.tool_start',
      'aura.tool_complete',
      'aura.tool_usage',
    ]);
    const [requested, start, complete] = events;
    const id = requested?.data.tool_id;
    expect(requested?.data).toMatchObject({ tool_name: 'echo', arguments: { message: 'hello' }, agent_id: 'main' });
    expect(start?.data).toMatchObject({ tool_id: id, tool_name: 'echo', progress_token: expect.anything() });
    expect(complete?.data).toMatchObject({ tool_id: id, success: true, result: 'hello', agent_id: 'main' });
    expect(complete?.data.duration_ms).toBeGreaterThanOrEqual(0);
  });

  it('TOOL_RESULT_MAX_LENGTH truncates results at a UTF-8 boundary with "... [truncated]" (case 22)', async () => {
    oneTool('echo', { message: 'a'.repeat(50) });
    const ascii = await stream({ customEvents: true, toolResultMaxLength: 10 });
    const complete = auraEventsOf(ascii).find((event) => event.event === 'aura.tool_complete');
    expect(complete?.data.result).toBe('aaaaaaaaaa... [truncated]');
    await harness.cleanup();
    mock = await harness.startMock();
    mcp = await harness.startMcp();
    oneTool('echo', { message: `${'a'.repeat(9)}€${'b'.repeat(20)}` });
    const straddling = await stream({ customEvents: true, toolResultMaxLength: 10 });
    const cut = auraEventsOf(straddling).find((event) => event.event === 'aura.tool_complete');
    expect(cut?.data.result).toBe('aaaaaaaaa... [truncated]');
  });

  it('MCP progress becomes aura.progress with the tool_start progress token and rising percent (case 23)', async () => {
    oneTool('sleep', { ms: 60, steps: 3 });
    const capture = await stream({ customEvents: true });
    const events = auraEventsOf(capture);
    const start = events.find((event) => event.event === 'aura.tool_start');
    const progress = events.filter((event) => event.event === 'aura.progress');
    expect(progress.length).toBeGreaterThanOrEqual(2);
    for (const event of progress) {
      expect(event.data).toMatchObject({ phase: 'mcp_progress', progress_token: start?.data.progress_token });
    }
    const percents = progress.map((event) => Number(event.data.percent));
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(percents.at(-1)).toBe(100);
  });

  it('a failing tool reports success false with an error and no result (case 24)', async () => {
    oneTool('fail', { message: 'Connection refused' });
    const capture = await stream({ customEvents: true });
    const complete = auraEventsOf(capture).find((event) => event.event === 'aura.tool_complete');
    expect(complete?.data).toMatchObject({ success: false, error: 'ToolError: Connection refused' });
    expect(complete?.data).not.toHaveProperty('result');
  });

  it('aura.reasoning needs both AURA_CUSTOM_EVENTS and AURA_EMIT_REASONING', async () => {
    // Anthropic's wire carries thinking blocks (OpenAI chat completions has no reasoning channel).
    const anthropic = { provider: 'anthropic', api_key: 'sk-ant-test', model: 'claude-sonnet-4-5' } as const;
    mock.setRules({ reply: turn(reasoning('Let me think.'), text('42')) });
    const withReasoning = await stream({ customEvents: true, emitReasoning: true }, {}, anthropic);
    const reasoningEvents = auraEventsOf(withReasoning).filter((event) => event.event === 'aura.reasoning');
    expect(reasoningEvents.map((event) => event.data.content).join('')).toBe('Let me think.');
    await harness.cleanup();
    mock = await harness.startMock();
    mcp = await harness.startMcp();
    mock.setRules({ reply: turn(reasoning('Let me think.'), text('42')) });
    const without = await stream({ customEvents: true, emitReasoning: false }, {}, anthropic);
    expect(contentOf(without)).toBe('42');
    expect(auraEventsOf(without).some((event) => event.event === 'aura.reasoning')).toBe(false);
  });
});

describe('errors in the stream (server-spec §8.8)', () => {
  it('a provider error mid-stream becomes in-band text, then stop and [DONE] (case 25)', async () => {
    mock.enqueue(turn(text('partial answer'), streamError('upstream exploded', { afterChunks: 1 })));
    const capture = await stream({});
    expect(contentOf(capture)).toContain(
      'The upstream model provider (openai/gpt-4o) returned an error and the request could not be completed.',
    );
    expect(chunksOf(capture).at(-1)?.choices[0]?.finish_reason).toBe('stop');
    expect(capture.raw.endsWith('data: [DONE]\n\n')).toBe(true);
    await harness.cleanup();
    mock = await harness.startMock();
    mcp = await harness.startMcp();
    mock.enqueue(turn(streamError('upstream exploded')));
    const debug = await stream({ debugProviderErrors: true });
    expect(contentOf(debug)).toContain('upstream exploded');
  });

  it('a context overflow becomes the guidance text (case 26)', async () => {
    mock.enqueue(
      turn(
        httpError(400, { message: "This model's maximum context length is 128000 tokens (context_length_exceeded)" }),
      ),
    );
    const capture = await stream({});
    expect(contentOf(capture)).toContain('My tools returned more data than I can work with at once.');
    expect(chunksOf(capture).at(-1)?.choices[0]?.finish_reason).toBe('stop');
  });
});
