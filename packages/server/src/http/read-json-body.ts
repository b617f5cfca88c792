/**
 * Reads a JSON request body defensively: content type first, then the size limit while streaming (a huge
 * body is never buffered), then strict UTF-8, then JSON. Every failure is a request error with a clear
 * message; nothing here can crash the process.
 */
import type { IncomingMessage } from 'node:http';
import { AuraError } from '@aura/events';
import type { HttpErrorData } from '../errors-to-http.js';

/** Options of {@link readJsonBody}. */
export interface ReadJsonBodyOptions {
  /** Largest accepted body in bytes. */
  readonly maxBytes: number;
  /**
   * The Node request behind `request` (served by `@hono/node-server`): its body is read from the Node stream
   * directly, so no WHATWG `Request` and body stream are built for it. `request`'s body must then stay unread.
   */
  readonly incoming?: IncomingMessage | undefined;
}

const DECODER = new TextDecoder('utf-8', { fatal: true });

function invalid(message: string, status?: 415): AuraError<HttpErrorData> {
  return new AuraError<HttpErrorData>('REQUEST_INVALID', message, status === undefined ? {} : { data: { status } });
}

function incomplete(cause?: unknown): AuraError<HttpErrorData> {
  return new AuraError<HttpErrorData>(
    'REQUEST_INVALID',
    'The request body could not be read completely',
    cause === undefined ? {} : { cause },
  );
}

function tooLarge(maxBytes: number): AuraError {
  return new AuraError(
    'PAYLOAD_TOO_LARGE',
    `Request body is larger than the limit of ${maxBytes} bytes (AURA_MAX_BODY_BYTES)`,
  );
}

/**
 * Checks `Content-Type: application/json` (parameters allowed; a charset other than UTF-8 is refused).
 *
 * @throws {AuraError} `REQUEST_INVALID` with `data.status` 415 otherwise.
 */
export function requireJsonContentType(contentType: string | null | undefined): void {
  const [mediaType = '', ...parameters] = (contentType ?? '').split(';').map((part) => part.trim().toLowerCase());
  if (mediaType !== 'application/json') {
    const got = contentType === null || contentType === undefined || contentType.trim() === '' ? 'none' : contentType;
    throw invalid(`Content-Type must be application/json (got ${got})`, 415);
  }
  const charset = parameters.find((parameter) => parameter.startsWith('charset='))?.slice('charset='.length);
  if (charset !== undefined && charset.replaceAll('"', '') !== 'utf-8' && charset.replaceAll('"', '') !== 'utf8') {
    throw invalid(`Unsupported charset '${charset}': request bodies must be UTF-8`, 415);
  }
}

/**
 * Reads and parses the JSON body of `request`.
 *
 * @returns the parsed value (any JSON value; the caller validates its shape).
 * @throws {AuraError} `REQUEST_INVALID` 415 for a wrong content type; `PAYLOAD_TOO_LARGE` (413) when
 *   `Content-Length` or the bytes read exceed `maxBytes` (reading stops at once); `REQUEST_INVALID` 400 for
 *   an empty body, a body that is not valid UTF-8, or invalid JSON.
 */
export async function readJsonBody(request: Request, options: ReadJsonBodyOptions): Promise<unknown> {
  requireJsonContentType(request.headers.get('content-type'));
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > options.maxBytes) throw tooLarge(options.maxBytes);
  const bytes =
    options.incoming === undefined
      ? await readLimited(request.body, options.maxBytes)
      : await readIncomingLimited(options.incoming, options.maxBytes);
  let text: string;
  try {
    text = DECODER.decode(bytes);
  } catch {
    throw invalid('Request body is not valid UTF-8');
  }
  if (text.trim() === '') throw invalid('Request body is empty; expected a JSON object');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const detail = error instanceof SyntaxError ? `: ${error.message}` : '';
    throw invalid(`Request body is not valid JSON${detail}`);
  }
}

async function readLimited(body: ReadableStream<Uint8Array> | null, maxBytes: number): Promise<Uint8Array> {
  if (body === null) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read().catch((error: unknown) => {
        // The client went away or the connection broke mid-upload.
        throw incomplete(error);
      });
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(ignoreCancelFailure);
        throw tooLarge(maxBytes);
      }
      chunks.push(value);
    }
  } finally {
    reader.releaseLock();
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

function readIncomingLimited(incoming: IncomingMessage, maxBytes: number): Promise<Uint8Array> {
  return new Promise<Uint8Array>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = (): void => {
      incoming.off('data', onData);
      incoming.off('end', onEnd);
      incoming.off('error', onError);
      incoming.off('close', onClose);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.byteLength;
      if (size > maxBytes) {
        cleanup();
        // Reading stops here; the adapter drains (bounded) or closes the connection after the 413 is sent.
        incoming.pause();
        reject(tooLarge(maxBytes));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      cleanup();
      resolve(chunks.length === 1 && chunks[0] !== undefined ? chunks[0] : Buffer.concat(chunks, size));
    };
    const onError = (error: Error): void => {
      cleanup();
      reject(incomplete(error));
    };
    const onClose = (): void => {
      // 'end' precedes 'close' for a complete body; a close without it is a broken upload.
      cleanup();
      reject(incomplete());
    };
    if (incoming.readableEnded) {
      // Only possible when something else consumed the body; there is nothing left to read.
      resolve(new Uint8Array(0));
      return;
    }
    if (incoming.destroyed) {
      // The connection closed before the body was read: no event will come.
      reject(incomplete(incoming.errored ?? undefined));
      return;
    }
    incoming.on('data', onData);
    incoming.on('end', onEnd);
    incoming.on('error', onError);
    incoming.on('close', onClose);
  });
}

// The body is being abandoned because it is too large; a failure to cancel it changes nothing for the reply.
function ignoreCancelFailure(): void {}
