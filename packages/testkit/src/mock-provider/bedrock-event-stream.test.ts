import { describe, expect, it } from 'vitest';
import { encodeEventStreamMessage, eventMessage } from './bedrock-event-stream.js';
import { crc32 } from './crc32.js';

/** Independent reader of the framing, to check what the encoder wrote. */
function decode(message: Uint8Array) {
  const view = new DataView(message.buffer, message.byteOffset, message.byteLength);
  const total = view.getUint32(0);
  const headersLength = view.getUint32(4);
  const headers: Record<string, string> = {};
  let offset = 12;
  while (offset < 12 + headersLength) {
    const nameLength = message[offset] ?? 0;
    const name = new TextDecoder().decode(message.subarray(offset + 1, offset + 1 + nameLength));
    offset += 1 + nameLength;
    expect(message[offset]).toBe(7);
    const valueLength = view.getUint16(offset + 1);
    headers[name] = new TextDecoder().decode(message.subarray(offset + 3, offset + 3 + valueLength));
    offset += 3 + valueLength;
  }
  return {
    total,
    preludeCrcOk: view.getUint32(8) === crc32(message.subarray(0, 8)),
    messageCrcOk: view.getUint32(total - 4) === crc32(message.subarray(0, total - 4)),
    headers,
    payload: new TextDecoder().decode(message.subarray(12 + headersLength, total - 4)),
  };
}

describe('crc32', () => {
  it('matches the standard check value', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array())).toBe(0);
  });
});

describe('encodeEventStreamMessage', () => {
  it('writes lengths, both CRCs, string headers and the payload', () => {
    const message = eventMessage('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'héllo' } });
    const decoded = decode(message);
    expect(decoded.total).toBe(message.length);
    expect(decoded.preludeCrcOk).toBe(true);
    expect(decoded.messageCrcOk).toBe(true);
    expect(decoded.headers).toEqual({
      ':event-type': 'contentBlockDelta',
      ':content-type': 'application/json',
      ':message-type': 'event',
    });
    expect(JSON.parse(decoded.payload)).toEqual({ contentBlockIndex: 0, delta: { text: 'héllo' } });
  });

  it('handles an empty payload and no headers', () => {
    const message = encodeEventStreamMessage({}, new Uint8Array());
    expect(message.length).toBe(16);
    expect(decode(message)).toMatchObject({ preludeCrcOk: true, messageCrcOk: true, payload: '' });
  });
});
