/**
 * Reads a JSON request body defensively: content type first, then the size limit while streaming (a huge
 * body is never buffered), then strict UTF-8, then JSON. Every failure is a request error with a clear
 * message; nothing here can crash the process.
 */
import { AuraError } from '@aura/events';
import type { HttpErrorData } from '../errors-to-http.js';

/** Options of {@link readJsonBody}. */
export interface ReadJsonBodyOptions {
  /** Largest accepted body in bytes. */
  readonly maxBytes: number;
}

const DECODER = new TextDecoder('utf-8', { fatal: true });

function invalid(message: string, status?: 415): AuraError<HttpErrorData> {
  return new AuraError<HttpErrorData>('REQUEST_INVALID', message, status === undefined ? {} : { data: { status } });
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
  const bytes = await readLimited(request.body, options.maxBytes);
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
        throw new AuraError<HttpErrorData>('REQUEST_INVALID', 'The request body could not be read completely', {
          cause: error,
        });
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

// The body is being abandoned because it is too large; a failure to cancel it changes nothing for the reply.
function ignoreCancelFailure(): void {}
