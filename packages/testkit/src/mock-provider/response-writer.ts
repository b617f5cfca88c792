/**
 * Writes answers to a `node:http` response with the script's timing and faults: provider-shaped HTTP
 * errors (with `Retry-After`), chunk-by-chunk streams that may stop early and drop the socket, and hangs that
 * last until the client gives up. Every wait honours the response's abort signal (client gone).
 */
import type { ServerResponse } from 'node:http';
import { faultHeaders } from '../script/fault-headers.js';
import type { HttpErrorFault, TurnFault } from '../script/model-turn.js';
import { cutForFault, playChunks } from '../script/playback.js';
import { abortableDelay, waitForAbort } from '../util/abortable-delay.js';
import type { WireChunk, WireErrorResponse } from './chat-wire.js';

/** A response being written. */
export interface ResponseControl {
  readonly response: ServerResponse;
  /** Fires when the client goes away. */
  readonly signal: AbortSignal;
  /** Drops the connection on purpose (recorded as `dropped`, not as a client abort). */
  readonly drop: () => void;
}

/** Timing and fault of an answer. */
export interface AnswerShape {
  readonly firstTokenDelayMs: number;
  readonly chunkDelayMs: number;
  readonly fault: TurnFault | undefined;
}

/** Sends a JSON body with `status`. */
export function writeJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  response.end(text);
}

/**
 * Handles the faults that replace an answer (`hang`, `http-error`). Returns `true` when it answered.
 * Rejects with the abort reason if the client leaves during a delay.
 */
export async function answerPreFault(
  control: ResponseControl,
  shape: AnswerShape,
  errorResponse: (status: number, message: string) => WireErrorResponse,
): Promise<boolean> {
  const fault = shape.fault;
  if (fault?.type === 'hang') {
    await waitForAbort(control.signal);
    return true;
  }
  if (fault?.type !== 'http-error') return false;
  await abortableDelay(shape.firstTokenDelayMs, control.signal);
  writeHttpError(control.response, fault, errorResponse);
  return true;
}

function writeHttpError(
  response: ServerResponse,
  fault: HttpErrorFault,
  errorResponse: (status: number, message: string) => WireErrorResponse,
): void {
  const shaped = errorResponse(fault.status, fault.message ?? `mock HTTP ${fault.status}`);
  const headers = { ...shaped.headers, ...faultHeaders(fault) };
  if (fault.body === undefined) {
    writeJson(response, fault.status, shaped.body, headers);
    return;
  }
  response.writeHead(fault.status, { 'content-type': 'application/json', ...headers });
  response.end(fault.body);
}

/**
 * Answers a non-streaming request: waits the first-token delay, then drops the connection (`disconnect`),
 * sends a 500 error (`stream-error`), or sends `body`.
 */
export async function answerJson(
  control: ResponseControl,
  shape: AnswerShape,
  body: () => unknown,
  errorResponse: (status: number, message: string) => WireErrorResponse,
): Promise<void> {
  await abortableDelay(shape.firstTokenDelayMs, control.signal);
  if (shape.fault?.type === 'disconnect') {
    control.drop();
    return;
  }
  if (shape.fault?.type === 'stream-error') {
    const shaped = errorResponse(500, shape.fault.message);
    writeJson(control.response, 500, shaped.body, { ...shaped.headers });
    return;
  }
  writeJson(control.response, 200, body());
}

/** Answers a streaming request: headers at once, then each chunk with the turn's timing and stream faults. */
export async function answerStream(
  control: ResponseControl,
  shape: AnswerShape,
  contentType: string,
  chunks: readonly WireChunk[],
  streamError: (message: string, errorType: string) => WireChunk[],
): Promise<void> {
  const { response, signal } = control;
  response.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-cache', connection: 'keep-alive' });
  response.flushHeaders();
  const cut = cutForFault(chunks, shape.fault, streamError);
  await playChunks({
    chunks: cut.chunks,
    firstChunkDelayMs: shape.firstTokenDelayMs,
    chunkDelayMs: shape.chunkDelayMs,
    signal,
    emit: (chunk) => writeChunk(response, chunk),
  });
  if (cut.disconnect) control.drop();
  else response.end();
}

/** Writes one chunk and waits until it is handed to the socket, so a following drop cannot lose it. */
function writeChunk(response: ServerResponse, chunk: WireChunk): Promise<void> {
  return new Promise((resolve, reject) => {
    response.write(chunk, (error) => (error ? reject(error) : resolve()));
  });
}
