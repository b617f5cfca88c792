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
    // Line ends are found with the native `indexOf` (a chunk is mostly one `data:` line and a blank line); the
    // CR search runs again only once the LF found is past the last CR seen.
    let nextCr = bytes.indexOf(CR, start);
    while (start < bytes.length) {
      let end = bytes.indexOf(LF, start);
      if (nextCr !== -1 && nextCr < start) nextCr = bytes.indexOf(CR, start);
      let byte = LF;
      if (nextCr !== -1 && (end === -1 || nextCr < end)) {
        end = nextCr;
        byte = CR;
      }
      if (end === -1) break;
      if (this.#rest === undefined) this.#bytesLine(bytes, start, end, onData);
      else {
        this.#line(Buffer.concat([this.#rest, bytes.subarray(start, end)]).toString('utf8'), onData);
        this.#rest = undefined;
      }
      if (byte === CR) {
        if (end + 1 === bytes.length) this.#afterCr = true;
        else if (bytes[end + 1] === LF) end++;
      }
      start = end + 1;
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

  /** The line `bytes[start, end)`: a `data: ` line's value is decoded straight from the bytes. */
  #bytesLine(bytes: Buffer, start: number, end: number, onData: (data: string) => void): void {
    if (
      end - start >= 6 &&
      bytes[start] === 0x64 && // d
      bytes[start + 1] === 0x61 && // a
      bytes[start + 2] === 0x74 && // t
      bytes[start + 3] === 0x61 && // a
      bytes[start + 4] === 0x3a && // :
      bytes[start + 5] === 0x20 // space
    ) {
      const value = bytes.toString('utf8', start + 6, end);
      this.#data = this.#data === undefined ? value : `${this.#data}\n${value}`;
    } else this.#line(start === end ? '' : bytes.toString('utf8', start, end), onData);
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
