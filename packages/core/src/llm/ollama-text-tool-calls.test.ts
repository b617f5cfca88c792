import { describe, expect, it } from 'vitest';
import { generateFallbackToolCallId, parseFallbackToolCalls } from './ollama-text-tool-calls.js';

const TOOLS = ['quick_tool', 'get_weather', 'slow_task_with_progress'];

/** Parses and returns [name, parsed arguments] pairs (argument key order is compared as JSON). */
function calls(content: string, tools: readonly string[] = TOOLS): Array<[string, unknown]> | undefined {
  return parseFallbackToolCalls(content, tools)?.map((call) => [call.name, JSON.parse(call.arguments)]);
}

describe('parseFallbackToolCalls — the ten §8.4 examples (case 50)', () => {
  it.each<[string, Array<[string, unknown]> | undefined]>([
    ['{"name":"get_weather","arguments":{"city":"Paris"}}', [['get_weather', { city: 'Paris' }]]],
    [
      'Sure.\n```json\n{"name": "get_weather", "parameters": {"city": "Oslo"}}\n```',
      [['get_weather', { city: 'Oslo' }]],
    ],
    ['I\'ll check {"name":"get_weather","parameters":{"city":"Rome"}} now.', [['get_weather', { city: 'Rome' }]]],
    ['<tool_call>{"name":"get_weather","arguments":{"city":"Lima"}}</tool_call>', [['get_weather', { city: 'Lima' }]]],
    [
      '[get_weather(city="NYC", days=3, metric=True, unit=Celsius)]',
      [['get_weather', { city: 'NYC', days: 3, metric: true, unit: 'celsius' }]],
    ],
    [
      '<function=get_weather><parameter=city>Berlin</parameter><parameter=days>2</parameter></function>',
      [['get_weather', { city: 'Berlin', days: 2 }]],
    ],
    ['<function=get_weather> <parameter=city> Berlin </tool_call>', [['get_weather', { city: 'Berlin' }]]],
    ['{"name":"quick_tool"}', [['quick_tool', {}]]],
    ['{"name":"unknown","parameters":{}}', undefined],
    ['Hello, how can I help?', undefined],
  ])('%j', (content, expected) => {
    expect(calls(content)).toEqual(expected);
  });

  it('emits {} literally for a call without arguments', () => {
    expect(parseFallbackToolCalls('{"name":"quick_tool"}', TOOLS)).toEqual([{ name: 'quick_tool', arguments: '{}' }]);
    expect(parseFallbackToolCalls('{"name":"quick_tool","args":null}', TOOLS)).toEqual([
      { name: 'quick_tool', arguments: '{}' },
    ]);
  });
});

describe('parseFallbackToolCalls — cases 51–54', () => {
  it.each([
    '{"name": "quick_tool", "parameters": {"message": }',
    '{"parameters": {"message": "hi"}}',
    '',
    '   \n\t ',
    '{"name": 5, "parameters": {}}',
    '{"name":"quick_tool","parameters":{},"arguments":{}}',
  ])('case 51: %j → none', (content) => {
    expect(parseFallbackToolCalls(content, TOOLS)).toBeUndefined();
  });

  it('case 51: an empty tool list never matches', () => {
    expect(parseFallbackToolCalls('{"name":"quick_tool"}', [])).toBeUndefined();
  });

  it('case 52: arguments are compact JSON with sorted keys', () => {
    expect(parseFallbackToolCalls('{"name":"quick_tool","parameters":{"b":1,"a":{"z":1,"y":2}}}', TOOLS)).toEqual([
      { name: 'quick_tool', arguments: '{"a":{"y":2,"z":1},"b":1}' },
    ]);
  });

  it('case 53: two Hermes blocks on separate lines → two calls in order (brace scan)', () => {
    const content =
      '<tool_call>{"name": "quick_tool", "parameters": {"message": "first"}}</tool_call>\n' +
      '<tool_call>{"name": "get_weather", "parameters": {"city": "NYC"}}</tool_call>';
    expect(calls(content)).toEqual([
      ['quick_tool', { message: 'first' }],
      ['get_weather', { city: 'NYC' }],
    ]);
  });

  it('case 54: pythonic numbers, empty calls and dropped negative numbers', () => {
    expect(calls('[slow_task_with_progress(duration_seconds=5, steps=2.5)]')).toEqual([
      ['slow_task_with_progress', { duration_seconds: 5, steps: 2.5 }],
    ]);
    expect(parseFallbackToolCalls('[quick_tool()]', TOOLS)).toEqual([{ name: 'quick_tool', arguments: '{}' }]);
    expect(parseFallbackToolCalls('[quick_tool(x=-5)]', TOOLS)).toEqual([{ name: 'quick_tool', arguments: '{}' }]);
  });
});

describe('parseFallbackToolCalls — format details', () => {
  it('keeps nested Hermes JSON intact (greedy capture)', () => {
    expect(calls('<tool_call>{"name": "quick_tool", "parameters": {"nested": {"deep": "value"}}}</tool_call>')).toEqual(
      [['quick_tool', { nested: { deep: 'value' } }]],
    );
  });

  it('uses code blocks instead of the brace scan when there are any, deduplicated', () => {
    const block = '```\n{"name":"quick_tool","parameters":{"n":1}}\n```';
    expect(calls(`${block}\n${block}\nalso {"name":"get_weather"}`)).toEqual([['quick_tool', { n: 1 }]]);
  });

  it('scans braces inside strings correctly', () => {
    expect(calls('Text {"name":"quick_tool","parameters":{"msg":"a } brace \\" quote"}} end')).toEqual([
      ['quick_tool', { msg: 'a } brace " quote' }],
    ]);
  });

  it('passes non-object argument values through like the reference', () => {
    expect(parseFallbackToolCalls('{"name":"quick_tool","arguments":"{\\"a\\":1}"}', TOOLS)).toEqual([
      { name: 'quick_tool', arguments: '"{\\"a\\":1}"' },
    ]);
  });

  it('pythonic: quoting styles, none/null, lower-cased bare words (Q16)', () => {
    expect(calls("[get_weather(city='London', when=None, mode=FAST, ok=false)]")).toEqual([
      ['get_weather', { city: 'London', when: null, mode: 'fast', ok: false }],
    ]);
  });

  it('qwen: multi-line parameters, numbers, booleans and the malformed closer', () => {
    const content =
      '<function=slow_task_with_progress>\n<parameter=steps>\n1.5e1\n</parameter>\n<parameter=label>\n  two words  \n</parameter>\n' +
      '<parameter=fast>TRUE</parameter><parameter=x>none</parameter><parameter=y>-3</parameter><parameter=z>inf</parameter>\n</function>\n</tool_call>';
    expect(calls(content)).toEqual([
      ['slow_task_with_progress', { steps: 15, label: 'two words', fast: true, x: null, y: -3, z: 'inf' }],
    ]);
  });

  it('qwen: multiple open-form parameters', () => {
    expect(calls('<function=get_weather> <parameter=city> Paris <parameter=metric> true </tool_call>')).toEqual([
      ['get_weather', { city: 'Paris', metric: true }],
    ]);
  });

  it('tries formats in order and filters unknown tools within a format', () => {
    expect(calls('{"name":"nope"} [quick_tool(a=1)]')).toEqual([['quick_tool', { a: 1 }]]);
    expect(calls('<function=nope></function><function=quick_tool></function>')).toEqual([['quick_tool', {}]]);
  });
});

describe('generateFallbackToolCallId (case 55)', () => {
  it('produces call_ + 24 hex characters, unique per call', () => {
    const ids = new Set(Array.from({ length: 100 }, generateFallbackToolCallId));
    expect(ids.size).toBe(100);
    for (const id of ids) expect(id).toMatch(/^call_[0-9a-f]{24}$/);
  });
});
