/**
 * The binary AWS event-stream framing Bedrock's `ConverseStream` uses: each message is
 * `[total length u32][headers length u32][prelude CRC32][headers][payload][message CRC32]`, big-endian, with
 * string headers encoded as `[name length u8][name][type 7][value length u16][value]`.
 */
import { crc32 } from './crc32.js';

const STRING_HEADER = 7;
const encoder = new TextEncoder();

/** Encodes one event-stream message with string headers. */
export function encodeEventStreamMessage(headers: Readonly<Record<string, string>>, payload: Uint8Array): Uint8Array {
  const headerBytes = encodeHeaders(headers);
  const totalLength = 12 + headerBytes.length + payload.length + 4;
  const message = new Uint8Array(totalLength);
  const view = new DataView(message.buffer);
  view.setUint32(0, totalLength);
  view.setUint32(4, headerBytes.length);
  view.setUint32(8, crc32(message.subarray(0, 8)));
  message.set(headerBytes, 12);
  message.set(payload, 12 + headerBytes.length);
  view.setUint32(totalLength - 4, crc32(message.subarray(0, totalLength - 4)));
  return message;
}

/** An `event` message (`:message-type: event`) with a JSON payload. */
export function eventMessage(eventType: string, payload: unknown): Uint8Array {
  return encodeEventStreamMessage(
    { ':event-type': eventType, ':content-type': 'application/json', ':message-type': 'event' },
    encoder.encode(JSON.stringify(payload)),
  );
}

/** An `exception` message (`:message-type: exception`), as Bedrock sends mid-stream failures. */
export function exceptionMessage(exceptionType: string, message: string): Uint8Array {
  return encodeEventStreamMessage(
    { ':exception-type': exceptionType, ':content-type': 'application/json', ':message-type': 'exception' },
    encoder.encode(JSON.stringify({ message })),
  );
}

function encodeHeaders(headers: Readonly<Record<string, string>>): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const [name, value] of Object.entries(headers)) {
    const nameBytes = encoder.encode(name);
    const valueBytes = encoder.encode(value);
    const part = new Uint8Array(1 + nameBytes.length + 1 + 2 + valueBytes.length);
    const view = new DataView(part.buffer);
    part[0] = nameBytes.length;
    part.set(nameBytes, 1);
    part[1 + nameBytes.length] = STRING_HEADER;
    view.setUint16(2 + nameBytes.length, valueBytes.length);
    part.set(valueBytes, 4 + nameBytes.length);
    parts.push(part);
  }
  const result = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    result.set(part, offset);
    offset += part.length;
  }
  return result;
}
