import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { describe, expect, it } from 'vitest';
import { sanitizeToolSchema } from '../../tools/schema-sanitize.js';
import type { JsonSchema } from '../../tools/tool.js';
import { toGeminiSchema } from './gemini-schema.js';
import type { SchemaIssue } from './schema-issue.js';

/** What `@ai-sdk/google` actually sends as `functionDeclarations[0]` for `schema` (captured from fetch). */
async function geminiWire(schema: JsonSchema): Promise<Record<string, unknown>> {
  let body: unknown;
  const google = createGoogleGenerativeAI({
    apiKey: 'test',
    fetch: async (_url, init) => {
      body = JSON.parse(String(init?.body));
      throw new Error('captured');
    },
  });
  try {
    await google('gemini-2.5-flash').doGenerate({
      prompt: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
      tools: [{ type: 'function', name: 't', description: 'd', inputSchema: schema as never }],
    });
  } catch {
    // The capturing fetch always fails after recording the request body.
  }
  const tools = (body as { tools: Array<{ functionDeclarations: Array<Record<string, unknown>> }> }).tools;
  const declaration = tools[0]?.functionDeclarations[0];
  if (declaration === undefined) throw new Error('no declaration captured');
  return declaration;
}

const GEMINI_FIELDS = new Set([
  'type',
  'format',
  'title',
  'description',
  'nullable',
  'enum',
  'maxItems',
  'minItems',
  'properties',
  'required',
  'minProperties',
  'maxProperties',
  'minLength',
  'maxLength',
  'pattern',
  'example',
  'anyOf',
  'propertyOrdering',
  'default',
  'items',
  'minimum',
  'maximum',
]);
const FORMATS: Record<string, string[]> = {
  string: ['enum', 'date-time'],
  number: ['float', 'double'],
  integer: ['int32', 'int64'],
};

/** The Gemini API's `Schema` rules (ai.google.dev/api/caching#Schema plus the 400s users hit), as problems. */
function geminiSchemaProblems(node: unknown, path = 'parameters'): string[] {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return [`${path}: not an object`];
  const schema = node as Record<string, unknown>;
  const problems = Object.keys(schema)
    .filter((key) => !GEMINI_FIELDS.has(key))
    .map((key) => `${path}.${key}: unknown field`);
  const type = schema.type;
  if (type === undefined && !Array.isArray(schema.anyOf)) problems.push(`${path}: no type`);
  if (type !== undefined && typeof type !== 'string') problems.push(`${path}.type: not repeating`);
  if (schema.properties !== undefined && type !== 'object') problems.push(`${path}.properties: only for OBJECT`);
  if (schema.items !== undefined && type !== 'array') problems.push(`${path}.items: only for ARRAY`);
  if (type === 'array' && schema.items === undefined) problems.push(`${path}.items: missing field`);
  if (Array.isArray(schema.enum) && !schema.enum.every((value) => typeof value === 'string'))
    problems.push(`${path}.enum: TYPE_STRING`);
  if (schema.format !== undefined && !(FORMATS[String(type)] ?? []).includes(String(schema.format)))
    problems.push(`${path}.format`);
  if (Array.isArray(schema.required)) {
    const declared = (schema.properties ?? {}) as Record<string, unknown>;
    for (const name of schema.required)
      if (!(String(name) in declared)) problems.push(`${path}.required: ${String(name)}`);
  }
  for (const [name, child] of Object.entries((schema.properties ?? {}) as Record<string, unknown>)) {
    problems.push(...geminiSchemaProblems(child, `${path}.properties[${name}]`));
  }
  if (schema.items !== undefined) problems.push(...geminiSchemaProblems(schema.items, `${path}.items`));
  if (Array.isArray(schema.anyOf))
    for (const [index, branch] of schema.anyOf.entries()) {
      problems.push(...geminiSchemaProblems(branch, `${path}.anyOf[${index}]`));
    }
  return problems;
}

async function wireProblems(schema: JsonSchema): Promise<string[]> {
  const declaration = await geminiWire(schema);
  if (declaration.parametersJsonSchema !== undefined) return ['fell back to parametersJsonSchema'];
  return declaration.parameters === undefined ? [] : geminiSchemaProblems(declaration.parameters);
}

/** Schemas real MCP servers publish that Gemini rejects (through @ai-sdk/google) unless converted. */
const NASTY: Record<string, JsonSchema> = {
  'string format uri': { type: 'object', properties: { url: { type: 'string', format: 'uri' } } },
  'boolean sub-schema': { type: 'object', properties: { cfg: true } },
  'typeless any': { type: 'object', properties: { value: {} } },
  'oneOf union': { type: 'object', properties: { v: { oneOf: [{ type: 'string' }, { type: 'integer' }] } } },
  'allOf composition': {
    type: 'object',
    properties: { p: { allOf: [{ type: 'object', properties: { a: { type: 'string' } } }, { required: ['a'] }] } },
  },
  'multi-type array with items': {
    type: 'object',
    properties: { v: { type: ['string', 'array'], items: { type: 'string' } } },
  },
  'array without items': { type: 'object', properties: { tags: { type: 'array' } } },
  'tuple items': {
    type: 'object',
    properties: { pair: { type: 'array', items: [{ type: 'string' }, { type: 'number' }] } },
  },
  'mixed enum': { type: 'object', properties: { level: { enum: ['low', 1, true] } } },
  'object const': { type: 'object', properties: { shape: { const: { a: 1 } } } },
  'required undeclared': { type: 'object', properties: { a: { type: 'string' } }, required: ['a', 'ghost'] },
  'properties on a string': {
    type: 'object',
    properties: { s: { type: 'string', properties: { x: { type: 'string' } } } },
  },
  'recursive $ref': {
    type: 'object',
    properties: { tree: { $ref: '#/$defs/Node' } },
    $defs: {
      Node: {
        type: 'object',
        properties: { label: { type: 'string' }, children: { type: 'array', items: { $ref: '#/$defs/Node' } } },
      },
    },
  },
  'nested $defs pointer': {
    type: 'object',
    properties: { a: { $ref: '#/$defs/Outer/properties/inner' } },
    $defs: { Outer: { type: 'object', properties: { inner: { type: 'integer' } } } },
  },
  'top-level anyOf': {
    type: 'object',
    properties: { a: { type: 'string' }, b: { type: 'string' } },
    anyOf: [{ required: ['a'] }, { required: ['b'] }],
  },
};

describe('toGeminiSchema — end to end through @ai-sdk/google', () => {
  it.each(Object.entries(NASTY))(
    '%s: raw schema is rejected or breaks the converter; converted one is valid',
    async (_label, schema) => {
      const raw = await wireProblems(schema).catch((error: unknown) => [`converter threw: ${String(error)}`]);
      expect(raw.length).toBeGreaterThan(0);
      expect(await wireProblems(toGeminiSchema(schema))).toEqual([]);
    },
  );

  it.each(Object.entries(NASTY))(
    '%s: also valid after sanitising first (the production order)',
    async (_label, schema) => {
      const sanitized = sanitizeToolSchema(schema);
      if (!sanitized.ok) throw new Error(sanitized.reason);
      expect(await wireProblems(toGeminiSchema(sanitized.schema))).toEqual([]);
    },
  );

  it('sanitised worked examples E1–E9 all reach Gemini as valid schemas', async () => {
    const examples = [
      '{"type":"object","properties":{"q":{"type":"string"},"limit":{"type":"integer","default":10,"title":"Limit"}},"required":["q"]}',
      '{"type":"object","properties":{"tag":{"anyOf":[{"type":"string"},{"type":"null"}],"description":"d"}}}',
      '{"type":"object","properties":{"v":{"anyOf":[{"type":"string"},{"type":"integer"}],"title":"V"}},"required":[]}',
      '{"type":"object","properties":{"n":{"type":["integer","null"]}}}',
      '{"type":"object","title":"Empty"}',
      '{"type":"object","properties":{"cfg":true},"required":[]}',
      '{"type":"object","properties":{"rows":{"type":"array","items":{"type":"object","properties":{"id":{"type":"string"},"note":{"type":"string"}},"required":["id"]}}},"required":["rows"]}',
      '{"type":"object","properties":{"labels":{"type":"object","additionalProperties":true}},"required":["labels"]}',
      '{"type":"object","properties":{"x":{"anyOf":[{"type":"string"},{"const":null,"nullable":true}]}}}',
    ];
    for (const text of examples) {
      const sanitized = sanitizeToolSchema(JSON.parse(text) as JsonSchema);
      if (!sanitized.ok) throw new Error(sanitized.reason);
      expect(await wireProblems(toGeminiSchema(sanitized.schema)), text).toEqual([]);
    }
  });
});

describe('toGeminiSchema — transformations', () => {
  function convert(schema: JsonSchema): { schema: Record<string, unknown>; issues: SchemaIssue[] } {
    const issues: SchemaIssue[] = [];
    return { schema: toGeminiSchema(schema, { onIssue: (issue) => issues.push(issue) }), issues };
  }
  const prop = (schema: Record<string, unknown>, name: string): unknown =>
    (schema.properties as Record<string, unknown>)[name];

  it('leaves what @ai-sdk/google handles itself: nullable type arrays, const, additionalProperties, title', () => {
    const input = {
      type: 'object',
      properties: { n: { type: ['integer', 'null'], title: 'N' }, k: { const: 'x' } },
      additionalProperties: false,
      required: ['n'],
    };
    const { schema, issues } = convert(input);
    expect(schema).toEqual(input);
    expect(issues).toEqual([]);
  });

  it('keeps description, enum and supported formats', () => {
    const input = {
      type: 'object',
      properties: {
        when: { type: 'string', format: 'date-time', description: 'd' },
        size: { type: 'integer', format: 'int64' },
        color: { type: 'string', enum: ['red', 'green'] },
      },
    };
    expect(convert(input).schema).toEqual(input);
  });

  it('moves unsupported formats and enums into the description', () => {
    const { schema, issues } = convert({
      type: 'object',
      properties: { url: { type: 'string', format: 'uri', description: 'Link' }, mode: { enum: ['a', 2] } },
    });
    expect(prop(schema, 'url')).toEqual({ type: 'string', description: 'Link (format: uri)' });
    expect(prop(schema, 'mode')).toEqual({ type: 'string', description: 'Allowed values: "a", 2' });
    expect(issues.every((issue) => issue.severity === 'warning')).toBe(true);
    expect(issues).toHaveLength(2);
  });

  it('turns oneOf into anyOf and merges allOf', () => {
    const { schema } = convert({
      type: 'object',
      properties: {
        v: { oneOf: [{ type: 'string' }, { type: 'integer' }] },
        p: {
          allOf: [
            { type: 'object', properties: { a: { type: 'string' } } },
            { properties: { b: { type: 'number' } }, required: ['b'] },
          ],
        },
      },
    });
    expect(prop(schema, 'v')).toEqual({ anyOf: [{ type: 'string' }, { type: 'integer' }] });
    expect(prop(schema, 'p')).toEqual({
      type: 'object',
      properties: { a: { type: 'string' }, b: { type: 'number' } },
      required: ['b'],
    });
  });

  it('splits multi-type arrays into anyOf branches with their own keywords', () => {
    const { schema } = convert({
      type: 'object',
      properties: {
        v: { type: ['string', 'array', 'null'], items: { type: 'integer' }, maxLength: 5, description: 'x' },
      },
    });
    expect(prop(schema, 'v')).toEqual({
      description: 'x',
      anyOf: [{ type: 'string', maxLength: 5 }, { type: 'array', items: { type: 'integer' } }, { type: 'null' }],
    });
  });

  it('gives typeless nodes a type and arrays items', () => {
    const { schema } = convert({
      type: 'object',
      properties: {
        any: {},
        obj: { properties: { a: { type: 'string' } } },
        list: { items: { type: 'string' } },
        bare: { type: 'array' },
      },
    });
    expect(prop(schema, 'any')).toEqual({ type: 'object' });
    expect(prop(schema, 'obj')).toEqual({ type: 'object', properties: { a: { type: 'string' } } });
    expect(prop(schema, 'list')).toEqual({ type: 'array', items: { type: 'string' } });
    expect(prop(schema, 'bare')).toEqual({ type: 'array', items: { type: 'string' } });
  });

  it('converts OpenAPI-style nullable:true into a type array the converter understands', () => {
    const { schema } = convert({ type: 'object', properties: { s: { type: 'string', nullable: true } } });
    expect(prop(schema, 's')).toEqual({ type: ['string', 'null'] });
  });

  it('inlines recursive refs with a cut and removes $defs', () => {
    const { schema, issues } = convert(NASTY['recursive $ref'] as JsonSchema);
    expect(schema.$defs).toBeUndefined();
    expect(JSON.stringify(schema)).not.toContain('$ref');
    expect(issues.some((issue) => issue.message.includes('cut after 3 levels'))).toBe(true);
  });

  it('honours maxRefDepth', () => {
    const issues: SchemaIssue[] = [];
    const schema = toGeminiSchema(NASTY['recursive $ref'] as JsonSchema, {
      maxRefDepth: 1,
      onIssue: (issue) => issues.push(issue),
    });
    const tree = prop(schema, 'tree') as { properties: { children: { items: unknown } } };
    expect(tree.properties.children.items).toEqual({ type: 'object' });
  });

  it('does not mutate the input', () => {
    const input = NASTY['allOf composition'] as JsonSchema;
    const copy = structuredClone(input);
    toGeminiSchema(input);
    expect(input).toEqual(copy);
  });
});

describe('toGeminiSchema — nested combinators', () => {
  it('merges nested allOf and turns nullable anyOf into a null branch', async () => {
    const schema: JsonSchema = {
      type: 'object',
      properties: {
        p: { allOf: [{ allOf: [{ type: 'object', properties: { a: { type: 'string' } } }] }, { required: ['a'] }] },
        q: { anyOf: [{ type: 'string' }, { type: 'integer' }], nullable: true },
      },
    };
    const converted = toGeminiSchema(schema);
    const properties = converted.properties as Record<string, unknown>;
    expect(properties.p).toEqual({ type: 'object', properties: { a: { type: 'string' } }, required: ['a'] });
    expect(properties.q).toEqual({ anyOf: [{ type: 'string' }, { type: 'integer' }, { type: 'null' }] });
    expect(await wireProblems(converted)).toEqual([]);
  });
});
