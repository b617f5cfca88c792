import { describe, expect, it } from 'vitest';
import { progressMessage, progressPercent } from './progress-fields.js';

describe('progressPercent', () => {
  it.each([
    [3, 5, 60],
    [1, 3, 33],
    [2, 3, 66],
    [5, 5, 100],
    [7, 5, 100],
    [0, 5, 0],
    [2.5, 10, 25],
    [4, 0, 100],
    [-1, 5, 0],
  ])('progress %d of %d → %d', (progress, total, percent) => {
    expect(progressPercent(progress, total)).toBe(percent);
  });

  it('is absent when the total is unknown or the ratio is not finite', () => {
    expect(progressPercent(5, undefined)).toBeUndefined();
    expect(progressPercent(Number.NaN, 10)).toBeUndefined();
  });
});

describe('progressMessage', () => {
  it('prefers the notification message', () => {
    expect(progressMessage({ progress: 1, total: 2, message: 'Downloading' })).toBe('Downloading');
  });

  it('falls back to plain numbers (quirk Q8 fixed)', () => {
    expect(progressMessage({ progress: 5, total: 10 })).toBe('Progress: 5/10');
    expect(progressMessage({ progress: 0.5, total: 1, message: '' })).toBe('Progress: 0.5/1');
    expect(progressMessage({ progress: 5 })).toBe('Progress: 5');
  });
});
