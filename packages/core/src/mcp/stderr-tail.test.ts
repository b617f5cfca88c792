import { describe, expect, it } from 'vitest';
import { StderrTail } from './stderr-tail.js';

describe('StderrTail', () => {
  it('keeps the last lines across chunk boundaries, skipping blank ones', () => {
    const tail = new StderrTail({ maxLines: 2 });
    tail.push(Buffer.from('first\nsec'));
    tail.push('ond\r\n\n');
    tail.push('third\nunterminated');
    expect(tail.text()).toBe('third\nunterminated');
  });

  it('cuts long lines', () => {
    const tail = new StderrTail({ maxLineLength: 5 });
    tail.push('abcdefghij\n');
    expect(tail.text()).toBe('abcde…');
    expect(new StderrTail().text()).toBe('');
  });
});
