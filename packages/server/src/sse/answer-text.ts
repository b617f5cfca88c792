/**
 * The answer's text as a stream sends it: `role` on the first text chunk only, a blank line before text that
 * resumes after a tool result, and the text sent so far (as `TextPieces`: pieces joined in batches and when read,
 * not a chain of cons strings or a slot per delta kept for the stream's life).
 */
import { TextPieces } from '@aura/core';
import { type ChunkIdentity, createTextChunkFramer } from './chunk-frames.js';

export class AnswerText {
  readonly #frame: (content: string, first: boolean) => string;
  readonly #pieces = new TextPieces();
  #sent = false;
  #needsSeparator = false;

  constructor(identity: ChunkIdentity) {
    this.#frame = createTextChunkFramer(identity);
  }

  /** Whether any text chunk was sent. */
  get sent(): boolean {
    return this.#sent;
  }

  /** The text sent so far. */
  get text(): string {
    return this.#pieces.text;
  }

  /** A tool result was shown: the next text starts with `\n\n`. */
  separateNext(): void {
    this.#needsSeparator = true;
  }

  /** The chunk frame of `text`, after the separator when one is due. */
  frame(text: string): string {
    const content = this.#needsSeparator ? `\n\n${text}` : text;
    this.#needsSeparator = false;
    return this.#frameAsIs(content);
  }

  /** The chunk frame of `content` exactly (no separator). */
  #frameAsIs(content: string): string {
    const first = !this.#sent;
    this.#sent = true;
    this.#pieces.add(content);
    return this.#frame(content, first);
  }

  /** The frame of a run's error text: after a blank line when text was sent before it. */
  errorFrame(errorText: string): string {
    return this.#frameAsIs(this.#sent ? `\n\n${errorText}` : errorText);
  }
}
