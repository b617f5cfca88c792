/**
 * SSE frame encoding exactly as Aura writes it (server-spec §8.2): every frame ends with a blank line, no
 * `id:`/`retry:` fields, JSON compact.
 */
import { AuraError } from './aura-error.js';
import type { AuraWireEvent } from './aura-wire-event.js';

/** The stream terminator frame: `data: [DONE]\n\n`. */
export const SSE_DONE = 'data: [DONE]\n\n';

/** The heartbeat comment frame: `: heartbeat\n\n`. */
export const SSE_HEARTBEAT = ': heartbeat\n\n';

const LINE_BREAK = /\r\n|\r|\n/;

/**
 * Encodes a data-only frame (an OpenAI chunk): `data: <compact JSON>\n\n`. A string is sent verbatim
 * (e.g. `[DONE]`), one `data:` line per line of it, so any string round-trips through a WHATWG parser.
 *
 * @throws {AuraError} `SSE_ENCODE_FAILED` when `data` is not JSON-serialisable (`undefined`, a function,
 *   a BigInt, a cycle).
 */
export function encodeSseData(data: unknown): string {
  return `${dataLines(data)}\n`;
}

/**
 * Encodes a named event frame: `event: <name>\ndata: <compact JSON>\n\n` (strings as in
 * {@link encodeSseData}).
 *
 * @throws {AuraError} `SSE_ENCODE_FAILED` when `name` is empty or contains CR or LF (it would split the
 *   frame), or when `data` is not JSON-serialisable.
 */
export function encodeSseEvent(name: string, data: unknown): string {
  if (name === '' || /[\r\n]/.test(name)) {
    throw new AuraError(
      'SSE_ENCODE_FAILED',
      `Invalid SSE event name ${JSON.stringify(name)}: must be non-empty without CR/LF`,
    );
  }
  return `event: ${name}\n${dataLines(data)}\n`;
}

/** Encodes an `aura.*` event as a named frame (see {@link encodeSseEvent}). */
export function encodeAuraEvent(event: AuraWireEvent): string {
  return encodeSseEvent(event.event, event.data);
}

/**
 * Encodes a comment frame: `: <text>\n\n` (one `: ` line per line of a multi-line text). Parsers ignore
 * comments; they keep idle connections alive and let the server notice disconnects.
 */
export function encodeSseComment(text: string): string {
  let frame = '';
  for (const line of text.split(LINE_BREAK)) frame += `: ${line}\n`;
  return `${frame}\n`;
}

const encoder = new TextEncoder();

/** UTF-8 bytes of a frame produced by the encoders above, for writing to a byte stream. */
export function sseFrameToBytes(frame: string): Uint8Array {
  return encoder.encode(frame);
}

function dataLines(data: unknown): string {
  // JSON.stringify escapes CR and LF, so only strings can span lines.
  if (typeof data !== 'string') return `data: ${stringify(data)}\n`;
  const text = data;
  if (!LINE_BREAK.test(text)) return `data: ${text}\n`;
  let lines = '';
  for (const line of text.split(LINE_BREAK)) lines += `data: ${line}\n`;
  return lines;
}

function stringify(data: unknown): string {
  let json: string | undefined;
  try {
    json = JSON.stringify(data);
  } catch (error) {
    throw new AuraError('SSE_ENCODE_FAILED', `SSE data is not JSON-serialisable: ${messageOf(error)}`, {
      cause: error,
    });
  }
  if (json === undefined) {
    throw new AuraError('SSE_ENCODE_FAILED', `SSE data is not JSON-serialisable: got ${typeof data}`);
  }
  return json;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
