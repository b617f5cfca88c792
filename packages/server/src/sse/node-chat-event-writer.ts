/**
 * A streamed chat completion written straight to Node's `ServerResponse`: one write per runtime event (its frames
 * coalesced into one buffer — after the head, one chunk-framed buffer written to the socket itself), no web
 * stream. Backpressure is `write()`'s return value plus `'drain'`: once the socket refuses, at most `bufferSize`
 * more frames are queued before the run is paused until the socket drains. The response closing before the stream
 * ended is a client disconnect.
 */
import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import {
  type ChatEventPump,
  type ChatEventPumpOptions,
  type ChatEventSink,
  createChatEventPump,
} from './chat-event-pump.js';
import type { ChatStreamOutcome } from './chat-stream-options.js';

/** Options of {@link writeChatEventsToNode}. */
export interface NodeChatEventWriterOptions extends ChatEventPumpOptions {
  /** Frames that may be queued after the socket stopped accepting before the run is paused (`STREAMING_BUFFER_SIZE`). */
  readonly bufferSize: number;
  /** The response head, written at once with status 200. */
  readonly headers: OutgoingHttpHeaders;
}

/** A stream being written and its controls. */
export interface NodeChatEventWriter {
  /** Ends the stream for server shutdown: the run is aborted, the closing sequence and `[DONE]` are sent. */
  shutdown(): void;
  /** Ends the stream because the client went away: the run is aborted, the connection is destroyed. */
  disconnect(): void;
  /** Settles once the stream has ended and the run's generator has been finalised. Never rejects. */
  readonly closed: Promise<ChatStreamOutcome>;
}

const CR = 13;
const LF = 10;

/**
 * The frames as one HTTP/1.1 body chunk (size line, data, CRLF) in one `Buffer`, for a write straight to the
 * socket: one socket write per event instead of `response.write`'s cork, four buffered writes, next-tick uncork
 * and `writev` (0.93× the CPU per frame of writing the string, `bench/sse-write.ts`; fewer allocations per
 * stream in the server, docs/performance.md). The pieces are written into the buffer one after the other: a
 * template string around the data would be flattened into a second copy of the frame on the heap.
 */
function chunkOf(frames: readonly string[]): Buffer {
  const data = frames.length === 1 ? (frames[0] ?? '') : frames.join('');
  const length = Buffer.byteLength(data, 'utf8');
  const size = length.toString(16);
  const chunk = Buffer.allocUnsafe(size.length + length + 4);
  let offset = chunk.write(size, 0, 'latin1');
  chunk[offset++] = CR;
  chunk[offset++] = LF;
  offset += chunk.write(data, offset, 'utf8');
  chunk[offset++] = CR;
  chunk[offset] = LF;
  return chunk;
}

/**
 * The socket the next body chunk may be written to directly (framed by {@link chunkOf}), when that is exactly what
 * `response.write` would send: the head is on the socket already (`headSent`: the first write always goes through
 * `response.write`, which sends the head with it), the body is chunked (an HTTP/1.0 client gets a plain body through
 * `response.write`), the socket is this response's (a pipelined response waiting its turn has none) and nothing of
 * the response still waits in its own buffer (its `writableLength` is all in the socket's).
 */
function directSocket(response: ServerResponse, headSent: boolean): Socket | undefined {
  const socket = response.socket;
  if (!headSent || socket === null || response.writableEnded || !socket.writable) return undefined;
  // `chunkedEncoding` is OutgoingMessage's own (long-standing, undocumented) flag for the chunked body framing.
  if ((response as { readonly chunkedEncoding?: unknown }).chunkedEncoding !== true) return undefined;
  return response.writableLength === socket.writableLength ? socket : undefined;
}

/**
 * The frames as one UTF-8 `Buffer`, for `response.write` (the first write, which carries the head, and responses
 * that are not written directly). Written as a string, each write would be encoded in the socket's native write
 * path (a `malloc` and a copy per write); `Buffer.from` encodes small strings into Node's shared buffer pool
 * (0.98× the CPU per frame, `bench/sse-write.ts`).
 */
function encoded(frames: readonly string[]): Buffer {
  return Buffer.from(frames.length === 1 ? (frames[0] ?? '') : frames.join(''), 'utf8');
}

/**
 * Writes the head (status 200, `options.headers`) and the first heartbeat at once, then streams the run's
 * frames (endings as in `createChatEventPump`). The caller must not write to `response` afterwards.
 */
export function writeChatEventsToNode(
  response: ServerResponse,
  options: NodeChatEventWriterOptions,
): NodeChatEventWriter {
  return new NodeWriter(response, options);
}

/**
 * The writer and the pump's sink as one instance (it lives as long as the stream: fields, not closures; only the
 * two listeners Node calls are functions of their own).
 */
class NodeWriter implements NodeChatEventWriter, ChatEventSink {
  readonly closed: Promise<ChatStreamOutcome>;
  readonly #response: ServerResponse;
  readonly #bufferSize: number;
  readonly #pump: ChatEventPump;
  // Frames written since the socket last refused; the run pauses when they reach `bufferSize`.
  #queued = 0;
  #paused = false;
  #headSent = false;
  // A direct write the socket refused: its 'drain' (not the response's) says when to go on.
  #drainingSocket: Socket | undefined;
  // Once a direct write was possible it stays so (only this writer writes to the response): checked once.
  #direct: Socket | undefined;
  readonly #onDrain = (): void => this.#drained();
  readonly #onGone = (): void => {
    if (!this.#pump.hasEnded()) this.#pump.disconnect();
  };

  constructor(response: ServerResponse, options: NodeChatEventWriterOptions) {
    this.#response = response;
    this.#bufferSize = options.bufferSize;
    this.#pump = createChatEventPump(this, options);
    this.closed = this.#pump.closed;
    response.on('drain', this.#onDrain);
    // `on`, not `once` (a bound wrapper and its state per listener, kept for the stream): 'close' comes once, and
    // a second 'error' without a listener would crash the process. `#onGone` acts once.
    response.on('close', this.#onGone);
    response.on('error', this.#onGone);
    response.writeHead(200, options.headers);
    this.#pump.start();
    // Without a first heartbeat, send the head now: the client learns at once that the stream started.
    if (options.heartbeatIntervalSecs <= 0) {
      response.flushHeaders();
      this.#headSent = true;
    }
    // The connection may have closed while the request was being prepared ('close' was emitted before we listened).
    if (response.destroyed || response.closed) this.#onGone();
    void this.#pump.flow();
  }

  shutdown(): void {
    this.#pump.shutdown();
  }

  disconnect(): void {
    this.#pump.disconnect();
  }

  /** {@link ChatEventSink.write}. */
  write(frames: readonly string[]): boolean {
    if (this.#send(frames)) {
      this.#queued = 0;
      return true;
    }
    this.#queued += frames.length;
    this.#paused = this.#queued >= this.#bufferSize;
    return !this.#paused;
  }

  /** {@link ChatEventSink.acceptsHeartbeat}. */
  acceptsHeartbeat(): boolean {
    return !this.#response.writableNeedDrain && this.#drainingSocket === undefined;
  }

  /** {@link ChatEventSink.end}. */
  end(frames: readonly string[], outcome: ChatStreamOutcome): void {
    const response = this.#response;
    response.off('drain', this.#onDrain);
    this.#drainingSocket?.off('drain', this.#onDrain);
    if (outcome.kind === 'disconnected') {
      // The client is gone (or its connection failed): release the socket rather than finish a response.
      if (!response.destroyed) response.destroy();
    } else if (!response.destroyed && !response.writableEnded) {
      response.end(encoded(frames));
    }
  }

  #send(frames: readonly string[]): boolean {
    if (this.#direct === undefined) this.#direct = directSocket(this.#response, this.#headSent);
    const socket = this.#direct;
    if (socket === undefined || socket.destroyed) {
      this.#headSent = true;
      return this.#response.write(encoded(frames));
    }
    if (socket.write(chunkOf(frames))) return true;
    if (this.#drainingSocket === undefined) {
      this.#drainingSocket = socket;
      socket.on('drain', this.#onDrain);
    }
    return false;
  }

  #drained(): void {
    this.#drainingSocket?.off('drain', this.#onDrain);
    this.#drainingSocket = undefined;
    this.#queued = 0;
    if (!this.#paused || this.#pump.hasEnded()) return;
    this.#paused = false;
    void this.#pump.flow();
  }
}
