/**
 * The upstream LLM of the server benchmark, in its own process: the test kit's mock provider answering every
 * OpenAI chat request with the same fixed-TTFT, fixed-rate stream, plus a tiny control server.
 *
 * Stream: the role chunk, then `--tokens` content chunks of `--chunk-chars` characters each `--token-ms` apart,
 * the first content chunk `--ttft-ms` after the request (so the role chunk goes out at ttft − token-ms), then
 * the finish chunk, the usage chunk and `[DONE]`. A request whose last user message contains `stall` gets
 * response headers at once and its first chunk only after `--stall-ms` (idle-stream measurement).
 *
 * Control (`GET /stats` → `{ chat, open, aborted, completed }`; `POST /reset` clears the recorded requests so
 * the mock's own memory stays flat across levels). Prints one JSON line `{ "openai": <base URL>, "control":
 * <origin> }` on stdout when ready.
 *
 * Run (by bench/server.ts): `node --import tsx bench/server/mock-process.ts --ttft-ms 50 --tokens 32 ...`
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chunkSize, slowChunks, slowFirstToken, startMockProvider, text, turn, usage } from '@aura/testkit';

const args = new Map<string, string>();
for (let index = 2; index < process.argv.length; index += 2) {
  args.set(process.argv[index] ?? '', process.argv[index + 1] ?? '');
}
const TTFT_MS = Number(args.get('--ttft-ms') ?? 50);
const TOKEN_MS = Number(args.get('--token-ms') ?? 20);
const TOKENS = Number(args.get('--tokens') ?? 32);
const CHUNK_CHARS = Number(args.get('--chunk-chars') ?? 4);
const STALL_MS = Number(args.get('--stall-ms') ?? 600_000);
if (TTFT_MS < TOKEN_MS)
  throw new Error('--ttft-ms must be at least --token-ms (the role chunk precedes the first token)');

// Distinct, JSON-safe 4-character "tokens" (`t000`, `t001`, …) so every chunk carries real text.
const answer = Array.from({ length: TOKENS }, (_, index) =>
  `t${String(index % 1000).padStart(CHUNK_CHARS - 1, '0')}`.slice(0, CHUNK_CHARS),
).join('');

const mock = await startMockProvider({
  rules: [
    {
      name: 'stall',
      match: { lastUserMessage: 'stall' },
      reply: turn(text('stalled'), slowFirstToken(STALL_MS), usage(10, 1)),
    },
    {
      name: 'stream',
      reply: turn(
        text(answer),
        chunkSize(CHUNK_CHARS),
        slowFirstToken(TTFT_MS - TOKEN_MS),
        slowChunks(TOKEN_MS),
        usage(20, TOKENS),
      ),
    },
  ],
});

const control = createServer((request, response) => {
  if (request.method === 'POST' && request.url === '/reset') {
    mock.reset();
    response.end('{}');
    return;
  }
  if (request.method === 'GET' && request.url === '/stats') {
    let chat = 0;
    let open = 0;
    let aborted = 0;
    let completed = 0;
    for (const record of mock.requests) {
      if (record.kind !== 'chat') continue;
      chat += 1;
      if (record.aborted) aborted += 1;
      else if (record.completed) completed += 1;
      else open += 1;
    }
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({ chat, open, aborted, completed }));
    return;
  }
  response.statusCode = 404;
  response.end();
});
await new Promise<void>((resolve) => control.listen(0, '127.0.0.1', resolve));
const { port } = control.address() as AddressInfo;
process.stdout.write(`${JSON.stringify({ openai: mock.urls.openai, control: `http://127.0.0.1:${port}` })}\n`);
