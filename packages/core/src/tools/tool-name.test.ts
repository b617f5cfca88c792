import { describe, expect, it } from 'vitest';
import { sanitizeToolName, shortNameHash, toolNameRulesFor, toProviderToolName } from './tool-name.js';

const PROVIDER_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

describe('sanitizeToolName (§5.5, case 33)', () => {
  it.each([
    ['test tool with spaces', 'test_tool_with_spaces'],
    ['123_tool', 'tool_123_tool'],
    ['get.weather', 'get_weather'],
    ['__init__', 'init'],
    ['***', 'tool_'],
    ['-x-', '-x-'],
    ['a.b/c', 'a_b_c'],
    ['a'.repeat(70), 'a'.repeat(64)],
    ['', 'tool_'],
    ['café', 'café'],
    ['９lives', '９lives'],
  ])('%j → %j', (input, expected) => {
    expect(sanitizeToolName(input)).toBe(expected);
  });

  it('cuts at 64 UTF-8 bytes without splitting a character', () => {
    const name = `${'a'.repeat(63)}é`;
    expect(sanitizeToolName(name)).toBe('a'.repeat(63));
  });
});

describe('toProviderToolName', () => {
  it('keeps compliant names unchanged', () => {
    expect(toProviderToolName('get_weather')).toBe('get_weather');
    expect(toProviderToolName('-x-')).toBe('-x-');
  });

  it('replaces non-ASCII letters that §5.5 keeps', () => {
    expect(toProviderToolName('café au lait')).toBe('caf__au_lait');
    expect(toProviderToolName('emoji😀tool')).toBe('emoji_tool');
  });

  it('applies Gemini’s leading-character rule only for Gemini', () => {
    const gemini = toolNameRulesFor('gemini');
    expect(toProviderToolName('-x-', gemini)).toBe('tool_-x-');
    expect(toProviderToolName('_private', gemini)).toBe('private');
    expect(toProviderToolName('ü-x', gemini)).toBe('_-x');
    expect(toProviderToolName('123', gemini)).toBe('tool_123');
    expect(toProviderToolName('-x-', toolNameRulesFor('openai'))).toBe('-x-');
  });

  it('truncates long names in the middle with a stable hash so shared prefixes stay distinct', () => {
    const prefix = `very_long_mcp_server_name_${'x'.repeat(50)}`;
    const a = toProviderToolName(`${prefix}_list_pipelines`);
    const b = toProviderToolName(`${prefix}_list_dashboards`);
    expect(a).toHaveLength(64);
    expect(b).toHaveLength(64);
    expect(a).not.toBe(b);
    expect(a).toMatch(PROVIDER_NAME);
    expect(a.startsWith('very_long_mcp_server_name')).toBe(true);
    expect(a).toContain('pipelines');
    expect(a.endsWith(`_${shortNameHash(`${prefix}_list_pipelines`)}`)).toBe(true);
    expect(toProviderToolName(`${prefix}_list_pipelines`)).toBe(a);
  });

  it('keeps names that differ only in the middle distinct', () => {
    const a = toProviderToolName(`${'a'.repeat(40)}ONE${'b'.repeat(40)}`);
    const b = toProviderToolName(`${'a'.repeat(40)}TWO${'b'.repeat(40)}`);
    expect(a).not.toBe(b);
  });

  it('always yields a valid provider name', () => {
    for (const input of ['', '***', '   ', 'ü'.repeat(100), 'a b c', '1', `-${'-'.repeat(80)}`]) {
      expect(toProviderToolName(input)).toMatch(PROVIDER_NAME);
      expect(toProviderToolName(input, toolNameRulesFor('gemini'))).toMatch(/^[a-zA-Z_][a-zA-Z0-9_-]{0,63}$/);
    }
  });
});
