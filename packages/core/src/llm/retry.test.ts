import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY_OPTIONS, retryDelayMs } from './retry.js';

describe('retryDelayMs', () => {
  it('backs off exponentially with equal jitter, capped at maxDelayMs', () => {
    const low = { random: () => 0 };
    const high = { random: () => 0.999999 };
    expect(retryDelayMs(1, undefined, low)).toBe(250);
    expect(retryDelayMs(1, undefined, high)).toBe(500);
    expect(retryDelayMs(3, undefined, low)).toBe(1000);
    expect(retryDelayMs(3, undefined, high)).toBe(2000);
    expect(retryDelayMs(20, undefined, high)).toBe(DEFAULT_RETRY_OPTIONS.maxDelayMs);
    expect(retryDelayMs(20, undefined, { ...low, maxDelayMs: 100 })).toBe(50);
  });

  it('honours a provider wait (adding at most 10 %, at most 1 s) even above maxDelayMs', () => {
    expect(retryDelayMs(1, 2000, { random: () => 0 })).toBe(2000);
    expect(retryDelayMs(1, 2000, { random: () => 0.5 })).toBe(2100);
    expect(retryDelayMs(1, 45_000, { random: () => 0.999999, maxDelayMs: 1000 })).toBe(46_000);
    expect(retryDelayMs(1, 0, { random: () => 0.9 })).toBe(0);
  });

  it('gives up (undefined) when the provider asks for longer than the ceiling', () => {
    expect(retryDelayMs(1, 60_001)).toBeUndefined();
    expect(retryDelayMs(1, 5000, { retryAfterCeilingMs: 1000 })).toBeUndefined();
    expect(retryDelayMs(1, 60_000, { random: () => 0 })).toBe(60_000);
  });
});
