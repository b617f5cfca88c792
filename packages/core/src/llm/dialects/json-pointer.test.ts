import { describe, expect, it } from 'vitest';
import { resolveLocalRef } from './json-pointer.js';

const document = {
  $defs: { A: { type: 'string' }, 'a/b': { type: 'integer' }, 'a~b': { type: 'boolean' }, 'sp ace': { type: 'null' } },
  definitions: { Old: { type: 'number' } },
  properties: { list: { items: [{ type: 'string' }, { type: 'object' }] } },
};

describe('resolveLocalRef', () => {
  it('resolves #, $defs, definitions and arbitrary pointers', () => {
    expect(resolveLocalRef(document, '#')).toEqual({ value: document });
    expect(resolveLocalRef(document, '#/$defs/A')).toEqual({ value: { type: 'string' } });
    expect(resolveLocalRef(document, '#/definitions/Old')).toEqual({ value: { type: 'number' } });
    expect(resolveLocalRef(document, '#/properties/list/items/1')).toEqual({ value: { type: 'object' } });
  });

  it('decodes ~1, ~0 and percent escapes', () => {
    expect(resolveLocalRef(document, '#/$defs/a~1b')).toEqual({ value: { type: 'integer' } });
    expect(resolveLocalRef(document, '#/$defs/a~0b')).toEqual({ value: { type: 'boolean' } });
    expect(resolveLocalRef(document, '#/$defs/sp%20ace')).toEqual({ value: { type: 'null' } });
  });

  it.each([
    'https://example.com/schema.json',
    'other.json#/$defs/A',
    '#anchor',
    '#/$defs/Missing',
    '#/$defs/a~2b',
    '#/properties/list/items/7',
    '#/properties/list/items/01',
    '#/$defs/%E0%A4%A',
  ])('returns undefined for %j', (ref) => {
    expect(resolveLocalRef(document, ref)).toBeUndefined();
  });

  it('does not walk into inherited properties', () => {
    expect(resolveLocalRef({}, '#/constructor')).toBeUndefined();
  });
});
