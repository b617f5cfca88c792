import { describe, expect, it } from 'vitest';
import { TRUNCATION_SUFFIX, truncateErrorDetail, truncateToolResult } from './truncate-result.js';

describe('truncateToolResult', () => {
  it('keeps text within the byte cap, and everything when the cap is 0', () => {
    expect(truncateToolResult('a'.repeat(10), 10)).toBe('a'.repeat(10));
    expect(truncateToolResult('x'.repeat(5000), 0)).toBe('x'.repeat(5000));
  });

  it('cuts ASCII at the cap and appends the suffix (§16 case 22)', () => {
    expect(truncateToolResult('a'.repeat(50), 10)).toBe(`${'a'.repeat(10)}${TRUNCATION_SUFFIX}`);
    expect(TRUNCATION_SUFFIX).toBe('... [truncated]');
  });

  it('excludes a multi-byte character that straddles the cap instead of splitting it', () => {
    // '€' is 3 bytes; it occupies bytes 9..11 here, so a 10-byte cap keeps 9 bytes.
    expect(truncateToolResult(`${'a'.repeat(9)}€bbb`, 10)).toBe(`${'a'.repeat(9)}... [truncated]`);
    // A character that ends exactly at the cap is kept.
    expect(truncateToolResult(`${'a'.repeat(7)}€bbb`, 10)).toBe(`${'a'.repeat(7)}€... [truncated]`);
    // Astral characters (4 bytes, a surrogate pair in JS) are never split.
    expect(truncateToolResult('😀😀😀', 6)).toBe('😀... [truncated]');
  });

  it('measures bytes, not UTF-16 units', () => {
    expect(truncateToolResult('ééééé', 10)).toBe('ééééé');
    expect(truncateToolResult('éééééé', 10)).toBe('ééééé... [truncated]');
  });
});

describe('truncateErrorDetail', () => {
  it('trims and caps at 500 characters with an ellipsis', () => {
    expect(truncateErrorDetail('  boom \n')).toBe('boom');
    expect(truncateErrorDetail('x'.repeat(500))).toBe('x'.repeat(500));
    expect(truncateErrorDetail('x'.repeat(501))).toBe(`${'x'.repeat(500)}…`);
    expect(truncateErrorDetail('😀'.repeat(501))).toBe(`${'😀'.repeat(500)}…`);
  });
});
