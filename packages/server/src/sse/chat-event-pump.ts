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
import { createStreamWatchdog, type StreamTimeouts, type StreamTimer, type StreamWatchdog } from './stream-watchdog.js';

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
  return new Pump(sink, options);
}

/** The heartbeat interval's callback: module-level, with the pump as the timer's argument. */
function beat(pump: Pump): void {
  pump.sendHeartbeat();
}

/**
 * The pump as one instance with private fields and methods: it lives as long as the stream, so closures and
 * their contexts (one per helper) would be kept — and, outliving two scavenges, promoted to the old generation
 * and marked by every full collection — for each open stream (docs/performance.md). It is also the run's
 * {@link DirectEventSink}.
 */
class Pump implements ChatEventPump, DirectEventSink {
  readonly closed: Promise<ChatStreamOutcome>;
  readonly #sink: ChatEventSink;
  // The options' parts the pump uses, not the options object (it may carry the response head and the run's
  // factory, neither needed once the stream started).
  readonly #mapper: ChatStreamMapper;
  readonly #abortRun: (reason: AuraError) => void;
  readonly #onEvent: ((event: RuntimeEvent) => void) | undefined;
  readonly #heartbeatIntervalSecs: number;
  readonly #watchdog: StreamWatchdog;
  readonly #events: AsyncGenerator<RuntimeEvent, void, undefined>;
  #pending: Promise<IteratorResult<RuntimeEvent, void>> | undefined;
  #ended = false;
  // A direct delivery the sink paused: resumed by the next flow().
  #resumeDirect: (() => void) | undefined;
  #heartbeat: NodeJS.Timeout | undefined;
  #resolveClosed: ((outcome: ChatStreamOutcome) => void) | undefined;

  constructor(sink: ChatEventSink, options: ChatEventPumpOptions) {
    this.#sink = sink;
    this.#mapper = options.mapper;
    this.#abortRun = options.abortRun;
    this.#onEvent = options.onEvent;
    this.#heartbeatIntervalSecs = options.heartbeatIntervalSecs;
    this.closed = new Promise<ChatStreamOutcome>((resolve) => {
      this.#resolveClosed = resolve;
    });
    this.#watchdog = createStreamWatchdog(options.timeouts, (timer, seconds) => this.#timedOut(timer, seconds));
    this.#events = typeof options.events === 'function' ? options.events(this) : options.events;
  }

  start(): void {
    this.#watchdog.start();
    const seconds = this.#heartbeatIntervalSecs;
    if (seconds > 0) {
      this.sendHeartbeat();
      this.#heartbeat = setInterval(beat, seconds * 1000, this);
      this.#heartbeat.unref();
    }
  }

  async flow(): Promise<void> {
    const resume = this.#resumeDirect;
    if (resume !== undefined) {
      this.#resumeDirect = undefined;
      if (!this.#ended) resume();
      return;
    }
    while (!this.#ended) {
      let result: IteratorResult<RuntimeEvent, void>;
      try {
        this.#pending = this.#events.next();
        result = await this.#pending;
      } catch (error) {
        this.#pending = undefined;
        this.#end({ kind: 'failed', error });
        return;
      }
      this.#pending = undefined;
      if (this.#ended) return;
      if (result.done === true) {
        this.#end({ kind: 'completed' });
        return;
      }
      if (!this.#deliver(result.value)) return;
    }
  }

  shutdown(): void {
    this.#end({ kind: 'shutdown' }, new AuraError('RUN_ABORTED', 'server shutdown'));
  }

  disconnect(): void {
    this.#end({ kind: 'disconnected' }, new AuraError('RUN_ABORTED', 'client disconnected'));
  }

  hasEnded(): boolean {
    return this.#ended;
  }

  /** {@link DirectEventSink.event}: a model turn's event, delivered inside the provider's data callback. */
  event(event: RuntimeEvent): boolean {
    if (this.#ended) return true;
    try {
      // Once the stream has ended, the rest of the turn is dropped rather than paused.
      return this.#deliver(event) || this.#ended;
    } catch (error) {
      this.#end({ kind: 'failed', error });
      return true;
    }
  }

  /** {@link DirectEventSink.onResume}: the paused delivery's continuation, called by the next {@link flow}. */
  onResume(resume: () => void): void {
    if (!this.#ended) this.#resumeDirect = resume;
  }

  /** The heartbeat interval's tick. */
  sendHeartbeat(): void {
    if (!this.#ended && this.#sink.acceptsHeartbeat()) this.#sink.write([heartbeatFrame()]);
  }

  /** One event: watchdog, hook, frames; whether the sink takes more. */
  #deliver(event: RuntimeEvent): boolean {
    this.#watchdog.onEvent(event);
    this.#onEvent?.(event);
    const mapper = this.#mapper;
    const frames = mapper.onEvent(event);
    if (frames.length === 0) return true;
    if (mapper.closed) {
      this.#end({ kind: 'completed' }, undefined, frames);
      return false;
    }
    return this.#sink.write(frames);
  }

  #timedOut(timer: StreamTimer, seconds: number): void {
    const reason = new AuraError('RUN_TIMEOUT', `The ${timer} timeout of ${seconds} s elapsed`, {
      data: { timer, seconds },
    });
    this.#end({ kind: 'timeout', timer, seconds }, reason);
  }

  #end(outcome: ChatStreamOutcome, abortReason?: AuraError, leading?: readonly string[]): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#resumeDirect = undefined;
    this.#watchdog.stop();
    clearInterval(this.#heartbeat);
    if (abortReason !== undefined) this.#abortRun(abortReason);
    const closing = this.#mapper.finish(outcome);
    this.#sink.end(
      leading === undefined ? closing : closing.length === 0 ? leading : [...leading, ...closing],
      outcome,
    );
    void this.#finalize(outcome);
  }

  async #finalize(outcome: ChatStreamOutcome): Promise<void> {
    try {
      // A flow may still be waiting on the generator (an aborted run winds down quickly); then finish it.
      if (this.#pending !== undefined) await this.#pending.catch(() => undefined);
      await this.#events.return(undefined);
    } catch {
      // The run's own clean-up failed; the stream is over either way and the runtime logs its failures.
    }
    this.#resolveClosed?.(outcome);
  }
}
