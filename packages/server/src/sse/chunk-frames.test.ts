import { describe, expect, it } from 'vitest';
import { createTextChunkFramer, textChunkFrame } from './chunk-frames.js';

describe('createTextChunkFramer', () => {
  const identities = [
    { completionId: 'chatcmpl-1', created: 1_700_000_000, model: 'openai/gpt-4o' },
    { completionId: 'chatcmpl-"quoted"\\', created: 0, model: 'local/qwen3 \u2028 "x"' },
  ];
  const contents = [
    '',
    'plain',
    'line\nbreak\r\n',
    'quote " backslash \\ tab \t',
    'é€😀 \u2028\u2029 \u0000 \u001f',
    '\n\nafter',
  ];

  it('writes the same bytes as textChunkFrame for every content, first chunk (with role) or not', () => {
    for (const identity of identities) {
      const frame = createTextChunkFramer(identity);
      for (const content of contents) {
        for (const first of [true, false]) expect(frame(content, first)).toBe(textChunkFrame(identity, content, first));
      }
    }
  });

  it('is a complete SSE data frame whose JSON parses back to the chunk', () => {
    const frame = createTextChunkFramer(identities[1] as (typeof identities)[number])('a "b"\n', false);
    expect(frame.startsWith('data: ')).toBe(true);
    expect(frame.endsWith('\n\n')).toBe(true);
    expect(JSON.parse(frame.slice(6))).toEqual({
      id: 'chatcmpl-"quoted"\\',
      object: 'chat.completion.chunk',
      created: 0,
      model: 'local/qwen3 \u2028 "x"',
      choices: [{ index: 0, delta: { content: 'a "b"\n' } }],
    });
  });
});
