import { parse } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { lookupKeyPosition, scanKeyPositions } from './toml-positions.js';

/** Positions as `path → "line:column"` for compact assertions. */
function scan(text: string): Record<string, string> {
  // Every fixture here must be valid TOML: the scanner's contract starts after a successful parse.
  parse(text);
  return Object.fromEntries([...scanKeyPositions(text)].map(([path, at]) => [path, `${at.line}:${at.column}`]));
}

describe('scanKeyPositions', () => {
  it('records top-level keys, table headers and the keys inside tables', () => {
    const positions = scan(['memory_dir = "/tmp"', '', '[agent]', 'name = "A"', '  system_prompt = "S"'].join('\n'));
    expect(positions).toEqual({
      memory_dir: '1:1',
      agent: '3:2',
      'agent.name': '4:1',
      'agent.system_prompt': '5:3',
    });
  });

  it('records every segment of a dotted header, keeping the first definition of a prefix', () => {
    const positions = scan(['[agent]', 'name = "A"', '[agent.llm]', 'provider = "openai"'].join('\n'));
    expect(positions.agent).toBe('1:2');
    expect(positions['agent.llm']).toBe('3:8');
    expect(positions['agent.llm.provider']).toBe('4:1');
  });

  it('indexes arrays of tables and resolves sub-tables against the latest element', () => {
    const text = [
      '[[vector_stores]]',
      'name = "a"',
      '[vector_stores.embedding_model]',
      'provider = "openai"',
      '',
      '[[vector_stores]]',
      'name = "b"',
      '[vector_stores.embedding_model]',
      'api_key = ""',
    ].join('\n');
    const positions = scan(text);
    expect(positions['vector_stores[0]']).toBe('1:3');
    expect(positions['vector_stores[0].name']).toBe('2:1');
    expect(positions['vector_stores[0].embedding_model.provider']).toBe('4:1');
    expect(positions['vector_stores[1]']).toBe('6:3');
    expect(positions['vector_stores[1].name']).toBe('7:1');
    expect(positions['vector_stores[1].embedding_model.api_key']).toBe('9:1');
  });

  it('handles nested arrays of tables (a fresh count per parent element)', () => {
    const text = ['[[a]]', '[[a.b]]', 'x = 1', '[[a.b]]', 'x = 2', '[[a]]', '[[a.b]]', 'x = 3'].join('\n');
    const positions = scan(text);
    expect(positions['a[0].b[0].x']).toBe('3:1');
    expect(positions['a[0].b[1].x']).toBe('5:1');
    expect(positions['a[1].b[0].x']).toBe('8:1');
  });

  it('handles dotted keys, quoted keys and whitespace around dots', () => {
    const text = [
      '[mcp.servers."scratchpad-test".scratchpad]',
      '"sp_get_large_*" = { min_tokens = 50 }',
      "'literal.key' = 1",
      'a . b."c d" = 2',
      '"esc\\"aped" = 3',
    ].join('\n');
    const positions = scan(text);
    expect(positions['mcp.servers.scratchpad-test.scratchpad']).toBe('1:32');
    expect(positions['mcp.servers.scratchpad-test.scratchpad."sp_get_large_*"']).toBe('2:1');
    expect(positions['mcp.servers.scratchpad-test.scratchpad."sp_get_large_*".min_tokens']).toBe('2:22');
    expect(positions['mcp.servers.scratchpad-test.scratchpad."literal.key"']).toBe('3:1');
    expect(positions['mcp.servers.scratchpad-test.scratchpad.a.b."c d"']).toBe('4:7');
    expect(positions['mcp.servers.scratchpad-test.scratchpad."esc\\"aped"']).toBe('5:1');
  });

  it('records inline tables, arrays (per element) and multi-line arrays with comments', () => {
    const text = [
      'headers = { Authorization = "Bearer x", "X-Y" = "z" }',
      'mcp_filter = [',
      '  "a", # first',
      '  # a comment with = signs and [brackets]',
      '  "b",',
      ']',
      'tables = [{ k = 1 }, { k = 2 }]',
      'after = true',
    ].join('\n');
    const positions = scan(text);
    expect(positions['headers.Authorization']).toBe('1:13');
    expect(positions['headers.X-Y']).toBe('1:41');
    expect(positions['mcp_filter[0]']).toBe('3:3');
    expect(positions['mcp_filter[1]']).toBe('5:3');
    expect(positions['tables[1].k']).toBe('7:24');
    expect(positions.after).toBe('8:1');
  });

  it('never takes text inside strings, multi-line strings or comments for keys', () => {
    const text = [
      'system_prompt = """',
      'fake = "not a key"',
      '[not.a.table]',
      'quotes inside: "" and \\""" still inside',
      '"""',
      "literal = '''",
      '[also.not.a.table]',
      "'''",
      'basic = "a # not a comment [x] = y"',
      '# [commented.table]',
      'real = 1 # trailing comment',
      'edge = """ends with quotes"""""',
      'next = 2',
    ].join('\n');
    const positions = scan(text);
    expect(Object.keys(positions)).toEqual(['system_prompt', 'literal', 'basic', 'real', 'edge', 'next']);
    expect(positions.real).toBe('11:1');
    expect(positions.next).toBe('13:1');
  });

  it('copes with CRLF line endings and tabs', () => {
    const positions = scan('[agent]\r\n\tname = "A"\r\nturn_depth = 5\r\n');
    expect(positions['agent.name']).toBe('2:2');
    expect(positions['agent.turn_depth']).toBe('3:1');
  });

  it('lookupKeyPosition falls back to the nearest ancestor for a missing key', () => {
    const positions = scanKeyPositions('[agent]\nname = "A"\n\n[agent.llm]\nprovider = "openai"\n');
    expect(lookupKeyPosition(positions, ['agent', 'llm', 'api_key'])).toEqual({ line: 4, column: 8 });
    expect(lookupKeyPosition(positions, ['agent', 'system_prompt'])).toEqual({ line: 1, column: 2 });
    expect(lookupKeyPosition(positions, ['mcp', 'servers'])).toBeUndefined();
  });
});
