import { describe, expect, it } from 'vitest';
import { reconnectDelayMs } from './reconnect-backoff.js';

describe('reconnectDelayMs', () => {
  it('doubles from the base up to the cap, jittered between half and all of it', () => {
    const low = () => 0;
    const high = () => 1;
    expect(reconnectDelayMs(0)).toBe(0);
    expect([1, 2, 3, 4, 5].map((n) => reconnectDelayMs(n, { baseMs: 100, maxMs: 1000 }, high))).toEqual([
      100, 200, 400, 800, 1000,
    ]);
    expect([1, 2, 3].map((n) => reconnectDelayMs(n, { baseMs: 100, maxMs: 1000 }, low))).toEqual([50, 100, 200]);
    expect(reconnectDelayMs(1_000_000, { baseMs: 100, maxMs: 1000 }, high)).toBe(1000);
  });

  it('defaults to 500 ms doubling to 5 s', () => {
    expect(reconnectDelayMs(1, {}, () => 1)).toBe(500);
    expect(reconnectDelayMs(10, {}, () => 1)).toBe(5000);
  });
});
