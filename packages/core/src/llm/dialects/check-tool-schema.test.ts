import { describe, expect, it } from 'vitest';
import type { JsonSchema } from '../../tools/tool.js';
import { checkToolSchema, checkToolSchemas, schemaDialectFor, toProviderSchema } from './check-tool-schema.js';

const recursive: JsonSchema = {
  type: 'object',
  properties: { tree: { $ref: '#/$defs/Node' } },
  $defs: { Node: { type: 'object', properties: { children: { type: 'array', items: { $ref: '#/$defs/Node' } } } } },
};

describe('schemaDialectFor', () => {
  it('maps every provider to its dialect', () => {
    expect(schemaDialectFor('openai')).toBe('openai');
    expect(schemaDialectFor('ollama')).toBe('openai');
    expect(schemaDialectFor('openrouter')).toBe('openai');
    expect(schemaDialectFor('anthropic')).toBe('anthropic');
    expect(schemaDialectFor('bedrock')).toBe('anthropic');
    expect(schemaDialectFor('gemini')).toBe('gemini');
  });
});

describe('checkToolSchema', () => {
  it('passes a clean schema with no issues for every provider', () => {
    const tool = {
      name: 'search',
      inputSchema: { type: 'object', properties: { q: { type: 'string' } }, required: ['q'] },
    };
    for (const provider of ['openai', 'anthropic', 'bedrock', 'gemini', 'ollama', 'openrouter'] as const) {
      const check = checkToolSchema(tool, provider);
      expect(check).toMatchObject({ toolName: 'search', provider, ok: true, issues: [] });
    }
  });

  it('reports a schema that cannot be repaired, by tool name', () => {
    const checks = checkToolSchemas(
      [
        { name: 'good', inputSchema: { type: 'object' } },
        { name: 'bad_root', inputSchema: { type: 'string' } },
        { name: 'bad_type', inputSchema: { type: 'object', properties: { a: { type: 'text' } } } },
        { name: 'dangling', inputSchema: { type: 'object', properties: { a: { $ref: '#/$defs/Missing' } } } },
      ],
      'openai',
    );
    expect(checks.map((check) => [check.toolName, check.ok])).toEqual([
      ['good', true],
      ['bad_root', false],
      ['bad_type', false],
      ['dangling', false],
    ]);
    expect(checks[2]?.issues).toContainEqual({
      severity: 'error',
      path: '#/properties/a',
      message: 'invalid type "text"',
    });
    expect(checks[3]?.issues).toContainEqual({
      severity: 'error',
      path: '#/properties/a',
      message: "$ref '#/$defs/Missing' does not resolve within the schema",
    });
  });

  it('reports the non-object root once', () => {
    const check = checkToolSchema({ name: 'x', inputSchema: { type: 'string' } }, 'anthropic');
    expect(check.issues.filter((issue) => issue.severity === 'error')).toHaveLength(1);
  });

  it('repairs top-level combinators with a warning and stays ok', () => {
    const check = checkToolSchema(
      {
        name: 'update',
        inputSchema: {
          type: 'object',
          properties: { a: {}, b: {} },
          anyOf: [{ required: ['a'] }, { required: ['b'] }],
        },
      },
      'anthropic',
    );
    expect(check.ok).toBe(true);
    expect(check.schema.anyOf).toBeUndefined();
    expect(check.issues).toEqual([
      expect.objectContaining({ severity: 'warning', message: expect.stringContaining('top-level anyOf flattened') }),
    ]);
  });

  it('keeps recursive refs for OpenAI/Anthropic but inlines them for Gemini, leaving no $ref', () => {
    expect(checkToolSchema({ name: 'tree', inputSchema: recursive }, 'openai')).toMatchObject({ ok: true, issues: [] });
    const gemini = checkToolSchema({ name: 'tree', inputSchema: recursive }, 'gemini');
    expect(gemini.ok).toBe(true);
    expect(JSON.stringify(gemini.schema)).not.toContain('$ref');
    expect(gemini.issues.every((issue) => issue.severity === 'warning')).toBe(true);
  });

  it('forwards every issue to onIssue as well', () => {
    const seen: string[] = [];
    checkToolSchema({ name: 't', inputSchema: recursive }, 'gemini', { onIssue: (issue) => seen.push(issue.message) });
    expect(seen.length).toBeGreaterThan(0);
  });

  it('toProviderSchema honours maxRefDepth for Gemini', () => {
    const shallow = JSON.stringify(toProviderSchema(recursive, 'gemini', { maxRefDepth: 1 }));
    const deep = JSON.stringify(toProviderSchema(recursive, 'gemini', { maxRefDepth: 4 }));
    expect(deep.length).toBeGreaterThan(shallow.length);
  });
});
