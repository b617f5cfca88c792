import { describe, expect, it } from 'vitest';
import { createInspectToolParamsTool } from './inspect-tool-params.js';
import { createListToolsTool } from './list-tools.js';

const context = () => ({ toolCallId: 'call-1', signal: new AbortController().signal });

const tools = [
  {
    name: 'mezmo_list_pipelines',
    inputSchema: { type: 'object', properties: { limit: { type: 'integer', description: 'Max' } }, required: [] },
  },
  {
    name: 'mezmo_get_topology',
    inputSchema: { type: 'object', required: ['pipeline_id'], properties: { pipeline_id: { type: 'string' } } },
  },
  { name: 'mezmo_export', inputSchema: { type: 'object' } },
  { name: 'mezmo_import', inputSchema: { type: 'object' } },
  { name: 'QueryKnowledgeBases', inputSchema: { type: 'object' } },
];

describe('list_tools (orchestration-spec §2.8)', () => {
  it('returns the count and the names joined by newlines', async () => {
    const tool = createListToolsTool(['a', 'b', 'c']);
    expect(tool.name).toBe('list_tools');
    expect(tool.kind).toBe('orchestration');
    expect(await tool.execute({}, context())).toEqual({ text: '{"count":3,"tools":"a\\nb\\nc"}', isError: false });
    expect((await createListToolsTool([]).execute({}, context())).text).toBe('{"count":0,"tools":""}');
  });
});

describe('inspect_tool_params (orchestration-spec §2.8)', () => {
  const inspect = createInspectToolParamsTool(tools);
  const call = async (tool_name: unknown) =>
    JSON.parse((await inspect.execute({ tool_name }, context())).text) as Record<string, unknown>;

  it('returns the schema as pretty JSON with sorted keys', async () => {
    const output = await call('mezmo_get_topology');
    expect(Object.keys(output)).toEqual(['found', 'tool_name', 'schema']);
    expect(output).toEqual({
      found: true,
      tool_name: 'mezmo_get_topology',
      schema:
        '{\n  "properties": {\n    "pipeline_id": {\n      "type": "string"\n    }\n  },\n  "required": [\n    "pipeline_id"\n  ],\n  "type": "object"\n}',
    });
  });

  it('suggests up to three names related either way, case-insensitively', async () => {
    expect(await call('MEZMO')).toEqual({
      found: false,
      tool_name: 'MEZMO',
      schema: 'Tool not found. Did you mean: mezmo_list_pipelines, mezmo_get_topology, mezmo_export?',
    });
    expect((await call('querykNOWledgebases_v2')).schema).toBe('Tool not found. Did you mean: QueryKnowledgeBases?');
  });

  it('lists every tool when nothing is similar, or says there are none', async () => {
    expect((await call('zzz')).schema).toBe(
      'Tool not found. Available tools: mezmo_list_pipelines, mezmo_get_topology, mezmo_export, mezmo_import, QueryKnowledgeBases',
    );
    const empty = createInspectToolParamsTool([]);
    const output = JSON.parse((await empty.execute({ tool_name: 'x' }, context())).text) as Record<string, unknown>;
    expect(output).toEqual({ found: false, tool_name: 'x', schema: 'Tool not found. No tools are available.' });
  });

  it('reports a missing tool_name as an argument error', async () => {
    const output = await inspect.execute({}, context());
    expect(output.isError).toBe(true);
    expect(output.text).toMatch(/^JsonError: .*tool_name/);
  });
});
