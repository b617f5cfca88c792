import { describe, expect, it } from 'vitest';
import { createUuidV7Generator, isUuidV7, uuidV7, uuidV7Timestamp } from './uuid-v7.js';

const FORMAT = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('uuidV7', () => {
  it('has the RFC 9562 layout: version 7, variant 10, lowercase hex', () => {
    for (let index = 0; index < 200; index += 1) {
      const id = uuidV7();
      expect(id).toMatch(FORMAT);
      expect(isUuidV7(id)).toBe(true);
    }
  });

  it('embeds the clock as a 48-bit big-endian millisecond timestamp', () => {
    const at = Date.UTC(2026, 0, 2, 3, 4, 5, 678);
    const id = createUuidV7Generator({ now: () => at })();
    expect(id.slice(0, 13)).toBe(
      `${at.toString(16).padStart(12, '0').slice(0, 8)}-${at.toString(16).padStart(12, '0').slice(8)}`,
    );
    expect(uuidV7Timestamp(id)).toBe(at);
  });

  it('is strictly increasing in lexicographic order, also within one millisecond and when the clock goes back', () => {
    let clock = 1_700_000_000_000;
    const ticks = [0, 0, 0, 1, 1, -5, 0, 3];
    let tick = 0;
    const generate = createUuidV7Generator({
      now: () => {
        clock += ticks[tick % ticks.length] ?? 0;
        tick += 1;
        return clock;
      },
    });
    const ids = Array.from({ length: 5000 }, () => generate());
    for (let index = 1; index < ids.length; index += 1) {
      expect((ids[index] ?? '') > (ids[index - 1] ?? '')).toBe(true);
    }
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('advances the timestamp when the per-millisecond counter overflows', () => {
    const generate = createUuidV7Generator({ now: () => 1000, randomBytes: (size) => new Uint8Array(size) });
    const ids = Array.from({ length: 4097 }, () => generate());
    expect(uuidV7Timestamp(ids[0] ?? '')).toBe(1000);
    expect(uuidV7Timestamp(ids.at(-1) ?? '')).toBe(1001);
    expect([...ids].sort()).toEqual(ids);
  });

  it('uses the random source for the trailing 62 bits', () => {
    const generate = createUuidV7Generator({ now: () => 0, randomBytes: (size) => new Uint8Array(size).fill(0xff) });
    expect(generate()).toBe('00000000-0000-77ff-bfff-ffffffffffff');
  });

  it('recognises only canonical lowercase v7 ids', () => {
    expect(isUuidV7('0190b4c8-6a1e-7abc-8def-0123456789ab')).toBe(true);
    expect(isUuidV7('0190B4C8-6A1E-7ABC-8DEF-0123456789AB')).toBe(false);
    expect(isUuidV7('0190b4c8-6a1e-4abc-8def-0123456789ab')).toBe(false);
    expect(isUuidV7('0190b4c8-6a1e-7abc-cdef-0123456789ab')).toBe(false);
    expect(isUuidV7('run-1')).toBe(false);
    expect(uuidV7Timestamp('run-1')).toBeUndefined();
  });
});
