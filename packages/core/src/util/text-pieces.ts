/**
 * Text that arrives piece by piece (a model's streamed deltas) and is read whole, rarely, at the end. Kept as an
 * array of pieces rather than a `+=` chain (a 32-byte cons string per piece), and every {@link JOIN_EVERY} pieces
 * the newest ones are joined into one flat string: an answer of thousands of tokens then holds about one string
 * per 64 deltas instead of a string object and an array slot per delta for the whole stream.
 */

/** How many loose pieces are joined into one. */
export const JOIN_EVERY = 64;

export class TextPieces {
  #pieces: string[] = [];
  // Pieces at the end of `#pieces` added since the last join.
  #loose = 0;

  /** Appends `piece`. */
  add(piece: string): void {
    this.#pieces.push(piece);
    this.#loose += 1;
    if (this.#loose === JOIN_EVERY) {
      const start = this.#pieces.length - JOIN_EVERY;
      const joined = this.#pieces.slice(start).join('');
      this.#pieces.length = start;
      this.#pieces.push(joined);
      this.#loose = 0;
    }
  }

  /** The text so far. */
  get text(): string {
    if (this.#pieces.length > 1) {
      this.#pieces = [this.#pieces.join('')];
      this.#loose = 0;
    }
    return this.#pieces[0] ?? '';
  }

  /** How many strings are kept (for tests of the memory bound). */
  get storedPieces(): number {
    return this.#pieces.length;
  }
}
