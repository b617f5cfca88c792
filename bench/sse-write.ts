/**
 * How a streamed SSE frame is written to a Node `ServerResponse` (server/src/sse/node-chat-event-writer.ts):
 * 1000 open chunked responses, each sent one ~150-byte frame every 50 ms, 60 frames each, in one process with its
 * keep-alive client (the client's reading is the same for every mode). CPU per frame, as a ratio to
 * `response.write(string)` measured in the same run:
 *
 * - `string`: `response.write(frame)` — Node encodes the string in the socket's native write path;
 * - `buffer`: `response.write(Buffer.from(frame))` — what Aura does for the first write (which carries the head);
 * - `chunk`: the size line, the frame and CRLF written into one `Buffer.allocUnsafe` and that written to the socket
 *   — Aura frames the HTTP/1.1 chunk itself, what it does after the head.
 *
 * Each mode runs `--rounds` times (default 3), interleaved. Run: `npx tsx bench/sse-write.ts [--rounds 3]`.
 */
import { Agent, createServer, request, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from './server/args.js';

const args = parseArgs(process.argv.slice(2));
const ROUNDS = Number(args.get('--rounds') ?? 3);
const STREAMS = 1000;
const FRAMES = 60;
const FRAME = `data: ${JSON.stringify({
  id: 'chatcmpl-0123456789',
  object: 'chat.completion.chunk',
  created: 1_700_000_000,
  model: 'openai/bench-model',
  choices: [{ index: 0, delta: { content: 'abcd' }, finish_reason: null }],
})}\n\n`;

type Mode = 'string' | 'buffer' | 'chunk';
const WRITE: Record<Mode, (response: ServerResponse) => void> = {
  string: (response) => response.write(FRAME),
  buffer: (response) => response.write(Buffer.from(FRAME, 'utf8')),
  chunk: (response) => {
    const length = Buffer.byteLength(FRAME, 'utf8');
    const size = length.toString(16);
    const chunk = Buffer.allocUnsafe(size.length + length + 4);
    let offset = chunk.write(size, 0, 'latin1');
    offset += chunk.write('\r\n', offset, 'latin1');
    offset += chunk.write(FRAME, offset, 'utf8');
    chunk.write('\r\n', offset, 'latin1');
    response.socket?.write(chunk);
  },
};

/** µs of process CPU per frame written (and read by the in-process client). */
async function measure(mode: Mode): Promise<number> {
  const open: ServerResponse[] = [];
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    // The first write goes through `response.write` in every mode: it carries the head.
    response.write(': open\n\n');
    open.push(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const agent = new Agent({ keepAlive: true, maxSockets: STREAMS });
  let ended = 0;
  let bytes = 0;
  for (let index = 0; index < STREAMS; index += 1) {
    request({ agent, port, path: '/' }, (response) => {
      response.on('data', (data: Buffer) => {
        bytes += data.length;
      });
      response.on('end', () => {
        ended += 1;
      });
    }).end();
  }
  while (open.length < STREAMS) await new Promise((resolve) => setTimeout(resolve, 10));
  const before = process.cpuUsage();
  for (let frame = 0; frame < FRAMES; frame += 1) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    for (const response of open) WRITE[mode](response);
  }
  for (const response of open) response.end();
  while (ended < STREAMS) await new Promise((resolve) => setTimeout(resolve, 10));
  const cpu = process.cpuUsage(before);
  const expected = STREAMS * FRAMES * Buffer.byteLength(FRAME);
  if (bytes < expected) throw new Error(`${mode}: the client read ${bytes} bytes, expected at least ${expected}`);
  agent.destroy();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  return (cpu.user + cpu.system) / (STREAMS * FRAMES);
}

const results: Record<Mode, number[]> = { string: [], buffer: [], chunk: [] };
for (let round = 0; round < ROUNDS; round += 1) {
  for (const mode of ['string', 'buffer', 'chunk'] as const) results[mode].push(await measure(mode));
}
const median = (values: readonly number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const baseline = median(results.string);
console.log(`SSE frame writes: ${STREAMS} open responses × ${FRAMES} frames, ${ROUNDS} rounds (median)`);
for (const mode of ['string', 'buffer', 'chunk'] as const) {
  const value = median(results[mode]);
  console.log(
    `  ${mode.padEnd(6)} ${value.toFixed(2)} µs CPU per frame  ×${(value / baseline).toFixed(2)} of string  ` +
      `(runs: ${results[mode].map((v) => v.toFixed(2)).join(', ')})`,
  );
}
