import { describe, expect, it } from 'vitest';
import { parseToolCallInput } from './tool-call-input.js';

describe('parseToolCallInput', () => {
  it('blank text is an empty object; JSON of any kind is parsed', () => {
    expect(parseToolCallInput('')).toEqual({ ok: true, value: {} });
    expect(parseToolCallInput('  \n')).toEqual({ ok: true, value: {} });
    expect(parseToolCallInput('{"ns":"prod","limit":5}')).toEqual({ ok: true, value: { ns: 'prod', limit: 5 } });
    expect(parseToolCallInput('[1,2]')).toEqual({ ok: true, value: [1, 2] });
    expect(parseToolCallInput('"x"')).toEqual({ ok: true, value: 'x' });
  });

  it('invalid JSON is an error with the parser message, never a throw', () => {
    const result = parseToolCallInput('{"ns": ');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/JSON/);
  });

  it.each([
    ['a __proto__ key', '{"__proto__": {"admin": true}}'],
    ['a unicode-escaped __proto__ key', '{"\\u005f_proto__": {"admin": true}}'],
    ['a nested __proto__ key', '{"a": [{"b": {"__proto__": {}}}]}'],
    ['a constructor with a prototype', '{"constructor": {"prototype": {"admin": true}}}'],
  ])('refuses JSON that smuggles a prototype: %s', (_label, text) => {
    expect(parseToolCallInput(text)).toEqual({ ok: false, error: 'Object contains forbidden prototype property' });
  });

  it('accepts keys that only look suspicious', () => {
    expect(parseToolCallInput('{"constructor": "kubectl", "text": "__proto__"}')).toEqual({
      ok: true,
      value: { constructor: 'kubectl', text: '__proto__' },
    });
    expect(parseToolCallInput('{"constructor": {"name": "x"}}')).toEqual({
      ok: true,
      value: { constructor: { name: 'x' } },
    });
  });
});
