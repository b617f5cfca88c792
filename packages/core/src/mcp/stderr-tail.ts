/** Options of {@link StderrTail}. */
export interface StderrTailOptions {
  /** Lines kept. Default 20. */
  readonly maxLines?: number;
  /** Characters kept per line (longer lines are cut). Default 500. */
  readonly maxLineLength?: number;
}

/**
 * The last lines a stdio MCP server wrote to stderr. The reference discards stderr; we keep a small tail
 * (bounded in lines and characters, so a chatty server costs nothing) to explain why a child failed to
 * start or died — e.g. a missing API key printed just before exiting.
 */
export class StderrTail {
  readonly #maxLines: number;
  readonly #maxLineLength: number;
  readonly #lines: string[] = [];
  #partial = '';

  constructor(options: StderrTailOptions = {}) {
    this.#maxLines = options.maxLines ?? 20;
    this.#maxLineLength = options.maxLineLength ?? 500;
  }

  /** Feeds a chunk of stderr output (a `Buffer` or text). Never throws. */
  push(chunk: unknown): void {
    const text = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : String(chunk);
    const pieces = (this.#partial + text).split(/\r?\n/);
    this.#partial = (pieces.pop() ?? '').slice(-this.#maxLineLength);
    for (const piece of pieces) this.#add(piece);
  }

  /** The kept lines (including an unterminated last line), oldest first, joined with `\n`; `''` when none. */
  text(): string {
    const lines = this.#partial.trim() === '' ? this.#lines : [...this.#lines, this.#partial];
    return lines.slice(-this.#maxLines).join('\n');
  }

  #add(line: string): void {
    if (line.trim() === '') return;
    this.#lines.push(line.length > this.#maxLineLength ? `${line.slice(0, this.#maxLineLength)}…` : line);
    if (this.#lines.length > this.#maxLines) this.#lines.shift();
  }
}
