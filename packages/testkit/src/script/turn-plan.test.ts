import { describe, expect, it } from 'vitest';
import {
  chunkSize,
  disconnectAfter,
  finish,
  hang,
  httpError,
  noUsage,
  reasoning,
  slowChunks,
  slowFirstToken,
  text,
  toolCall,
  turn,
  usage,
} from './turn-builders.js';
import { planTurn, splitDeltas } from './turn-plan.js';

let ids = 0;
const options = { promptChars: 40, nextToolCallId: () => `id_${++ids}` };

describe('turn builders', () => {
  it('collect parts in order and fold settings', () => {
    const built = turn(
      'hi ',
      reasoning('r', { signature: 's' }),
      toolCall('t', { a: 1 }, { id: 'x' }),
      usage(3, 2),
      slowFirstToken(5),
      slowChunks(7),
      chunkSize(2),
      finish('length'),
    );
    expect(built).toEqual({
      parts: [
        { type: 'text', text: 'hi ' },
        { type: 'reasoning', text: 'r', signature: 's' },
        { type: 'tool-call', toolName: 't', arguments: '{"a":1}', id: 'x' },
      ],
      usage: { inputTokens: 3, outputTokens: 2 },
      timing: { firstTokenDelayMs: 5, chunkDelayMs: 7 },
      chunkSize: 2,
      finishReason: 'length',
    });
    expect(Object.isFrozen(built)).toBe(true);
    expect(turn(text('x'), noUsage()).omitUsage).toBe(true);
    expect(toolCall('t', '{broken').arguments).toBe('{broken');
  });

  it('reject invalid values and double faults with CONFIG_INVALID', () => {
    expect(() => usage(-1, 0)).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
    expect(() => chunkSize(0)).toThrow(/at least 1/);
    expect(() => slowChunks(1.5)).toThrow(/non-negative integer/);
    expect(() => httpError(200)).toThrow(/400-599/);
    expect(() => turn(hang(), disconnectAfter(1))).toThrow(/two faults given \(hang, disconnect\)/);
  });
});

describe('splitDeltas', () => {
  it('splits into words with trailing whitespace by default, or into code-point slices', () => {
    expect(splitDeltas('Hello, big  world!\n')).toEqual(['Hello, ', 'big  ', 'world!\n']);
    expect(splitDeltas('  lead')).toEqual(['  ', 'lead']);
    expect(splitDeltas('a😀bcd', 2)).toEqual(['a😀', 'bc', 'd']);
    expect(splitDeltas('')).toEqual([]);
  });
});

describe('planTurn', () => {
  it('defaults finish reason by content and assigns tool-call ids', () => {
    const withTool = planTurn(turn(text('a'), toolCall('t')), options);
    expect(withTool.finishReason).toBe('tool-calls');
    expect(withTool.blocks[1]).toMatchObject({
      type: 'tool-call',
      id: expect.stringMatching(/^id_\d+$/),
      arguments: '{}',
    });
    expect(planTurn(turn(text('a')), options).finishReason).toBe('stop');
  });

  it('splits tool arguments into 16-character slices unless a chunk size is set', () => {
    const args = { city: 'Paris', unit: 'celsius', days: 3 };
    const plan = planTurn(turn(toolCall('weather', args)), options);
    const block = plan.blocks[0];
    if (block?.type !== 'tool-call') throw new Error('expected a tool call');
    expect(block.deltas.join('')).toBe(JSON.stringify(args));
    expect(block.deltas.every((delta) => delta.length <= 16)).toBe(true);
    const sized = planTurn(turn(toolCall('weather', args), chunkSize(4)), options).blocks[0];
    expect(sized?.deltas.length).toBe(Math.ceil(JSON.stringify(args).length / 4));
  });

  it('estimates usage at about four characters per token when none is scripted', () => {
    const plan = planTurn(turn(reasoning('12345678'), text('1234')), { ...options, promptChars: 41 });
    expect(plan.usage).toEqual({
      inputTokens: 11,
      outputTokens: 3,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      reasoningTokens: 2,
    });
    expect(planTurn(turn(text('x'), noUsage()), options).usage).toBeUndefined();
    expect(planTurn(turn(text('x'), usage(5, 1, { cacheWriteTokens: 2 })), options).usage).toEqual({
      inputTokens: 5,
      outputTokens: 1,
      cacheReadTokens: 0,
      cacheWriteTokens: 2,
      reasoningTokens: 0,
    });
  });
});
