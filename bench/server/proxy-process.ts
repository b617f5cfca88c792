/**
 * The floor of the server benchmark: a bare `node:http` pass-through proxy. `POST /v1/chat/completions` is
 * forwarded to `<upstream>/v1/chat/completions` over a keep-alive agent and the streamed answer is piped back
 * untouched (status, headers minus hop-by-hop ones, every chunk as it arrives); a client that leaves cancels
 * the upstream request. `GET /health` answers 200. Listens on 127.0.0.1:<port> (default 0 = any) and prints
 * `{ "port": <n> }` on stdout.
 *
 * It imports nothing but `node:http`, so bench/server.ts transpiles it to plain JavaScript and runs it with
 * `node` alone: its RSS is Node's plus the proxy's, with no loader in the way.
 *
 * Run (by bench/server.ts): `node proxy-process.mjs <upstream origin> [port]`
 */
import { Agent, createServer, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

const upstream = new URL(process.argv[2] ?? 'http://127.0.0.1:1');
const agent = new Agent({ keepAlive: true });
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'proxy-connection', 'upgrade', 'host']);

function forwardable(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const result: IncomingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) if (!HOP_BY_HOP.has(name)) result[name] = value;
  return result;
}

const server = createServer((request, response) => {
  if (request.method === 'GET' && request.url === '/health') {
    response.end('ok');
    return;
  }
  if (request.method !== 'POST' || request.url !== '/v1/chat/completions') {
    response.statusCode = 404;
    response.end();
    return;
  }
  const outgoing = httpRequest(
    {
      agent,
      host: upstream.hostname,
      port: upstream.port,
      method: 'POST',
      path: '/v1/chat/completions',
      headers: forwardable(request.headers),
    },
    (incoming) => {
      response.writeHead(incoming.statusCode ?? 502, forwardable(incoming.headers));
      response.flushHeaders();
      incoming.pipe(response);
    },
  );
  outgoing.on('error', () => {
    if (!response.headersSent) {
      response.statusCode = 502;
      response.end();
    } else response.destroy();
  });
  response.on('close', () => {
    if (!response.writableFinished) outgoing.destroy();
  });
  request.pipe(outgoing);
});
server.listen(Number(process.argv[3] ?? 0), '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`${JSON.stringify({ port })}\n`);
});
