/**
 * Server-sent events → their `data` payloads, fed with raw response bytes as they arrive. Works on bytes: lines
 * end at LF, CR or CRLF (never inside a UTF-8 sequence), so each complete line is decoded once and a chunk that
 * splits a character or a line costs one small copy of the unfinished line.
 */

const LF = 0x0a;
const CR = 0x0d;

/**
 * Incremental SSE parser (the WHATWG event stream format) that reports each event's `data` — its `data:` lines
 * joined with `\n`, one leading space after the colon dropped — when the blank line ending the event arrives.
 * Comment lines (`:` …) and the `event`, `id` and `retry` fields are ignored; a leading byte-order mark is skipped.
 * Events without data are not reported.
 */
export class SseDataDecoder {
  #rest: Buffer | undefined;
  #data: string | undefined;
  #afterCr = false;
  #started = false;

  /** Parses `chunk`, calling `onData` for each event it completes. */
  push(chunk: Buffer, onData: (data: string) => void): void {
    let bytes = chunk;
    if (!this.#started) {
      if (this.#rest === undefined && bytes.length < 3 && isBomPrefix(bytes)) {
        this.#rest = bytes;
        return;
      }
      this.#started = true;
      if (this.#rest !== undefined) {
        bytes = Buffer.concat([this.#rest, bytes]);
        this.#rest = undefined;
      }
      if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
    }
    let start = 0;
    if (this.#afterCr) {
      this.#afterCr = false;
      if (bytes[0] === LF) start = 1;
    }
    for (let index = start; index < bytes.length; index++) {
      const byte = bytes[index];
      if (byte !== LF && byte !== CR) continue;
      if (this.#rest === undefined) this.#line(bytes.toString('utf8', start, index), onData);
      else {
        this.#line(Buffer.concat([this.#rest, bytes.subarray(start, index)]).toString('utf8'), onData);
        this.#rest = undefined;
      }
      if (byte === CR) {
        if (index + 1 === bytes.length) this.#afterCr = true;
        else if (bytes[index + 1] === LF) index++;
      }
      start = index + 1;
    }
    if (start < bytes.length) {
      const tail = bytes.subarray(start);
      this.#rest = this.#rest === undefined ? Buffer.from(tail) : Buffer.concat([this.#rest, tail]);
    }
  }

  /**
   * The body ended: an unterminated last line is parsed, and an event the stream did not close with a blank line
   * is reported (lenient: some servers end without the final blank line).
   */
  end(onData: (data: string) => void): void {
    if (this.#rest !== undefined && this.#started) {
      this.#line(this.#rest.toString('utf8'), onData);
      this.#rest = undefined;
    }
    this.#line('', onData);
  }

  #line(line: string, onData: (data: string) => void): void {
    if (line === '') {
      const data = this.#data;
      this.#data = undefined;
      if (data !== undefined) onData(data);
      return;
    }
    let value: string;
    if (line.startsWith('data:')) value = line.slice(line.charCodeAt(5) === 0x20 ? 6 : 5);
    else if (line === 'data') value = '';
    else return; // a comment (`:` …) or another field
    this.#data = this.#data === undefined ? value : `${this.#data}\n${value}`;
  }
}

function isBomPrefix(bytes: Buffer): boolean {
  const bom = [0xef, 0xbb, 0xbf];
  return bytes.every((byte, index) => byte === bom[index]);
}
