import { describe, expect, it } from 'vitest';
import type { JsonSchema } from '../../tools/tool.js';
import { toAnthropicSchema } from './anthropic-schema.js';
import { toOpenAiSchema } from './openai-schema.js';
import { normalizeRootObjectSchema } from './root-object-schema.js';
import type { SchemaIssue } from './schema-issue.js';

function run(schema: JsonSchema): { schema: JsonSchema; issues: SchemaIssue[] } {
  const issues: SchemaIssue[] = [];
  return { schema: normalizeRootObjectSchema(schema, (issue) => issues.push(issue)), issues };
}

describe('normalizeRootObjectSchema', () => {
  it('leaves a proper object schema alone (apart from missing properties)', () => {
    const schema = { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] };
    expect(run(schema)).toEqual({ schema, issues: [] });
    expect(run({ type: 'object' }).schema).toEqual({ type: 'object', properties: {} });
  });

  it('adds a missing root type silently', () => {
    expect(run({ properties: { a: {} } })).toEqual({ schema: { properties: { a: {} }, type: 'object' }, issues: [] });
  });

  it('flattens top-level anyOf of required-only branches (the common "at least one of" pattern)', () => {
    const { schema, issues } = run({
      type: 'object',
      properties: { title: { type: 'string' }, body: { type: 'string' }, id: { type: 'string' } },
      required: ['id'],
      anyOf: [{ required: ['title'] }, { required: ['body'] }],
    });
    expect(schema).toEqual({
      type: 'object',
      properties: { title: { type: 'string' }, body: { type: 'string' }, id: { type: 'string' } },
      required: ['id'],
    });
    expect(issues.map((issue) => issue.severity)).toEqual(['warning']);
  });

  it('merges oneOf branch properties and keeps only names every branch requires', () => {
    const { schema } = run({
      oneOf: [
        { type: 'object', properties: { mode: { const: 'a' }, a: { type: 'string' } }, required: ['mode', 'a'] },
        { type: 'object', properties: { mode: { const: 'b' }, b: { type: 'number' } }, required: ['mode', 'b'] },
      ],
    });
    expect(schema).toEqual({
      type: 'object',
      properties: { mode: { const: 'a' }, a: { type: 'string' }, b: { type: 'number' } },
      required: ['mode'],
    });
  });

  it('unions required for allOf and resolves branch $refs; root properties win', () => {
    const { schema } = run({
      type: 'object',
      properties: { id: { type: 'integer' } },
      allOf: [{ $ref: '#/$defs/Base' }, { properties: { extra: { type: 'boolean' } }, required: ['extra'] }],
      $defs: { Base: { properties: { id: { type: 'string' }, name: { type: 'string' } }, required: ['name'] } },
    });
    expect(schema.properties).toEqual({
      id: { type: 'integer' },
      name: { type: 'string' },
      extra: { type: 'boolean' },
    });
    expect(schema.required).toEqual(['name', 'extra']);
  });

  it('inlines a root $ref', () => {
    const { schema, issues } = run({
      $ref: '#/$defs/Input',
      $defs: { Input: { type: 'object', properties: { q: { type: 'string' } } } },
    });
    expect(schema).toEqual({
      type: 'object',
      properties: { q: { type: 'string' } },
      $defs: { Input: { type: 'object', properties: { q: { type: 'string' } } } },
    });
    expect(issues[0]?.message).toContain("root $ref '#/$defs/Input' inlined");
  });

  it('narrows a type array containing object, drops top-level not/enum', () => {
    const { schema, issues } = run({ type: ['object', 'null'], not: { required: ['x'] }, enum: [{}] });
    expect(schema).toEqual({ type: 'object', properties: {} });
    expect(issues).toHaveLength(3);
  });

  it('reports a non-object root as an error', () => {
    const { issues } = run({ type: 'string' });
    expect(issues).toEqual([
      { severity: 'error', path: '#', message: 'the root must have type "object", got "string"' },
    ]);
  });

  it('does not mutate the input', () => {
    const input = { anyOf: [{ properties: { a: {} } }] };
    const copy = structuredClone(input);
    run(input);
    expect(input).toEqual(copy);
  });
});

describe('toOpenAiSchema / toAnthropicSchema', () => {
  const schema = {
    type: 'object',
    properties: { node: { $ref: '#/$defs/Node' }, v: { oneOf: [{ type: 'string' }, { type: 'integer' }] } },
    $defs: { Node: { type: 'object', properties: { next: { $ref: '#/$defs/Node' } } } },
    anyOf: [{ required: ['node'] }, { required: ['v'] }],
  };

  it('only fix the root; nested $ref, $defs and combinators stay (both providers accept them)', () => {
    for (const convert of [toOpenAiSchema, toAnthropicSchema]) {
      const result = convert(schema);
      expect(result.anyOf).toBeUndefined();
      expect(result.properties).toEqual(schema.properties);
      expect(result.$defs).toEqual(schema.$defs);
    }
  });

  it('report through onIssue', () => {
    const issues: SchemaIssue[] = [];
    toAnthropicSchema(schema, { onIssue: (issue) => issues.push(issue) });
    expect(issues).toHaveLength(1);
  });
});
