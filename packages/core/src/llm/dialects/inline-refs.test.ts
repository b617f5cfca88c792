import { describe, expect, it } from 'vitest';
import { inlineLocalRefs } from './inline-refs.js';
import type { SchemaIssue } from './schema-issue.js';

const permissive = (siblings: Record<string, unknown>) => ({ type: 'object', cut: true, ...siblings });

describe('inlineLocalRefs', () => {
  it('inlines $defs and definitions references, siblings win, and drops the definitions', () => {
    const result = inlineLocalRefs(
      {
        type: 'object',
        properties: {
          a: { $ref: '#/$defs/A', description: 'mine' },
          b: { $ref: '#/definitions/B' },
          c: { type: 'array', items: { $ref: '#/$defs/A' } },
        },
        $defs: { A: { type: 'string', description: 'theirs', minLength: 1 } },
        definitions: { B: { type: 'integer' } },
      },
      { permissive },
    );
    expect(result).toEqual({
      type: 'object',
      properties: {
        a: { type: 'string', description: 'mine', minLength: 1 },
        b: { type: 'integer' },
        c: { type: 'array', items: { type: 'string', description: 'theirs', minLength: 1 } },
      },
    });
  });

  it('follows chains of aliases and arbitrary JSON pointers', () => {
    const result = inlineLocalRefs(
      {
        properties: { x: { $ref: '#/$defs/Alias' }, y: { $ref: '#/properties/z' }, z: { type: 'boolean' } },
        $defs: { Alias: { $ref: '#/$defs/Real' }, Real: { type: 'number' } },
      },
      { permissive },
    );
    expect(result.properties).toEqual({ x: { type: 'number' }, y: { type: 'boolean' }, z: { type: 'boolean' } });
  });

  it('cuts recursion after maxRefDepth expansions and reports it', () => {
    const issues: SchemaIssue[] = [];
    const result = inlineLocalRefs(
      {
        properties: { root: { $ref: '#/$defs/Node' } },
        $defs: { Node: { type: 'object', properties: { value: { type: 'string' }, child: { $ref: '#/$defs/Node' } } } },
      },
      { permissive, maxRefDepth: 2, onIssue: (issue) => issues.push(issue) },
    );
    expect(result.properties).toEqual({
      root: {
        type: 'object',
        properties: {
          value: { type: 'string' },
          child: {
            type: 'object',
            properties: { value: { type: 'string' }, child: { type: 'object', cut: true } },
          },
        },
      },
    });
    expect(issues).toEqual([
      {
        severity: 'warning',
        path: '#/properties/root/properties/child/properties/child',
        message: "recursive $ref '#/$defs/Node' cut after 2 levels",
      },
    ]);
  });

  it('handles a self-reference to the root', () => {
    const result = inlineLocalRefs(
      { type: 'object', properties: { self: { $ref: '#' } } },
      { permissive, maxRefDepth: 1 },
    );
    expect(result).toEqual({
      type: 'object',
      properties: { self: { type: 'object', properties: { self: { type: 'object', cut: true } } } },
    });
  });

  it('replaces remote and dangling references with the permissive node', () => {
    const issues: SchemaIssue[] = [];
    const result = inlineLocalRefs(
      { properties: { a: { $ref: 'https://x/y.json', description: 'd' }, b: { $ref: '#/$defs/Nope' } } },
      { permissive, onIssue: (issue) => issues.push(issue) },
    );
    expect(result.properties).toEqual({
      a: { type: 'object', cut: true, description: 'd' },
      b: { type: 'object', cut: true },
    });
    expect(issues.map((issue) => issue.message)).toEqual([
      "unresolvable $ref 'https://x/y.json' replaced by a permissive schema",
      "unresolvable $ref '#/$defs/Nope' replaced by a permissive schema",
    ]);
  });

  it('stops after the expansion budget (exponential shared definitions)', () => {
    const defs: Record<string, unknown> = { D0: { type: 'string' } };
    for (let level = 1; level <= 20; level += 1) {
      defs[`D${level}`] = {
        type: 'object',
        properties: { l: { $ref: `#/$defs/D${level - 1}` }, r: { $ref: `#/$defs/D${level - 1}` } },
      };
    }
    const issues: SchemaIssue[] = [];
    inlineLocalRefs(
      { properties: { top: { $ref: '#/$defs/D20' } }, $defs: defs },
      { permissive, maxExpansions: 50, onIssue: (issue) => issues.push(issue) },
    );
    expect(issues.length).toBeGreaterThan(0);
    expect(issues[0]?.message).toContain('expansion budget exhausted');
  });

  it('does not treat $ref inside enum or default values as references', () => {
    const result = inlineLocalRefs(
      { properties: { a: { enum: [{ $ref: '#/x' }], default: { $ref: '#/y' } } } },
      { permissive },
    );
    expect(result.properties).toEqual({ a: { enum: [{ $ref: '#/x' }], default: { $ref: '#/y' } } });
  });
});
