/**
 * The streamed response on the wire, read from a raw socket: after the head, frames are written to the socket
 * framed as HTTP/1.1 chunks by Aura itself (node-chat-event-writer.ts) — every chunk's size line must match its
 * data, with and without the first heartbeat, with Aura's client's direct events and the package's generator
 * path; an HTTP/1.0 client gets the plain body.
 */
import { connect } from 'node:net';
import { chunkSize, text, turn } from '@aura/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { agentConfig, OPENAI_CLIENTS, TestHarness } from './server-fixtures.js';

const harness = new TestHarness();
afterEach(() => harness.cleanup());

/** Sends `head` + `body` on a raw connection and returns every byte until the server closes or ends the body. */
function rawExchange(port: number, version: '1.0' | '1.1', body: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const received: Buffer[] = [];
    const finish = (): void => {
      socket.destroy();
      resolve(Buffer.concat(received));
    };
    socket.on('data', (data: Buffer) => {
      received.push(data);
      // HTTP/1.1 keeps the connection: the last chunk ends the body.
      if (version === '1.1' && Buffer.concat(received).includes('\r\n0\r\n\r\n')) finish();
    });
    socket.on('end', finish);
    socket.on('error', reject);
    socket.write(
      `POST /v1/chat/completions HTTP/${version}\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  });
}

/** Splits a chunked body into its chunks, checking each size line against its data; throws on bad framing. */
function dechunk(body: Buffer): string[] {
  const chunks: string[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = body.indexOf('\r\n', at);
    if (lineEnd < 0) throw new Error(`no size line at byte ${at}`);
    const size = Number.parseInt(body.toString('latin1', at, lineEnd), 16);
    if (!Number.isInteger(size)) throw new Error(`bad size line at byte ${at}`);
    const dataStart = lineEnd + 2;
    if (size === 0) {
      expect(body.subarray(dataStart).toString()).toBe('\r\n');
      return chunks;
    }
    const dataEnd = dataStart + size;
    expect(body.subarray(dataEnd, dataEnd + 2).toString()).toBe('\r\n');
    chunks.push(body.toString('utf8', dataStart, dataEnd));
    at = dataEnd + 2;
  }
}

const request = JSON.stringify({ messages: [{ role: 'user', content: 'go' }], stream: true });
const ANSWER = 'Grüße, 世界 — one two three';

describe.each(OPENAI_CLIENTS)('the streamed body on the wire (%s)', (_client, llm) => {
  for (const heartbeatIntervalSecs of [0, 15]) {
    it(`HTTP/1.1: every chunk is framed with its exact byte size (heartbeat ${heartbeatIntervalSecs} s)`, async () => {
      const mock = await harness.startMock();
      mock.enqueue(turn(text(ANSWER), chunkSize(3)));
      const server = await harness.serve([{ id: 'a', config: agentConfig({ name: 'a', llm }) }], {
        heartbeatIntervalSecs,
      });
      const raw = await rawExchange(server.http.port, '1.1', request);
      const split = raw.indexOf('\r\n\r\n');
      const head = raw.toString('latin1', 0, split);
      expect(head).toMatch(/^HTTP\/1\.1 200/);
      expect(head.toLowerCase()).toContain('transfer-encoding: chunked');
      const chunks = dechunk(raw.subarray(split + 4));
      const body = chunks.join('');
      const deltas = body
        .split('\n\n')
        .filter((frame) => frame.startsWith('data: {'))
        .map((frame) => JSON.parse(frame.slice(6)) as { choices: { delta: { content?: string } }[] })
        .map((chunk) => chunk.choices[0]?.delta.content ?? '')
        .join('');
      expect(deltas).toBe(ANSWER);
      expect(body.endsWith('data: [DONE]\n\n')).toBe(true);
      if (heartbeatIntervalSecs > 0) expect(chunks[0]?.startsWith(':')).toBe(true);
    });
  }

  it('HTTP/1.0: the body is the plain SSE stream, ended by closing the connection', async () => {
    const mock = await harness.startMock();
    mock.enqueue(turn(text(ANSWER), chunkSize(3)));
    const server = await harness.serve([{ id: 'a', config: agentConfig({ name: 'a', llm }) }]);
    const raw = await rawExchange(server.http.port, '1.0', request);
    const split = raw.indexOf('\r\n\r\n');
    expect(raw.toString('latin1', 0, split).toLowerCase()).not.toContain('transfer-encoding');
    const body = raw.toString('utf8', split + 4);
    expect(body).toMatch(/^(: [^\n]*\n\n)?data: \{/);
    expect(body.endsWith('data: [DONE]\n\n')).toBe(true);
    expect(body).toContain('"content":"Grü"');
    expect(body).not.toContain('\r\n');
  });
});
