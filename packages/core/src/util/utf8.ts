/**
 * UTF-8 byte arithmetic. The reference measures and cuts text in UTF-8 bytes (Rust `String::len`,
 * `floor_char_boundary`); JavaScript strings are UTF-16, so budgets expressed in bytes go through here.
 */

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8');

/** Number of bytes `text` takes in UTF-8 (lone surrogates count as U+FFFD, 3 bytes). */
export function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && isLowSurrogate(text.charCodeAt(index + 1))) {
      bytes += 4;
      index += 1;
    } else bytes += 3;
  }
  return bytes;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** UTF-8 encoding of `text`. */
export function encodeUtf8(text: string): Uint8Array {
  return encoder.encode(text);
}

/** Decodes a UTF-8 byte range that starts and ends on character boundaries. */
export function decodeUtf8(bytes: Uint8Array, start = 0, end = bytes.length): string {
  return decoder.decode(bytes.subarray(start, end));
}

/**
 * Largest index `<= index` that is a UTF-8 character boundary of `bytes` (Rust `floor_char_boundary`).
 * Indexes past the end clamp to `bytes.length`; negative indexes clamp to 0.
 */
export function floorCharBoundary(bytes: Uint8Array, index: number): number {
  if (index >= bytes.length) return bytes.length;
  let at = Math.max(0, index);
  while (at > 0 && ((bytes[at] ?? 0) & 0xc0) === 0x80) at -= 1;
  return at;
}

/** The longest prefix of `text` that fits in `maxBytes` UTF-8 bytes without splitting a character. */
export function truncateUtf8(text: string, maxBytes: number): string {
  const bytes = encodeUtf8(text);
  if (bytes.length <= maxBytes) return text;
  return decodeUtf8(bytes, 0, floorCharBoundary(bytes, maxBytes));
}
