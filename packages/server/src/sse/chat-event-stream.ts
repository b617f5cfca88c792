/**
 * The body of a streamed chat completion: a `ReadableStream` whose `pull` pulls the runtime's event
 * generator, so a client that reads slowly pauses the run (at most `bufferSize` frames wait in the queue) —
 * natural backpressure, bounded memory. Heartbeats, the three timeouts, client disconnects and server
 * shutdown all end the stream here, and each of them aborts the run.
 */
import { AuraError, type RuntimeEvent } from '@aura/events';
import type { ChatStreamMapper } from './chat-stream-mapper.js';
import type { ChatStreamOutcome } from './chat-stream-options.js';
import { heartbeatFrame } from './chunk-frames.js';
import { createStreamWatchdog, type StreamTimeouts } from './stream-watchdog.js';

/** Options of {@link createChatEventStream}. */
export interface ChatEventStreamOptions {
  /** The run's events (`runtime.run(...)`); pulled on demand, finalised (`return()`) when the stream ends. */
  readonly events: AsyncGenerator<RuntimeEvent, void, undefined>;
  /** The response's frame mapper. */
  readonly mapper: ChatStreamMapper;
  /** Aborts the run (its `AbortController`) with `reason`. */
  readonly abortRun: (reason: AuraError) => void;
  /** Frames that may wait in the queue before the run is paused (`STREAMING_BUFFER_SIZE`). */
  readonly bufferSize: number;
  /** Heartbeat interval in seconds; the first heartbeat is sent at once; 0 = none. */
  readonly heartbeatIntervalSecs: number;
  readonly timeouts: StreamTimeouts;
  /** Sees every runtime event as it is pulled (logging, timing). */
  readonly onEvent?: (event: RuntimeEvent) => void;
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
 * Creates the stream. Endings:
 * - the run ends (`run-finish`/`run-error` or the generator finishes): the mapper's closing sequence;
 * - a timeout: the run is aborted with `RUN_TIMEOUT`, then the mapper's timeout outcome (note text, final
 *   chunk, `[DONE]`) is sent at once — the client does not wait for the run to wind down;
 * - the client disconnects (the body is cancelled): the run is aborted with `RUN_ABORTED` (provider request
 *   and MCP calls are cancelled); nothing more is written;
 * - {@link ChatEventStream.shutdown}: the run is aborted, the shutdown closing sequence and `[DONE]` are sent;
 * - the generator throws (a runtime bug): the mapper's failure text and closing sequence.
 */
export function createChatEventStream(options: ChatEventStreamOptions): ChatEventStream {
  const { events, mapper } = options;
  let controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  let pending: Promise<IteratorResult<RuntimeEvent, void>> | undefined;
  let ended = false;
  let heartbeat: NodeJS.Timeout | undefined;
  let resolveClosed: (outcome: ChatStreamOutcome) => void = () => undefined;
  const closed = new Promise<ChatStreamOutcome>((resolve) => {
    resolveClosed = resolve;
  });

  const write = (frames: readonly string[]): void => {
    for (const frame of frames) controller?.enqueue(encoder.encode(frame));
  };

  const finalize = async (outcome: ChatStreamOutcome): Promise<void> => {
    try {
      // A pull may still be waiting on the generator (an aborted run winds down quickly); then finish it.
      if (pending !== undefined) await pending.catch(() => undefined);
      await events.return(undefined);
    } catch {
      // The run's own clean-up failed; the stream is over either way and the runtime logs its failures.
    }
    resolveClosed(outcome);
  };

  const end = (outcome: ChatStreamOutcome, abortReason?: AuraError): void => {
    if (ended) return;
    ended = true;
    watchdog.stop();
    clearInterval(heartbeat);
    if (abortReason !== undefined) options.abortRun(abortReason);
    try {
      write(mapper.finish(outcome));
      controller?.close();
    } catch {
      // The body was already cancelled (client gone): there is nobody left to write to.
    }
    void finalize(outcome);
  };

  const disconnect = (): void => end({ kind: 'disconnected' }, new AuraError('RUN_ABORTED', 'client disconnected'));

  const watchdog = createStreamWatchdog(options.timeouts, (timer, seconds) => {
    const reason = new AuraError('RUN_TIMEOUT', `The ${timer} timeout of ${seconds} s elapsed`, {
      data: { timer, seconds },
    });
    end({ kind: 'timeout', timer, seconds }, reason);
  });

  const sendHeartbeat = (): void => {
    // Skipped while the client is not reading: a heartbeat must never grow the queue.
    if (!ended && controller !== undefined && (controller.desiredSize ?? 0) > 0) write([heartbeatFrame()]);
  };

  const stream = new ReadableStream<Uint8Array>(
    {
      start(streamController) {
        controller = streamController;
        watchdog.start();
        if (options.heartbeatIntervalSecs > 0) {
          sendHeartbeat();
          heartbeat = setInterval(sendHeartbeat, options.heartbeatIntervalSecs * 1000);
          heartbeat.unref();
        }
      },
      async pull() {
        while (!ended) {
          let result: IteratorResult<RuntimeEvent, void>;
          try {
            pending = events.next();
            result = await pending;
          } catch (error) {
            pending = undefined;
            end({ kind: 'failed', error });
            return;
          }
          pending = undefined;
          if (ended) return;
          if (result.done === true) {
            end({ kind: 'completed' });
            return;
          }
          watchdog.onEvent(result.value);
          options.onEvent?.(result.value);
          const frames = mapper.onEvent(result.value);
          if (frames.length === 0) continue;
          write(frames);
          if (mapper.closed) end({ kind: 'completed' });
          return;
        }
      },
      cancel() {
        disconnect();
      },
    },
    new CountQueuingStrategy({ highWaterMark: options.bufferSize }),
  );

  return {
    stream,
    shutdown: () => end({ kind: 'shutdown' }, new AuraError('RUN_ABORTED', 'server shutdown')),
    disconnect,
    closed,
  };
}
