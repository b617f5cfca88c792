import { describe, expect, it } from 'vitest';
import { createClientTools } from './client-tools.js';
import { CLIENT_TOOL_PENDING_MARKER } from './tool-call-result.js';

describe('createClientTools', () => {
  const definitions = [
    { name: 'get_location', description: 'Where the user is', parameters: { type: 'object', properties: {} } },
    { name: 'open_url' },
    { name: 'delete_everything' },
  ];

  it('registers every definition verbatim when there is no filter or an empty one', () => {
    for (const filter of [undefined, []]) {
      const tools = createClientTools(definitions, filter);
      expect(tools.map((tool) => [tool.name, tool.originalName, tool.kind])).toEqual([
        ['get_location', 'get_location', 'client'],
        ['open_url', 'open_url', 'client'],
        ['delete_everything', 'delete_everything', 'client'],
      ]);
    }
  });

  it('applies client_tool_filter globs', () => {
    expect(createClientTools(definitions, ['get_*', 'open_ur?']).map((tool) => tool.name)).toEqual([
      'get_location',
      'open_url',
    ]);
  });

  it('defaults the description and parameters', () => {
    const [tool] = createClientTools([{ name: 'open_url' }], undefined);
    expect(tool?.description).toBe('');
    expect(tool?.inputSchema).toEqual({ type: 'object', properties: {} });
  });

  it('returns the pending marker if anything ever executes one', async () => {
    const [tool] = createClientTools([{ name: 'open_url' }], undefined);
    const output = await tool?.execute({}, { toolCallId: 'x', signal: new AbortController().signal });
    expect(output).toEqual({ text: CLIENT_TOOL_PENDING_MARKER, isError: false });
  });

  it('rejects empty and duplicate names', () => {
    expect(() => createClientTools([{ name: ' ' }], undefined)).toThrow(/empty name/);
    expect(() => createClientTools([{ name: 'a' }, { name: 'a' }], undefined)).toThrow(
      expect.objectContaining({ code: 'REQUEST_INVALID', message: "client tool 'a' is defined more than once" }),
    );
  });
});
