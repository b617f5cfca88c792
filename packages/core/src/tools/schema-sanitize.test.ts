import { describe, expect, it } from 'vitest';
import { sanitizeToolSchema } from './schema-sanitize.js';
import type { JsonSchema } from './tool.js';

/** Sorts every `required` array so schemas compare with `required` as a set (core-spec §5.2). */
function requiredAsSets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(requiredAsSets);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    out[key] = key === 'required' && Array.isArray(child) ? [...child].sort() : requiredAsSets(child);
  }
  return out;
}

function sanitized(schema: JsonSchema): unknown {
  const result = sanitizeToolSchema(schema);
  if (!result.ok) throw new Error(`unexpected rejection: ${result.reason}`);
  return requiredAsSets(result.schema);
}

const parse = (text: string): JsonSchema => JSON.parse(text) as JsonSchema;

describe('sanitizeToolSchema — worked examples E1–E10 (case 28)', () => {
  it('E1 optional scalar', () => {
    const before = parse(
      '{"type":"object","properties":{"q":{"type":"string"},"limit":{"type":"integer","default":10,"title":"Limit"}},"required":["q"]}',
    );
    const after = parse(
      '{"type":"object","properties":{"q":{"type":"string"},"limit":{"anyOf":[{"type":"integer"}, {"type":"null"}],"default":10,"title":"Limit"}},"required":["q","limit"],"additionalProperties":false}',
    );
    expect(sanitized(before)).toEqual(requiredAsSets(after));
  });

  it('E2 optional union already containing null — only required changes', () => {
    const before = parse(
      '{"type":"object","properties":{"tag":{"anyOf":[{"type":"string"},{"type":"null"}],"description":"d"}}}',
    );
    const after = parse(
      '{"type":"object","properties":{"tag":{"anyOf":[{"type":"string"},{"type":"null"}],"description":"d"}},"required":["tag"],"additionalProperties":false}',
    );
    expect(sanitized(before)).toEqual(requiredAsSets(after));
  });

  it('E3 optional union without null — null appended in place', () => {
    const before = parse(
      '{"type":"object","properties":{"v":{"anyOf":[{"type":"string"},{"type":"integer"}],"title":"V"}},"required":[]}',
    );
    const after = parse(
      '{"type":"object","properties":{"v":{"anyOf":[{"type":"string"},{"type":"integer"},{"type":"null"}],"title":"V"}},"required":["v"],"additionalProperties":false}',
    );
    expect(sanitized(before)).toEqual(requiredAsSets(after));
  });

  it('E4 type array containing null is already nullable', () => {
    const before = parse('{"type":"object","properties":{"n":{"type":["integer","null"]}}}');
    const after = parse(
      '{"type":"object","properties":{"n":{"type":["integer","null"]}},"required":["n"],"additionalProperties":false}',
    );
    expect(sanitized(before)).toEqual(requiredAsSets(after));
  });

  it('E5 zero-argument tool', () => {
    const before = parse('{"type":"object","title":"Empty"}');
    const after = parse('{"type":"object","title":"Empty","properties":{},"additionalProperties":false}');
    expect(sanitized(before)).toEqual(after);
  });

  it('E6 bare boolean property not required', () => {
    const before = parse('{"type":"object","properties":{"cfg":true},"required":[]}');
    const after = parse(
      '{"type":"object","properties":{"cfg":{"anyOf":[{},{"type":"null"}]}},"required":["cfg"],"additionalProperties":false}',
    );
    expect(sanitized(before)).toEqual(after);
  });

  it('E7 nested array items', () => {
    const before = parse(
      '{"type":"object","properties":{"rows":{"type":"array","items":{"type":"object","properties":{"id":{"type":"string"},"note":{"type":"string"}},"required":["id"]}}},"required":["rows"]}',
    );
    const result = sanitized(before) as {
      properties: { rows: { items: unknown } };
      additionalProperties: unknown;
    };
    expect(result.properties.rows.items).toEqual(
      requiredAsSets(
        parse(
          '{"type":"object","properties":{"id":{"type":"string"},"note":{"anyOf":[{"type":"string"},{"type":"null"}]}},"required":["id","note"],"additionalProperties":false}',
        ),
      ),
    );
    expect(result.additionalProperties).toBe(false);
  });

  it('E8 open dict required becomes a closed empty object', () => {
    const before = parse(
      '{"type":"object","properties":{"labels":{"type":"object","additionalProperties":true}},"required":["labels"]}',
    );
    const after = parse(
      '{"type":"object","properties":{"labels":{"type":"object","additionalProperties":false,"properties":{}}},"required":["labels"],"additionalProperties":false}',
    );
    expect(sanitized(before)).toEqual(after);
  });

  it('E9 optional const:null alternative — duplicate null branch collapsed (Q13 deviation)', () => {
    const before = parse(
      '{"type":"object","properties":{"x":{"anyOf":[{"type":"string"},{"const":null,"nullable":true}]}}}',
    );
    const after = parse(
      '{"type":"object","properties":{"x":{"anyOf":[{"type":"string"},{"type":"null"}]}},"required":["x"],"additionalProperties":false}',
    );
    expect(sanitized(before)).toEqual(after);
  });

  it('E10 / case 29: non-object root is rejected with the reference reason', () => {
    const result = sanitizeToolSchema({ type: 'string' });
    expect(result).toEqual({
      ok: false,
      reason:
        "Invalid MCP tool schema: root must be type 'object', got 'string'. " +
        'This is an MCP server bug - the server is returning a type definition as a tool.',
    });
  });
});

describe('sanitizeToolSchema — behavioural cases 29–32 and rules', () => {
  it('case 30: a fully required object only gains additionalProperties:false', () => {
    const before = parse('{"type":"object","properties":{"a":{"type":"string"}},"required":["a"]}');
    expect(sanitized(before)).toEqual({ ...before, additionalProperties: false });
  });

  it('case 31: prefixItems booleans are normalised', () => {
    const before = parse(
      '{"type":"object","properties":{"p":{"type":"array","prefixItems":[true,false]}},"required":["p"]}',
    );
    const result = sanitized(before) as { properties: { p: { prefixItems: unknown } } };
    expect(result.properties.p.prefixItems).toEqual([{}, { not: {} }]);
  });

  it('case 32: object in oneOf gets its optional property nullable and required, but no additionalProperties', () => {
    const before = parse(
      '{"type":"object","properties":{"v":{"oneOf":[{"type":"object","properties":{"a":{"type":"string"}}},{"type":"string"}]}},"required":["v"]}',
    );
    const result = sanitized(before) as { properties: { v: { oneOf: [Record<string, unknown>, unknown] } } };
    const branch = result.properties.v.oneOf[0];
    expect(branch.required).toEqual(['a']);
    expect(branch.properties).toEqual({ a: { anyOf: [{ type: 'string' }, { type: 'null' }] } });
    expect(Object.hasOwn(branch, 'additionalProperties')).toBe(false);
  });

  it('passes roots whose type is missing or an array', () => {
    expect(sanitizeToolSchema({ properties: { a: { type: 'string' } } }).ok).toBe(true);
    expect(sanitizeToolSchema({ type: ['object', 'null'] }).ok).toBe(true);
  });

  it('rejects a non-object root value', () => {
    const result = sanitizeToolSchema([] as unknown as JsonSchema);
    expect(result.ok).toBe(false);
  });

  it('does not mutate its input', () => {
    const before = parse(
      '{"type":"object","properties":{"q":{"type":"string","description":"d"},"cfg":true,"x":{"const":null}}}',
    );
    const snapshot = JSON.stringify(before);
    sanitizeToolSchema(before);
    expect(JSON.stringify(before)).toBe(snapshot);
  });

  it('keeps required order and duplicates when nothing is missing', () => {
    const before = parse('{"type":"object","properties":{"a":{},"b":{}},"required":["b","a","b"]}');
    const result = sanitizeToolSchema(before);
    expect(result.ok && result.schema.required).toEqual(['b', 'a', 'b']);
  });

  it('orders required as existing (deduplicated) then missing in property order; ignores non-strings', () => {
    const before = parse(
      '{"type":"object","properties":{"a":{"type":"string"},"b":{"type":"string"},"c":{"type":"string"}},"required":["c",7,"c"]}',
    );
    const result = sanitizeToolSchema(before);
    expect(result.ok && result.schema.required).toEqual(['c', 'a', 'b']);
  });

  it('make-nullable keeps description, default and title at the top level and moves everything else', () => {
    const before = parse(
      '{"type":"object","properties":{"p":{"type":"string","format":"date","description":"when","default":"x","title":"P"}}}',
    );
    const result = sanitized(before) as { properties: { p: unknown } };
    expect(result.properties.p).toEqual({
      anyOf: [{ type: 'string', format: 'date' }, { type: 'null' }],
      description: 'when',
      default: 'x',
      title: 'P',
    });
  });

  it('does not count nullable:true, type:"null" or const:null as nullable (reference quirks)', () => {
    const before = parse(
      '{"type":"object","properties":{"a":{"type":"string","nullable":true},"b":{"type":"null"},"c":{"const":null}}}',
    );
    const result = sanitized(before) as { properties: Record<string, unknown> };
    expect(result.properties.a).toEqual({ anyOf: [{ type: 'string', nullable: true }, { type: 'null' }] });
    expect(result.properties.b).toEqual({ anyOf: [{ type: 'null' }] });
    expect(result.properties.c).toEqual({ anyOf: [{ type: 'null' }] });
  });

  it('an anyOf without null decides nullability even when type lists null', () => {
    const before = parse('{"type":"object","properties":{"a":{"type":["string","null"],"anyOf":[{"minLength":1}]}}}');
    const result = sanitized(before) as { properties: { a: { anyOf: unknown[] } } };
    expect(result.properties.a.anyOf).toEqual([{ minLength: 1 }, { type: 'null' }]);
  });

  it('keeps additionalProperties of objects reachable only via allOf / oneOf / $defs', () => {
    const before = parse(
      '{"type":"object","properties":{"a":{"allOf":[{"type":"object","additionalProperties":true}]}},"required":["a"],"$defs":{"D":{"type":"object","additionalProperties":true}}}',
    );
    const result = sanitized(before) as {
      properties: { a: { allOf: Array<Record<string, unknown>> } };
      $defs: { D: Record<string, unknown> };
    };
    expect(result.properties.a.allOf[0]?.additionalProperties).toBe(true);
    expect(result.$defs.D.additionalProperties).toBe(true);
  });

  it('normalises bare booleans under $defs, patternProperties, anyOf and items but not additionalProperties', () => {
    const before = parse(
      '{"type":"object","properties":{"a":{"type":"array","items":false}},"required":["a"],"$defs":{"X":true},"patternProperties":{"^x":false},"additionalProperties":true,"anyOf":[true]}',
    );
    const result = sanitizeToolSchema(before);
    if (!result.ok) throw new Error(result.reason);
    const schema = result.schema as Record<string, Record<string, unknown>>;
    expect(schema.$defs).toEqual({ X: {} });
    expect(schema.patternProperties).toEqual({ '^x': { not: {} } });
    expect(schema.anyOf).toEqual([{}]);
    expect((schema.properties as Record<string, Record<string, unknown>>).a?.items).toEqual({ not: {} });
    expect(schema.additionalProperties).toBe(false);
  });

  it('keeps a "__proto__" property as data', () => {
    const before = parse('{"type":"object","properties":{"__proto__":{"type":"string"}}}');
    const result = sanitizeToolSchema(before);
    if (!result.ok) throw new Error(result.reason);
    const properties = result.schema.properties as Record<string, unknown>;
    expect(Object.keys(properties)).toEqual(['__proto__']);
    expect(result.schema.required).toEqual(['__proto__']);
  });
});
