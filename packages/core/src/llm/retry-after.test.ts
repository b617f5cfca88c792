import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from './retry-after.js';

const NOW = Date.UTC(2030, 0, 2, 3, 4, 5);

describe('parseRetryAfter', () => {
  it('reads delta seconds, including decimals and surrounding space', () => {
    expect(parseRetryAfter({ 'retry-after': '12' }, { now: NOW })).toBe(12_000);
    expect(parseRetryAfter({ 'retry-after': ' 1.5 ' }, { now: NOW })).toBe(1500);
    expect(parseRetryAfter({ 'retry-after': '0' }, { now: NOW })).toBe(0);
  });

  it('reads an HTTP date relative to now, clamping past dates to 0', () => {
    expect(parseRetryAfter({ 'retry-after': 'Wed, 02 Jan 2030 03:04:35 GMT' }, { now: NOW })).toBe(30_000);
    expect(parseRetryAfter({ 'retry-after': 'Wed, 02 Jan 2030 03:00:00 GMT' }, { now: NOW })).toBe(0);
  });

  it('prefers retry-after-ms, and matches header names case-insensitively', () => {
    expect(parseRetryAfter({ 'retry-after-ms': '250.5', 'retry-after': '9' })).toBe(250.5);
    expect(parseRetryAfter({ 'Retry-After': '3' })).toBe(3000);
    expect(parseRetryAfter(new Headers({ 'Retry-After': '4' }))).toBe(4000);
  });

  it("falls back to Google's RetryInfo.retryDelay in the body", () => {
    const body = JSON.stringify({
      error: { code: 429, details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '17.25s' }] },
    });
    expect(parseRetryAfter({}, { body })).toBe(17_250);
  });

  it('ignores negative, empty and unparseable values', () => {
    expect(parseRetryAfter({ 'retry-after': '-5' })).toBeUndefined();
    expect(parseRetryAfter({ 'retry-after': '' })).toBeUndefined();
    expect(parseRetryAfter({ 'retry-after': 'soon' })).toBeUndefined();
    expect(parseRetryAfter({ 'retry-after-ms': 'NaN' })).toBeUndefined();
    expect(parseRetryAfter(undefined)).toBeUndefined();
  });
});
