import { describe, expect, it } from 'vitest';
import { JOIN_EVERY, TextPieces } from './text-pieces.js';

describe('TextPieces', () => {
  it('reads back exactly what was added, whenever it is read', () => {
    const text = new TextPieces();
    expect(text.text).toBe('');
    let expected = '';
    for (let index = 0; index < 1000; index += 1) {
      const piece = index % 7 === 0 ? '' : `<${index}>`;
      text.add(piece);
      expected += piece;
      if (index === 5 || index === JOIN_EVERY || index === 300 || index === 999) expect(text.text).toBe(expected);
    }
    text.add('end');
    expect(text.text).toBe(`${expected}end`);
  });

  it('keeps about one string per batch of pieces, not one per piece', () => {
    const text = new TextPieces();
    const count = 10_000;
    for (let index = 0; index < count; index += 1) text.add('tok ');
    expect(text.storedPieces).toBeLessThanOrEqual(Math.ceil(count / JOIN_EVERY) + JOIN_EVERY);
    expect(text.text).toBe('tok '.repeat(count));
    expect(text.storedPieces).toBe(1);
  });
});
