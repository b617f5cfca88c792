import { describe, expect, it } from 'vitest';
import { agentContextData, auraEvent, correlationData, encodeAuraEvent, mcpServerStatusData } from './index.js';

const main = { agent_id: 'main', session_id: 'cs_1' } as const;

describe('aura.* event constructors', () => {
  it('reproduce the example frames of server-spec §9.4 byte for byte', () => {
    // Inputs deliberately list keys in a different order from the wire.
    expect(
      encodeAuraEvent(
        auraEvent.toolRequested({
          session_id: 'cs_1',
          agent_id: 'main',
          arguments: { path: '/tmp' },
          tool_name: 'list_files',
          tool_id: 'call_abc',
        }),
      ),
    ).toBe(
      'event: aura.tool_requested\n' +
        'data: {"tool_id":"call_abc","tool_name":"list_files","arguments":{"path":"/tmp"},"agent_id":"main","session_id":"cs_1"}\n\n',
    );
    expect(
      encodeAuraEvent(
        auraEvent.toolComplete({
          ...main,
          result: 'a.txt\nb.txt',
          success: true,
          duration_ms: 1234,
          tool_name: 'list_files',
          tool_id: 'call_abc',
          error: undefined,
        }),
      ),
    ).toBe(
      'event: aura.tool_complete\n' +
        'data: {"tool_id":"call_abc","tool_name":"list_files","duration_ms":1234,"success":true,"result":"a.txt\\nb.txt","agent_id":"main","session_id":"cs_1"}\n\n',
    );
    expect(
      encodeAuraEvent(
        auraEvent.progress({
          progress_token: 42,
          percent: 60,
          ...main,
          phase: 'mcp_progress',
          message: 'Processing step 3 of 5',
        }),
      ),
    ).toBe(
      'event: aura.progress\n' +
        'data: {"message":"Processing step 3 of 5","phase":"mcp_progress","percent":60,"progress_token":42,"agent_id":"main","session_id":"cs_1"}\n\n',
    );
  });

  it('keep the §9.2 order with every optional field present', () => {
    const context = {
      trace_id: 'abc123',
      session_id: 's',
      parent_agent_id: 'coordinator',
      agent_name: 'Stats',
      agent_id: 'stats',
    } as const;
    const ctx =
      '"agent_id":"stats","agent_name":"Stats","parent_agent_id":"coordinator","session_id":"s","trace_id":"abc123"';
    expect(
      JSON.stringify(
        auraEvent.sessionInfo({ trace_id: 't', session_id: 's', model_context_limit: 128000, model: 'openai/gpt-4o' })
          .data,
      ),
    ).toBe('{"model":"openai/gpt-4o","model_context_limit":128000,"session_id":"s","trace_id":"t"}');
    expect(
      JSON.stringify(auraEvent.toolStart({ ...context, progress_token: 'tok-1', tool_name: 'x', tool_id: 'c1' }).data),
    ).toBe(`{"tool_id":"c1","tool_name":"x","progress_token":"tok-1",${ctx}}`);
    expect(
      JSON.stringify(
        auraEvent.toolComplete({
          ...context,
          error: 'ToolError: Connection refused',
          success: false,
          duration_ms: 0,
          tool_name: 'x',
          tool_id: 'c1',
        }).data,
      ),
    ).toBe(
      `{"tool_id":"c1","tool_name":"x","duration_ms":0,"success":false,"error":"ToolError: Connection refused",${ctx}}`,
    );
    expect(JSON.stringify(auraEvent.reasoning({ ...context, content: 'hmm' }).data)).toBe(`{"content":"hmm",${ctx}}`);
    expect(
      JSON.stringify(
        auraEvent.toolUsage({
          trace_id: 't',
          session_id: 's',
          total_tokens: 3,
          completion_tokens: 2,
          prompt_tokens: 1,
          tool_ids: ['a', 'b'],
        }).data,
      ),
    ).toBe(
      '{"tool_ids":["a","b"],"prompt_tokens":1,"completion_tokens":2,"total_tokens":3,"session_id":"s","trace_id":"t"}',
    );
    expect(
      JSON.stringify(
        auraEvent.usage({ session_id: 's', total_tokens: 3, completion_tokens: 2, prompt_tokens: 1 }).data,
      ),
    ).toBe('{"prompt_tokens":1,"completion_tokens":2,"total_tokens":3,"session_id":"s"}');
    expect(
      JSON.stringify(
        auraEvent.scratchpadUsage({ session_id: 's', agent_id: 'main', tokens_extracted: 20, tokens_intercepted: 900 })
          .data,
      ),
    ).toBe('{"tokens_intercepted":900,"tokens_extracted":20,"agent_id":"main","session_id":"s"}');
    expect(JSON.stringify(auraEvent.workerPhase({ ...context, task_id: 2, phase: 'executing' }).data)).toBe(
      `{"phase":"executing","task_id":2,${ctx}}`,
    );
  });

  it('order aura.mcp_status and each server entry, omitting reason unless failed', () => {
    const servers = [
      mcpServerStatusData({ toolsCount: 3, status: 'connected', transport: 'http_streamable', serverName: 'mock' }),
      mcpServerStatusData({
        reason: 'connection refused',
        toolsCount: 0,
        status: 'failed',
        transport: 'stdio',
        serverName: 'local',
      }),
    ];
    const event = auraEvent.mcpStatus({ session_id: 'cs_1', servers });
    expect(event.event).toBe('aura.mcp_status');
    expect(JSON.stringify(event.data)).toBe(
      '{"servers":[{"server_name":"mock","transport":"http_streamable","status":"connected","tools_count":3},' +
        '{"server_name":"local","transport":"stdio","status":"failed","tools_count":0,"reason":"connection refused"}],' +
        '"session_id":"cs_1"}',
    );
    const shuffled = auraEvent.mcpStatus({
      session_id: 's',
      servers: [{ tools_count: 1, status: 'connected', transport: 'sse', server_name: 'x' }],
    });
    expect(JSON.stringify(shuffled.data)).toBe(
      '{"servers":[{"server_name":"x","transport":"sse","status":"connected","tools_count":1}],"session_id":"s"}',
    );
  });

  it('omit optional fields given as undefined and never write null', () => {
    const data = auraEvent.toolStart({
      tool_id: 'c',
      tool_name: 't',
      progress_token: undefined,
      agent_id: 'main',
      agent_name: undefined,
      parent_agent_id: undefined,
      session_id: 's',
      trace_id: undefined,
    }).data;
    expect(Object.keys(data)).toEqual(['tool_id', 'tool_name', 'agent_id', 'session_id']);
    expect(JSON.stringify(data)).not.toContain('null');
  });

  it('do not copy keys that are not part of the payload', () => {
    const input = { content: 'x', agent_id: 'main', session_id: 's', stray: true };
    expect(Object.keys(auraEvent.reasoning(input).data)).toEqual(['content', 'agent_id', 'session_id']);
  });

  it('build the flattened context from a runtime AgentRef and correlation ids', () => {
    expect(agentContextData({ agentId: 'main' })).toEqual({ agent_id: 'main' });
    expect(
      JSON.stringify(agentContextData({ taskId: 3, parentAgentId: 'coordinator', agentName: 'Math', agentId: 'math' })),
    ).toBe('{"agent_id":"math","agent_name":"Math","parent_agent_id":"coordinator"}');
    expect(correlationData({ sessionId: 's' })).toEqual({ session_id: 's' });
    expect(Object.keys(correlationData({ sessionId: 's', traceId: undefined }))).toEqual(['session_id']);
    expect(JSON.stringify(correlationData({ traceId: 't', sessionId: 's' }))).toBe('{"session_id":"s","trace_id":"t"}');
    const data = auraEvent.reasoning({
      content: 'c',
      ...agentContextData({ agentId: 'stats', parentAgentId: 'coordinator' }),
      ...correlationData({ sessionId: 's', traceId: 't' }),
    }).data;
    expect(JSON.stringify(data)).toBe(
      '{"content":"c","agent_id":"stats","parent_agent_id":"coordinator","session_id":"s","trace_id":"t"}',
    );
  });
});
