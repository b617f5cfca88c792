/**
 * POSTing a JSON request to a Chat Completions endpoint and getting the response head and a Node byte stream of
 * its body — over `node:http` / `node:https` with process-wide keep-alive agents (a WHATWG `fetch` response costs
 * a web stream, a text decoder stream and an SSE parser stream per request, and ~3× the memory of an open
 * stream), or over a caller's `fetch` when one is configured. Failures are AI SDK `APICallError`s shaped as
 * `@ai-sdk/provider-utils`' `postJsonToApi` shapes them, so retries and error mapping see no difference.
 */

import http from 'node:http';
import https from 'node:https';
import { Readable } from 'node:stream';
import { APICallError } from '@ai-sdk/provider';
import { isJsonObject, tryParseJson } from '../../util/json-value.js';

/** A response whose status is 2xx: its head and its body. */
export interface ChatHttpResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: Readable;
}

/** One request. */
export interface ChatHttpRequest {
  readonly url: string;
  readonly headers: Record<string, string>;
  /** The parsed body (kept on errors as `requestBodyValues`). */
  readonly bodyValues: unknown;
  readonly body: string;
  readonly signal?: AbortSignal | undefined;
  /** Use this `fetch` instead of `node:http`. */
  readonly fetch?: typeof globalThis.fetch | undefined;
}

// The keep-alive pool of provider connections:
// - idle sockets are closed after 4 s — before the 5 s keep-alive timeout of Node servers, so a request is not
//   written to a socket the server is closing;
// - every idle socket is kept until then (Node's default keeps 256 and destroys the rest: after a burst of 1000
//   streams ended, 700 connections were closed and re-opened moments later, which put their connect on the time to
//   first token of the next streams);
// - `fifo` rotates through the pool, so under steady load no socket sits idle long enough to expire (with `lifo`
//   the sockets at the bottom of the pool expire and are re-opened at the next peak); when the load drops, the
//   surplus sockets idle out.
const AGENT_OPTIONS = {
  keepAlive: true,
  scheduling: 'fifo',
  timeout: 4000,
  maxFreeSockets: Number.POSITIVE_INFINITY,
} as const;
const httpAgent = new http.Agent(AGENT_OPTIONS);
const httpsAgent = new https.Agent(AGENT_OPTIONS);

/** An error body is read up to this size for the error message. */
const MAX_ERROR_BODY_BYTES = 1 << 20;

/**
 * Sends `request`; resolves with a 2xx response once its head arrived.
 * @throws APICallError for a non-2xx status (message from the body's `error.message`, else the status text;
 *   retryable for 408, 409, 429 and 5xx) and, as `Cannot connect to API: …` (retryable), for a failure to send.
 * @throws the signal's reason (an `AbortError` by default) when `request.signal` aborts first.
 */
export async function postChatRequest(request: ChatHttpRequest): Promise<ChatHttpResponse> {
  const signal = request.signal;
  if (signal?.aborted) throw abortReason(signal);
  const response = request.fetch === undefined ? await sendWithNodeHttp(request) : await sendWithFetch(request);
  if (response.status >= 200 && response.status < 300) return response;
  const text = await readText(response.body, { limit: MAX_ERROR_BODY_BYTES, signal });
  throw httpError(request, response, text);
}

/** The reason a signal aborted with: its `reason`, or an `AbortError`. */
export function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}

/**
 * Reads `body` to the end as UTF-8, stopping after `limit` bytes.
 * @throws the signal's reason when `signal` aborts first (the body is destroyed).
 */
export async function readText(
  body: Readable,
  options: { readonly limit?: number; readonly signal?: AbortSignal | undefined } = {},
): Promise<string> {
  const { limit = Number.POSITIVE_INFINITY, signal } = options;
  if (signal?.aborted) {
    body.destroy();
    throw abortReason(signal);
  }
  const onAbort = (): void => {
    body.destroy();
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of body) {
      const bytes = toBuffer(chunk as Uint8Array);
      chunks.push(bytes);
      size += bytes.length;
      if (size >= limit) {
        body.destroy();
        break;
      }
    }
  } catch (error) {
    throw signal?.aborted ? abortReason(signal) : error;
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
  if (signal?.aborted) throw abortReason(signal);
  return Buffer.concat(chunks).toString('utf8');
}

/** A chunk of a body stream as a `Buffer` (a fetch body yields plain `Uint8Array`s). */
export function toBuffer(chunk: Uint8Array): Buffer {
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

interface RawResponse extends ChatHttpResponse {
  readonly statusText: string;
}

/** Where the requests to one URL go (parsed once: a model sends every call to the same URL). */
interface Target {
  readonly secure: boolean;
  readonly host: string;
  readonly port: number;
  readonly path: string;
  /** The `Host` header. */
  readonly hostHeader: string;
  /** `Basic …` when the URL carries credentials (as `http.request(url)` would send them). */
  readonly basicAuth: string | undefined;
}

const targets = new Map<string, Target>();

function targetOf(url: string): Target {
  const known = targets.get(url);
  if (known !== undefined) return known;
  const parsed = new URL(url);
  const secure = parsed.protocol === 'https:';
  if (!secure && parsed.protocol !== 'http:') throw new TypeError(`Protocol "${parsed.protocol}" not supported`);
  const hostname = parsed.hostname.startsWith('[') ? parsed.hostname.slice(1, -1) : parsed.hostname;
  const credentials =
    parsed.username === '' && parsed.password === ''
      ? undefined
      : `${decodeURIComponent(parsed.username)}:${decodeURIComponent(parsed.password)}`;
  const target: Target = {
    secure,
    host: hostname,
    port: parsed.port === '' ? (secure ? 443 : 80) : Number(parsed.port),
    path: `${parsed.pathname}${parsed.search}`,
    hostHeader: parsed.host,
    basicAuth: credentials === undefined ? undefined : `Basic ${Buffer.from(credentials).toString('base64')}`,
  };
  // A handful of URLs per process in practice; bounded all the same.
  if (targets.size >= 64) targets.clear();
  targets.set(url, target);
  return target;
}

/**
 * The request head as Node's raw `[name, value, …]` list: Node writes it as it is, without the per-request header
 * map `setHeader` builds (a dozen objects kept for the request's life).
 */
function headerList(target: Target, request: ChatHttpRequest): string[] {
  const list: string[] = [];
  if (request.headers.host === undefined) list.push('host', target.hostHeader);
  if (target.basicAuth !== undefined && request.headers.authorization === undefined) {
    list.push('authorization', target.basicAuth);
  }
  for (const name in request.headers) {
    const value = request.headers[name];
    if (value !== undefined) list.push(name, value);
  }
  list.push('content-length', String(Buffer.byteLength(request.body)));
  return list;
}

/** A request error after the response head arrived: the body's reader sees the failure on the response. */
function ignoreLateError(): void {}

function sendWithNodeHttp(request: ChatHttpRequest): Promise<RawResponse> {
  return new Promise<RawResponse>((resolve, reject) => {
    let target: Target;
    try {
      target = targetOf(request.url);
    } catch (error) {
      // A malformed URL or an unsupported protocol: nothing to retry.
      reject(error);
      return;
    }
    const signal = request.signal;
    // Only what Node needs: the keep-alive agent keeps these options for the life of the connection it opens.
    const req = (target.secure ? https : http).request({
      host: target.host,
      port: target.port,
      path: target.path,
      method: 'POST',
      agent: target.secure ? httpsAgent : httpAgent,
      headers: headerList(target, request),
    });
    const onAbort = (): void => {
      req.destroy(signal === undefined ? undefined : toError(abortReason(signal)));
    };
    const onError = (error: Error): void => {
      signal?.removeEventListener('abort', onAbort);
      if (signal?.aborted) reject(abortReason(signal));
      else reject(connectError(request, error));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    req.on('error', onError);
    req.once('response', (res) => {
      // The body's reader owns aborts and failures from now on (see ResponsePartReader). A later request error
      // still needs a listener, but none that keeps this request's state alive for the rest of the stream.
      signal?.removeEventListener('abort', onAbort);
      req.off('error', onError);
      req.on('error', ignoreLateError);
      resolve({ status: res.statusCode ?? 0, statusText: res.statusMessage ?? '', headers: headersOf(res), body: res });
    });
    req.end(request.body);
  });
}

async function sendWithFetch(request: ChatHttpRequest): Promise<RawResponse> {
  const send = request.fetch ?? globalThis.fetch;
  let response: Response;
  try {
    response = await send(request.url, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
      ...(request.signal === undefined ? {} : { signal: request.signal }),
    });
  } catch (error) {
    if (request.signal?.aborted) throw abortReason(request.signal);
    throw connectError(request, error);
  }
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const body =
    response.body === null
      ? Readable.from([])
      : Readable.fromWeb(response.body as import('node:stream/web').ReadableStream<Uint8Array>);
  return { status: response.status, statusText: response.statusText, headers, body };
}

/**
 * The response headers as one string per name: Node's own record when every value already is one (it is kept for
 * the stream's life either way, so no copy of it is), else a copy with repeated values (`set-cookie`) joined.
 */
function headersOf(res: http.IncomingMessage): Record<string, string> {
  const headers = res.headers;
  for (const name in headers) {
    if (typeof headers[name] !== 'string') return joinedHeaders(headers);
  }
  return headers as Record<string, string>;
}

function joinedHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const joined: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) joined[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return joined;
}

function httpError(request: ChatHttpRequest, response: RawResponse, text: string): APICallError {
  const parsed = tryParseJson(text);
  const error = parsed.ok && isJsonObject(parsed.value) ? parsed.value.error : undefined;
  const message = isJsonObject(error) && typeof error.message === 'string' ? error.message : response.statusText;
  const status = response.status;
  return new APICallError({
    message: message === '' ? `HTTP ${status}` : message,
    url: request.url,
    requestBodyValues: request.bodyValues,
    statusCode: status,
    responseHeaders: response.headers,
    responseBody: text,
    isRetryable: status === 408 || status === 409 || status === 429 || status >= 500,
    ...(parsed.ok ? { data: parsed.value } : {}),
  });
}

function connectError(request: ChatHttpRequest, error: unknown): APICallError {
  const detail = error instanceof Error ? (error.cause instanceof Error ? error.cause : error).message : String(error);
  return new APICallError({
    message: `Cannot connect to API: ${detail}`,
    url: request.url,
    requestBodyValues: request.bodyValues,
    cause: error,
    isRetryable: true,
  });
}

function toError(reason: unknown): Error {
  return reason instanceof Error ? reason : new DOMException('This operation was aborted', 'AbortError');
}
