import { isAuraError } from '@aura/events';
import { describe, expect, it } from 'vitest';
import { compareCodePoints, stableStringify } from './stable-stringify.js';

describe('stableStringify', () => {
  it('sorts keys recursively in byte order (uppercase before lowercase, _ before letters)', () => {
    const value = { b: 1, a: { z: true, A: null, _index: 0 }, B: [{ y: 1, x: 2 }] };
    expect(stableStringify(value)).toBe('{"B":[{"x":2,"y":1}],"a":{"A":null,"_index":0,"z":true},"b":1}');
  });

  it('sorts integer-like keys as strings, unlike plain object enumeration', () => {
    expect(stableStringify({ b: 1, 10: 2, 9: 3 })).toBe('{"10":2,"9":3,"b":1}');
  });

  it('pretty prints like serde_json to_string_pretty', () => {
    const text = stableStringify({ result: [1, 2], empty: {}, list: [], nested: { k: 'v' } }, { pretty: true });
    expect(text).toBe(
      '{\n  "empty": {},\n  "list": [],\n  "nested": {\n    "k": "v"\n  },\n  "result": [\n    1,\n    2\n  ]\n}',
    );
  });

  it('matches JSON.stringify for values JSON cannot hold', () => {
    const value = {
      u: undefined,
      f: () => 1,
      n: Number.NaN,
      arr: [undefined, Number.POSITIVE_INFINITY],
      d: new Date(0),
    };
    expect(JSON.parse(stableStringify(value))).toEqual(JSON.parse(JSON.stringify(value)));
    expect(stableStringify(undefined)).toBe('null');
    expect(stableStringify('x"y')).toBe('"x\\"y"');
  });

  it('keeps a "__proto__" key as data', () => {
    const parsed = JSON.parse('{"__proto__":{"a":1},"b":2}') as unknown;
    expect(stableStringify(parsed)).toBe('{"__proto__":{"a":1},"b":2}');
  });

  it('throws a coded error for cycles and bigints', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => stableStringify(cyclic)).toThrow(/cyclic/);
    try {
      stableStringify({ n: 1n });
      expect.unreachable();
    } catch (error) {
      expect(isAuraError(error, 'INTERNAL')).toBe(true);
    }
  });

  it('allows the same object twice when it is not a cycle', () => {
    const shared = { a: 1 };
    expect(stableStringify({ x: shared, y: shared })).toBe('{"x":{"a":1},"y":{"a":1}}');
  });
});

describe('compareCodePoints', () => {
  it('orders astral characters after BMP private-use characters (UTF-8 byte order)', () => {
    const keys = ['😀', '\uffff', 'a'];
    expect(keys.sort(compareCodePoints)).toEqual(['a', '\uffff', '😀']);
  });
});
