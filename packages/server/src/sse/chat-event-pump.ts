/**
 * The engine of a streamed chat completion, independent of where the bytes go: it pulls the runtime's event
 * generator only when its sink asks for more (natural backpressure, bounded memory), maps each event to SSE
 * frames, and ends the stream on the run's end, a timeout, a client disconnect or server shutdown — each of
 * the last three aborting the run. Two sinks drive it: a Node `ServerResponse` (`node-chat-event-writer.ts`,
 * the served path) and a WHATWG `ReadableStream` (`chat-event-stream.ts`, for `app.request()` and other
 * fetch-style hosts).
 */
import type { DirectEventSink } from '@aura/core';
import { AuraError, type RuntimeEvent } from '@aura/events';
import type { ChatStreamMapper } from './chat-stream-mapper.js';
import type { ChatStreamOutcome } from './chat-stream-options.js';
import { heartbeatFrame } from './chunk-frames.js';
import { createStreamWatchdog, type StreamTimeouts } from './stream-watchdog.js';

/** Where a pump writes. Every method is called synchronously by the pump; none may throw. */
export interface ChatEventSink {
  /**
   * Writes the frames of one runtime event (at least one frame). Returns whether the pump may pull the next
   * event now; `false` pauses it until the sink calls {@link ChatEventPump.flow} again.
   */
  write(frames: readonly string[]): boolean;
  /** Whether a heartbeat may be written now: it must never queue behind a client that is not reading. */
  acceptsHeartbeat(): boolean;
  /**
   * Writes the last frames (possibly none) and ends the body; `outcome` says why (after `disconnected` there
   * are no frames and nobody to write to). Called once.
   */
  end(frames: readonly string[], outcome: ChatStreamOutcome): void;
}

/** Options of {@link createChatEventPump}. */
export interface ChatEventPumpOptions {
  /**
   * The run's events (`runtime.run(...)`); pulled on demand, finalised (`return()`) when the stream ends. Given
   * as a function, it is called at once with the pump's direct sink, for the run request's `directEvents`: a model
   * turn's streamed events are then mapped and written as they arrive, with no promise or generator step per
   * token (a sink that refuses pauses that delivery until {@link ChatEventPump.flow} is called again).
   */
  readonly events:
    | AsyncGenerator<RuntimeEvent, void, undefined>
    | ((direct: DirectEventSink) => AsyncGenerator<RuntimeEvent, void, undefined>);
  /** The response's frame mapper. */
  readonly mapper: ChatStreamMapper;
  /** Aborts the run (its `AbortController`) with `reason`. */
  readonly abortRun: (reason: AuraError) => void;
  /** Heartbeat interval in seconds; the first heartbeat is sent at {@link ChatEventPump.start}; 0 = none. */
  readonly heartbeatIntervalSecs: number;
  readonly timeouts: StreamTimeouts;
  /** Sees every runtime event as it is pulled (logging, timing). */
  readonly onEvent?: (event: RuntimeEvent) => void;
}

/** A running stream's controls. */
export interface ChatEventPump {
  /** Arms the timeouts and the heartbeat and sends the first heartbeat. Call once, before {@link flow}. */
  start(): void;
  /**
   * Pulls events and writes their frames until the sink returns `false` or the stream ends. Never rejects.
   * Call it again when the sink takes frames again — also after it refused a directly delivered event (that
   * delivery resumes; the pull still waiting on the run continues by itself). Otherwise must not be called again
   * before the previous call settled.
   */
  flow(): Promise<void>;
  /** Ends the stream for server shutdown: the run is aborted, the closing sequence and `[DONE]` are sent. */
  shutdown(): void;
  /** Ends the stream because the client went away: the run is aborted, nothing more is written. */
  disconnect(): void;
  /** Whether the stream has ended (no further frame will be written). */
  hasEnded(): boolean;
  /**
   * Settles once the stream has ended and the run's generator has been finalised (its MCP lease released),
   * with how it ended. Never rejects.
   */
  readonly closed: Promise<ChatStreamOutcome>;
}

/**
 * Creates the pump over `sink`. Endings:
 * - the run ends (`run-finish`/`run-error` or the generator finishes): the mapper's closing sequence, written
 *   together with the event's own frames;
 * - a timeout: the run is aborted with `RUN_TIMEOUT`, then the mapper's timeout outcome (note text, final
 *   chunk, `[DONE]`) is sent at once — the client does not wait for the run to wind down;
 * - {@link ChatEventPump.disconnect}: the run is aborted with `RUN_ABORTED` (provider request and MCP calls
 *   are cancelled); nothing more is written;
 * - {@link ChatEventPump.shutdown}: the run is aborted, the shutdown closing sequence and `[DONE]` are sent;
 * - the generator throws (a runtime bug): the mapper's failure text and closing sequence.
 */
export function createChatEventPump(sink: ChatEventSink, options: ChatEventPumpOptions): ChatEventPump {
  const { mapper } = options;
  let pending: Promise<IteratorResult<RuntimeEvent, void>> | undefined;
  let ended = false;
  // A direct delivery the sink paused: resumed by the next flow().
  let resumeDirect: (() => void) | undefined;
  let heartbeat: NodeJS.Timeout | undefined;
  let resolveClosed: (outcome: ChatStreamOutcome) => void = () => undefined;
  const closed = new Promise<ChatStreamOutcome>((resolve) => {
    resolveClosed = resolve;
  });

  const finalize = async (outcome: ChatStreamOutcome): Promise<void> => {
    try {
      // A flow may still be waiting on the generator (an aborted run winds down quickly); then finish it.
      if (pending !== undefined) await pending.catch(() => undefined);
      await events.return(undefined);
    } catch {
      // The run's own clean-up failed; the stream is over either way and the runtime logs its failures.
    }
    resolveClosed(outcome);
  };

  const end = (outcome: ChatStreamOutcome, abortReason?: AuraError, leading?: readonly string[]): void => {
    if (ended) return;
    ended = true;
    watchdog.stop();
    clearInterval(heartbeat);
    if (abortReason !== undefined) options.abortRun(abortReason);
    const closing = mapper.finish(outcome);
    sink.end(leading === undefined ? closing : closing.length === 0 ? leading : [...leading, ...closing], outcome);
    void finalize(outcome);
  };

  const disconnect = (): void => end({ kind: 'disconnected' }, new AuraError('RUN_ABORTED', 'client disconnected'));

  const watchdog = createStreamWatchdog(options.timeouts, (timer, seconds) => {
    const reason = new AuraError('RUN_TIMEOUT', `The ${timer} timeout of ${seconds} s elapsed`, {
      data: { timer, seconds },
    });
    end({ kind: 'timeout', timer, seconds }, reason);
  });

  /** One event: watchdog, hook, frames; whether the sink takes more. */
  const deliver = (event: RuntimeEvent): boolean => {
    watchdog.onEvent(event);
    options.onEvent?.(event);
    const frames = mapper.onEvent(event);
    if (frames.length === 0) return true;
    if (mapper.closed) {
      end({ kind: 'completed' }, undefined, frames);
      return false;
    }
    return sink.write(frames);
  };

  const direct: DirectEventSink = {
    event(event) {
      if (ended) return true;
      try {
        // Once the stream has ended, the rest of the turn is dropped rather than paused.
        return deliver(event) || ended;
      } catch (error) {
        end({ kind: 'failed', error });
        return true;
      }
    },
    onResume(resume) {
      if (ended) return;
      resumeDirect = resume;
    },
  };
  const events = typeof options.events === 'function' ? options.events(direct) : options.events;

  const sendHeartbeat = (): void => {
    if (!ended && sink.acceptsHeartbeat()) sink.write([heartbeatFrame()]);
  };

  return {
    start() {
      watchdog.start();
      if (options.heartbeatIntervalSecs > 0) {
        sendHeartbeat();
        heartbeat = setInterval(sendHeartbeat, options.heartbeatIntervalSecs * 1000);
        heartbeat.unref();
      }
    },
    async flow() {
      const resume = resumeDirect;
      if (resume !== undefined) {
        resumeDirect = undefined;
        if (!ended) resume();
        return;
      }
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
        if (!deliver(result.value)) return;
      }
    },
    shutdown: () => end({ kind: 'shutdown' }, new AuraError('RUN_ABORTED', 'server shutdown')),
    disconnect,
    // A method, not a getter: an object literal with an accessor is kept in slow (dictionary) mode, and this one
    // lives as long as the stream.
    hasEnded: () => ended,
    closed,
  };
}
