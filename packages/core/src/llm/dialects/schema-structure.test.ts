import { describe, expect, it } from 'vitest';
import type { JsonSchema } from '../../tools/tool.js';
import { validateSchemaStructure } from './schema-structure.js';

const messages = (schema: JsonSchema, dialect: 'openai' | 'anthropic' | 'gemini'): string[] =>
  validateSchemaStructure(schema, dialect).map((issue) => `${issue.path}: ${issue.message}`);

describe('validateSchemaStructure', () => {
  it('accepts a well-formed schema', () => {
    const schema = {
      type: 'object',
      properties: { a: { type: ['string', 'null'] }, b: { anyOf: [{ type: 'integer' }, { type: 'null' }] } },
      required: ['a', 'b'],
      additionalProperties: false,
    };
    expect(messages(schema, 'openai')).toEqual([]);
    expect(messages(schema, 'gemini')).toEqual([]);
  });

  it('checks the root', () => {
    expect(messages({ properties: {} }, 'openai')).toEqual(['#: the root must have type "object", got undefined']);
    expect(messages({ type: 'object', oneOf: [{}] }, 'anthropic')).toContain(
      '#: oneOf is not allowed at the top level',
    );
  });

  it('reports malformed keywords with their path', () => {
    const schema = {
      type: 'object',
      properties: {
        a: { type: 'strng' },
        b: { type: 'object', properties: [] },
        c: { anyOf: [] },
        d: { enum: [] },
        e: { type: ['string', 'string'] },
        f: 42,
      },
      required: 'a',
    };
    expect(messages(schema, 'openai')).toEqual([
      '#: required must be an array of strings',
      '#/properties/a: invalid type "strng"',
      '#/properties/b: properties must be an object',
      '#/properties/c: anyOf must be a non-empty array of schemas',
      '#/properties/d: enum must be a non-empty array',
      '#/properties/e: duplicate names in type ["string","string"]',
      '#/properties/f: a schema must be an object or a boolean',
    ]);
  });

  it('checks local refs for OpenAI/Anthropic, including inside $defs', () => {
    const schema = { type: 'object', properties: { a: { $ref: '#/$defs/A' } }, $defs: { A: { $ref: '#/$defs/B' } } };
    expect(messages(schema, 'anthropic')).toEqual(["#/$defs/A: $ref '#/$defs/B' does not resolve within the schema"]);
  });

  it('applies the Gemini rules', () => {
    const schema = {
      type: 'object',
      properties: {
        r: { $ref: '#/$defs/A' },
        o: { oneOf: [{ type: 'string' }] },
        t: { type: ['string', 'integer'] },
        n: {},
        p: { type: 'string', properties: {} },
        i: { type: 'string', items: { type: 'string' } },
        l: { type: 'array' },
        f: { type: 'string', format: 'email' },
        e: { type: 'string', enum: [1, 'a'] },
        b: true,
        q: { type: 'object', properties: { x: { type: 'string' } }, required: ['y'] },
        tuple: { type: 'array', items: [{ type: 'string' }] },
      },
    };
    expect(messages(schema, 'gemini')).toEqual([
      "#/properties/r: unresolved $ref '#/$defs/A' (Gemini needs references inlined)",
      '#/properties/o: oneOf is not supported by Gemini',
      '#/properties/t: Gemini allows one type per schema, got ["string","integer"]',
      '#/properties/n: Gemini requires a type on every schema',
      '#/properties/p: properties only allowed for OBJECT type, got "string"',
      '#/properties/i: items only allowed for ARRAY type, got "string"',
      '#/properties/l: arrays need items',
      '#/properties/f: format "email" not supported for type "string"',
      '#/properties/e: enum values Gemini cannot express',
      '#/properties/b: boolean schemas are not supported',
      "#/properties/q: required names undeclared property 'y'",
      '#/properties/tuple: items must be a single schema',
    ]);
  });

  it('guards against absurd nesting', () => {
    let node: Record<string, unknown> = { type: 'string' };
    for (let depth = 0; depth < 200; depth += 1) node = { type: 'array', items: node };
    const issues = validateSchemaStructure({ type: 'object', properties: { deep: node } }, 'openai');
    expect(issues.some((issue) => issue.message.includes('nested deeper'))).toBe(true);
  });
});
