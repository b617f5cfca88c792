/**
 * The body of a streamed chat completion as a WHATWG `ReadableStream`, for hosts without a Node
 * `ServerResponse` (`app.request()` in tests, fetch-style runtimes). Its `pull` drives the shared
 * {@link createChatEventPump}, so a client that reads slowly pauses the run (at most `bufferSize` frames wait in
 * the queue). Served over Node, the route writes to the socket directly instead (`node-chat-event-writer.ts`).
 */
import type { RuntimeEvent } from '@aura/events';
import { type ChatEventPumpOptions, createChatEventPump } from './chat-event-pump.js';
import type { ChatStreamOutcome } from './chat-stream-options.js';

/**
 * Options of {@link createChatEventStream}. The events come as a generator only: a `ReadableStream` pulls once at a
 * time, so a direct delivery paused while its pull waits on the run could never be resumed.
 */
export interface ChatEventStreamOptions extends Omit<ChatEventPumpOptions, 'events'> {
  readonly events: AsyncGenerator<RuntimeEvent, void, undefined>;
  /** Frames that may wait in the queue before the run is paused (`STREAMING_BUFFER_SIZE`). */
  readonly bufferSize: number;
}

/** A streamed response body and its controls. */
export interface ChatEventStream {
  /** The response body (UTF-8 SSE frames). */
  readonly stream: ReadableStream<Uint8Array>;
  /** Ends the stream for server shutdown: the run is aborted, the closing sequence and `[DONE]` are sent. */
  shutdown(): void;
  /** Ends the stream because the client went away (seen on the socket): the run is aborted, nothing is sent. */
  disconnect(): void;
  /**
   * Settles once the stream has ended and the run's generator has been finalised (its MCP lease released),
   * with how it ended. Never rejects.
   */
  readonly closed: Promise<ChatStreamOutcome>;
}

const encoder = new TextEncoder();

/**
 * Creates the stream (endings as in {@link createChatEventPump}; cancelling the body is a client disconnect).
 * Each frame is enqueued as its own chunk, so `bufferSize` counts frames.
 */
export function createChatEventStream(options: ChatEventStreamOptions): ChatEventStream {
  let controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  const enqueue = (frames: readonly string[]): void => {
    for (const frame of frames) controller?.enqueue(encoder.encode(frame));
  };
  const pump = createChatEventPump(
    {
      write(frames) {
        enqueue(frames);
        return (controller?.desiredSize ?? 0) > 0;
      },
      acceptsHeartbeat: () => controller !== undefined && (controller.desiredSize ?? 0) > 0,
      end(frames) {
        try {
          enqueue(frames);
          controller?.close();
        } catch {
          // The body was already cancelled (client gone): there is nobody left to write to.
        }
      },
    },
    options,
  );
  const stream = new ReadableStream<Uint8Array>(
    {
      start(streamController) {
        controller = streamController;
        pump.start();
      },
      pull: () => pump.flow(),
      cancel() {
        pump.disconnect();
      },
    },
    new CountQueuingStrategy({ highWaterMark: options.bufferSize }),
  );
  return { stream, shutdown: () => pump.shutdown(), disconnect: () => pump.disconnect(), closed: pump.closed };
}
