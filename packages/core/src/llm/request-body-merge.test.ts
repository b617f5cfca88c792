import { describe, expect, it } from 'vitest';
import {
  camelCaseKey,
  createBodyMergingFetch,
  mergeTopLevel,
  toJsonObject,
  withoutReservedKeys,
} from './request-body-merge.js';

describe('toJsonObject', () => {
  it('keeps JSON values, drops undefined, and turns TOML datetimes into ISO strings', () => {
    const when = new Date(Date.UTC(2030, 0, 2));
    expect(
      toJsonObject({ a: 1, b: 'x', c: [true, null, { d: when }], e: undefined, f: 10n }, 'additional_params'),
    ).toEqual({ a: 1, b: 'x', c: [true, null, { d: '2030-01-02T00:00:00.000Z' }], f: 10 });
  });

  it('rejects values that are not JSON, naming the key path', () => {
    expect(() => toJsonObject({ nested: { bad: Number.NaN } }, 'additional_params')).toThrow(
      expect.objectContaining({
        code: 'CONFIG_INVALID',
        message: expect.stringContaining('additional_params.nested.bad'),
      }),
    );
    expect(() => toJsonObject({ fn: () => 1 }, 'additional_params')).toThrow(/additional_params\.fn/);
  });
});

describe('merging helpers', () => {
  it('mergeTopLevel lets the extra keys win, shallowly, and keeps __proto__ as data', () => {
    const extra = JSON.parse('{"b": {"y": 2}, "__proto__": {"polluted": true}}') as Record<string, unknown>;
    const merged = mergeTopLevel({ a: 1, b: { x: 1 } }, extra);
    expect(merged).toEqual(JSON.parse('{"a": 1, "b": {"y": 2}, "__proto__": {"polluted": true}}'));
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
  });

  it('withoutReservedKeys drops reserved keys with a warning each', () => {
    expect(withoutReservedKeys({ messages: [], top_k: 3 }, ['messages'], 'additional_params')).toEqual({
      params: { top_k: 3 },
      warnings: ['additional_params.messages is ignored: Aura builds this part of the request itself'],
    });
  });

  it('camelCaseKey converts snake_case only', () => {
    expect(camelCaseKey('thinking_budget')).toBe('thinkingBudget');
    expect(camelCaseKey('topK')).toBe('topK');
    expect(camelCaseKey('response_mime_type')).toBe('responseMimeType');
  });
});

describe('createBodyMergingFetch', () => {
  it('rewrites JSON object bodies and passes other requests through untouched', async () => {
    const seen: { url: string; body: unknown }[] = [];
    const base = (async (input: Parameters<typeof fetch>[0], init?: RequestInit) => {
      seen.push({ url: String(input), body: init?.body });
      return new Response('ok');
    }) as typeof fetch;
    const wrapped = createBodyMergingFetch(base, (body) => mergeTopLevel(body, { seed: 7 }));
    await wrapped('http://x/json', { method: 'POST', body: '{"model":"m"}' });
    await wrapped('http://x/array', { method: 'POST', body: '[1]' });
    await wrapped('http://x/get');
    expect(seen).toEqual([
      { url: 'http://x/json', body: '{"model":"m","seed":7}' },
      { url: 'http://x/array', body: '[1]' },
      { url: 'http://x/get', body: undefined },
    ]);
  });
});
