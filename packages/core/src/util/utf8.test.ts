import { describe, expect, it } from 'vitest';
import { encodeUtf8, floorCharBoundary, truncateUtf8, utf8ByteLength } from './utf8.js';

describe('utf8 helpers', () => {
  it('counts UTF-8 bytes like Rust String::len', () => {
    expect(utf8ByteLength('abc')).toBe(3);
    expect(utf8ByteLength('é')).toBe(2);
    expect(utf8ByteLength('€')).toBe(3);
    expect(utf8ByteLength('😀')).toBe(4);
    expect(utf8ByteLength('a😀é')).toBe(encodeUtf8('a😀é').length);
  });

  it('floors indexes to character boundaries', () => {
    const bytes = encodeUtf8('a€b'); // 61 e2 82 ac 62
    expect(floorCharBoundary(bytes, 0)).toBe(0);
    expect(floorCharBoundary(bytes, 1)).toBe(1);
    expect(floorCharBoundary(bytes, 2)).toBe(1);
    expect(floorCharBoundary(bytes, 3)).toBe(1);
    expect(floorCharBoundary(bytes, 4)).toBe(4);
    expect(floorCharBoundary(bytes, 99)).toBe(5);
  });

  it('truncates without splitting a character', () => {
    expect(truncateUtf8('a€b', 3)).toBe('a');
    expect(truncateUtf8('a€b', 4)).toBe('a€');
    expect(truncateUtf8('short', 64)).toBe('short');
  });
});
