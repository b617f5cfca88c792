import { describe, expect, it } from 'vitest';
import { createToolNameMap } from './tool-name-registry.js';

describe('ToolNameRegistry', () => {
  it('maps sanitised names back to the original name and source (Q5)', () => {
    const names = createToolNameMap();
    const entry = names.register('get.weather', 'weather');
    expect(entry).toEqual({ name: 'get_weather', originalName: 'get.weather', source: 'weather' });
    expect(names.resolve('get_weather')).toEqual(entry);
    expect(names.lookup('get.weather', 'weather')).toEqual(entry);
    expect(names.resolve('get.weather')).toBeUndefined();
    expect(names.warnings).toEqual([]);
  });

  it('keeps the first registration and renames later ones to <server>__<name>, with a warning', () => {
    const names = createToolNameMap();
    const first = names.register('search', 'alpha');
    const second = names.register('search', 'beta');
    expect(first.name).toBe('search');
    expect(second.name).toBe('beta__search');
    expect(names.resolve('beta__search')).toEqual({ name: 'beta__search', originalName: 'search', source: 'beta' });
    expect(names.warnings).toEqual([
      "Tool name collision: 'search' from 'beta' maps to 'search', already used by 'search' from 'alpha'; exposed as 'beta__search'",
    ]);
  });

  it('uses numeric suffixes when there is no source or the server-prefixed name is taken too', () => {
    const names = createToolNameMap();
    names.register('get.weather');
    expect(names.register('get weather').name).toBe('get_weather_2');
    expect(names.register('get/weather').name).toBe('get_weather_3');
    names.register('x__tool');
    names.register('tool', 'y');
    expect(names.register('tool', 'x').name).toBe('tool_2');
    expect(names.warnings).toHaveLength(3);
  });

  it('is idempotent for the same (source, original name)', () => {
    const names = createToolNameMap();
    const a = names.register('t', 's');
    const b = names.register('t', 's');
    expect(b).toBe(a);
    expect(names.entries()).toHaveLength(1);
    expect(names.warnings).toEqual([]);
  });

  it('prefixes every sourced tool with its server in prefix mode', () => {
    const names = createToolNameMap({ prefix: 'server' });
    expect(names.register('list pods', 'k8s').name).toBe('k8s__list_pods');
    expect(names.register('read_file').name).toBe('read_file');
  });

  it('keeps suffixed names within the length cap and distinct', () => {
    const names = createToolNameMap();
    const long = 'x'.repeat(64);
    const first = names.register(long);
    const second = names.register(`${long}!`);
    expect(first.name).toBe(long);
    expect(second.name).not.toBe(first.name);
    expect(second.name.length).toBeLessThanOrEqual(64);
    const third = names.register(`${long}?`);
    expect(third.name.length).toBeLessThanOrEqual(64);
    expect(new Set([first.name, second.name, third.name]).size).toBe(3);
  });

  it('enforces Gemini rules when asked to', () => {
    const names = createToolNameMap({ provider: 'gemini' });
    expect(names.register('-dash').name).toBe('tool_-dash');
  });

  it('lists entries in registration order', () => {
    const names = createToolNameMap();
    names.register('b');
    names.register('a');
    expect(names.entries().map((entry) => entry.name)).toEqual(['b', 'a']);
  });
});
