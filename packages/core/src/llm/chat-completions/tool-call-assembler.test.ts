import type { LanguageModelV3StreamPart } from '@ai-sdk/provider';
import { describe, expect, it } from 'vitest';
import { ToolCallAssembler, type ToolCallDelta } from './tool-call-assembler.js';

function assemble(deltas: readonly ToolCallDelta[]): LanguageModelV3StreamPart[] {
  const assembler = new ToolCallAssembler('openai-compatible');
  const parts: LanguageModelV3StreamPart[] = [];
  for (const delta of deltas) assembler.push(delta, parts);
  assembler.finish(parts);
  return parts;
}

const calls = (parts: readonly LanguageModelV3StreamPart[]) =>
  parts.flatMap((part) => (part.type === 'tool-call' ? [[part.toolCallId, part.toolName, part.input]] : []));

describe('ToolCallAssembler', () => {
  it('streams input deltas as they come and completes every call at the end, in index order', () => {
    const parts = assemble([
      { index: 1, id: 'call_b', function: { name: 'second', arguments: '' } },
      { index: 0, id: 'call_a', function: { name: 'first', arguments: '{"x"' } },
      { index: 1, function: { arguments: '{}' } },
      { index: 0, function: { arguments: ':1}' } },
    ]);
    expect(parts.map((part) => part.type)).toEqual([
      'tool-input-start',
      'tool-input-start',
      'tool-input-delta',
      'tool-input-delta',
      'tool-input-delta',
      'tool-input-end',
      'tool-call',
      'tool-input-end',
      'tool-call',
    ]);
    expect(calls(parts)).toEqual([
      ['call_a', 'first', '{"x":1}'],
      ['call_b', 'second', '{}'],
    ]);
  });

  it('gives a repeated wire id a fresh one, and a call without an id a generated one', () => {
    const ids = calls(
      assemble([
        { index: 0, id: 'dup', function: { name: 'a', arguments: '{}' } },
        { index: 1, id: 'dup', function: { name: 'b', arguments: '{}' } },
        { index: 2, function: { name: 'c', arguments: '{}' } },
      ]),
    ).map(([id]) => id);
    expect(ids[0]).toBe('dup');
    expect(ids[1]).toMatch(/^call_[0-9a-f]{24}$/);
    expect(ids[2]).toMatch(/^call_[0-9a-f]{24}$/);
    expect(new Set(ids).size).toBe(3);
  });

  it('starts a new call when a known index arrives with a new id and a name (servers that reuse index 0)', () => {
    const parts = assemble([
      { index: 0, id: 'call_1', function: { name: 'a', arguments: '{"n":1}' } },
      { index: 0, id: 'call_2', function: { name: 'a', arguments: '{"n":2}' } },
    ]);
    expect(calls(parts)).toEqual([
      ['call_1', 'a', '{"n":1}'],
      ['call_2', 'a', '{"n":2}'],
    ]);
  });

  it('reports a call whose name never arrived as an error part, and ignores a nameless delta with nothing to join', () => {
    const parts = assemble([
      { index: 0, id: 'call_x', function: { arguments: '{"lost":true}' } },
      { function: { arguments: 'orphan' } },
    ]);
    expect(parts).toHaveLength(1);
    expect(parts[0]).toMatchObject({ type: 'error', error: { message: "Expected 'function.name' to be a string." } });
  });

  it('keeps a Gemini thought signature as provider metadata of its call', () => {
    const [call] = assemble([
      { id: 'g1', function: { name: 'a', arguments: '{}' }, extra_content: { google: { thought_signature: 'sig' } } },
    ]).filter((part) => part.type === 'tool-call');
    expect(call).toMatchObject({ providerMetadata: { 'openai-compatible': { thoughtSignature: 'sig' } } });
  });
});
