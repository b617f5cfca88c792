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

function sendWithNodeHttp(request: ChatHttpRequest): Promise<RawResponse> {
  const url = new URL(request.url);
  const secure = url.protocol === 'https:';
  return new Promise<RawResponse>((resolve, reject) => {
    const signal = request.signal;
    const req = (secure ? https : http).request(url, {
      method: 'POST',
      agent: secure ? httpsAgent : httpAgent,
      headers: { ...request.headers, 'content-length': String(Buffer.byteLength(request.body)) },
    });
    let settled = false;
    const onAbort = (): void => {
      req.destroy(signal === undefined ? undefined : toError(abortReason(signal)));
    };
    const cleanUp = (): void => {
      signal?.removeEventListener('abort', onAbort);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    req.once('response', (res) => {
      settled = true;
      // The body's reader owns aborts from now on (see ResponsePartReader); errors surface on `res`.
      cleanUp();
      resolve({ status: res.statusCode ?? 0, statusText: res.statusMessage ?? '', headers: headersOf(res), body: res });
    });
    req.on('error', (error) => {
      cleanUp();
      if (settled) return;
      settled = true;
      if (signal?.aborted) reject(abortReason(signal));
      else reject(connectError(request, error));
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

function headersOf(res: http.IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(res.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
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
