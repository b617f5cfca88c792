import { AuraError } from '@aura/events';
import type { Client, JSONRPCMessage, Transport, TransportSendOptions } from '@modelcontextprotocol/client';
import { z } from 'zod';
import type { ToolProgress } from '../tools/tool.js';
import { isJsonObject } from '../util/json-value.js';
import type { McpCallOptions, McpCallToolResult, McpLogger } from './mcp-types.js';

/** The SDK's timer accepts at most this many milliseconds; we use it as "no timeout". */
const NO_TIMEOUT_MS = 2_147_483_647;

// Lenient on purpose (core-spec §4.5): malformed content items must still yield a result the model can read.
const callResultSchema = z.looseObject({
  content: z.array(z.unknown()).default([]),
  structuredContent: z.unknown().optional(),
  isError: z.boolean().optional(),
});

interface PendingCall {
  readonly controller: AbortController;
  readonly onStart: McpCallOptions['onStart'];
  readonly onProgress: McpCallOptions['onProgress'];
  requestId: string | number | undefined;
  progressToken: string | number | undefined;
  answered: boolean;
  settled: boolean;
  /** The transport accepted the request (`send` resolved): the server may be running it. */
  sent: boolean;
  /** Set by `failDelivered` while `send` was pending: fail the call once `send` succeeds. */
  failWhenSent: string | undefined;
  lost: AuraError | undefined;
}

/**
 * Tracks the `tools/call` requests of one connection by observing its transport:
 *
 * - the outgoing request is matched to its call through the identity of its `arguments` object (each call
 *   sends a fresh copy), which yields the JSON-RPC id and progress token the SDK assigned — `onStart` fires
 *   right there, as the request is handed to the transport;
 * - on streamable HTTP, a POST response stream that ends before the call's response arrived (server died,
 *   session closed mid-call) fails the call at once instead of leaving it pending forever;
 * - incoming responses are noted so a normal end of stream is not mistaken for a loss;
 * - `notifications/progress` are delivered from here, synchronously and in wire order: the SDK dispatches
 *   them a microtask late and drops one that arrives in the same read as the result (its handler is gone by
 *   then), so its own `onprogress` is only used to make it attach a progress token to every call.
 *
 * Not shared between connections; install it on the transport BEFORE `Client.connect` (the SDK chains
 * handlers that are already set).
 */
export class McpCallTracker {
  readonly #serverName: string;
  readonly #onLost: (reason: string) => void;
  readonly #logger: McpLogger | undefined;
  readonly #byArguments = new WeakMap<object, PendingCall>();
  readonly #byId = new Map<string | number, PendingCall>();
  readonly #byProgressToken = new Map<string | number, PendingCall>();
  readonly #pending = new Set<PendingCall>();
  #inFlight = 0;

  /** `onLost` is told when a call's response stream ended without its response (the connection is suspect). */
  constructor(serverName: string, onLost: (reason: string) => void, logger?: McpLogger) {
    this.#serverName = serverName;
    this.#onLost = onLost;
    this.#logger = logger;
  }

  /** Calls currently awaiting their result. */
  get inFlight(): number {
    return this.#inFlight;
  }

  /** Hooks `send` and `onmessage` of `transport`; `trackStreams` enables the streamable-HTTP loss detection. */
  install(transport: Transport, trackStreams: boolean): void {
    const send = transport.send.bind(transport);
    transport.send = (message: JSONRPCMessage, options?: TransportSendOptions): Promise<void> => {
      const pending = this.#match(message);
      if (pending === undefined) return send(message, options);
      this.#notifyStart(pending);
      let sending: Promise<void>;
      if (trackStreams) {
        const previous = options?.onRequestStreamEnd;
        sending = send(message, {
          ...options,
          onRequestStreamEnd: () => {
            previous?.();
            this.#streamEnded(pending);
          },
        });
      } else {
        sending = send(message, options);
      }
      sending.then(
        () => {
          pending.sent = true;
          if (pending.failWhenSent !== undefined) this.#lose(pending, pending.failWhenSent);
        },
        // The SDK receives the same rejection from the returned promise and fails the request with it.
        () => undefined,
      );
      return sending;
    };
    const previousOnMessage = transport.onmessage;
    transport.onmessage = (message: JSONRPCMessage, extra) => {
      if ('method' in message) {
        if (message.method === 'notifications/progress') this.#progress(message.params);
      } else if ('id' in message && message.id !== undefined) {
        const pending = this.#byId.get(message.id);
        if (pending !== undefined) pending.answered = true;
      }
      previousOnMessage?.(message, extra);
    };
  }

  /**
   * Calls `name` with `args` through `client` (see {@link McpCallOptions}). `defaultTimeoutMs` applies when
   * the options give none (`0`/`undefined` = no timeout). Rejects with an `AuraError` `RUN_ABORTED` (cause:
   * the signal's reason) when `options.signal` fires, `TOOL_TIMEOUT` on timeout, `MCP_CALL_FAILED` when the
   * response stream was lost, and with the SDK's error otherwise.
   */
  async call(
    client: Client,
    name: string,
    args: Readonly<Record<string, unknown>>,
    options: McpCallOptions,
    defaultTimeoutMs: number | undefined,
  ): Promise<McpCallToolResult> {
    const { signal } = options;
    const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
    if (signal?.aborted === true) throw this.#aborted(name, signal);
    const controller = new AbortController();
    // A fresh object per call: its identity is how the transport hook finds this call (see install()).
    const callArguments: Record<string, unknown> = { ...args };
    const pending: PendingCall = {
      controller,
      onStart: options.onStart,
      onProgress: options.onProgress,
      requestId: undefined,
      progressToken: undefined,
      answered: false,
      settled: false,
      sent: false,
      failWhenSent: undefined,
      lost: undefined,
    };
    this.#pending.add(pending);
    this.#byArguments.set(callArguments, pending);
    const onAbort = (): void => controller.abort(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    let timedOut = false;
    const timer =
      timeoutMs !== undefined && timeoutMs > 0
        ? setTimeout(() => {
            timedOut = true;
            controller.abort(new AuraError('TOOL_TIMEOUT', `timed out after ${timeoutMs} ms`));
          }, timeoutMs)
        : undefined;
    this.#inFlight += 1;
    try {
      const { isError, ...result } = await client.request(
        { method: 'tools/call', params: { name, arguments: callArguments } },
        callResultSchema,
        {
          signal: controller.signal,
          timeout: NO_TIMEOUT_MS,
          // Always set, so the SDK attaches a progress token; delivery happens in #progress (see class doc).
          onprogress: ignoreProgress,
        },
      );
      return isError === undefined ? result : { ...result, isError };
    } catch (error) {
      if (timedOut) {
        throw new AuraError(
          'TOOL_TIMEOUT',
          `MCP tool '${name}' on server '${this.#serverName}' timed out after ${timeoutMs} ms`,
          { data: { serverName: this.#serverName, tool: name, timeoutMs }, cause: error },
        );
      }
      if (signal !== undefined && isAborted(signal)) throw this.#aborted(name, signal);
      if (pending.lost !== undefined) throw pending.lost;
      throw error;
    } finally {
      this.#inFlight -= 1;
      pending.settled = true;
      this.#pending.delete(pending);
      if (pending.requestId !== undefined) this.#byId.delete(pending.requestId);
      if (pending.progressToken !== undefined) this.#byProgressToken.delete(pending.progressToken);
      if (timer !== undefined) clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  #notifyStart(pending: PendingCall): void {
    const token = pending.progressToken ?? pending.requestId;
    if (pending.onStart === undefined || token === undefined) return;
    try {
      pending.onStart({ progressToken: token });
    } catch (error) {
      // Runs inside the SDK's send path: a throwing listener must not break the request.
      this.#logger?.error(`MCP server '${this.#serverName}': onStart listener threw`, { error });
    }
  }

  #aborted(name: string, signal: AbortSignal): AuraError {
    return new AuraError('RUN_ABORTED', `MCP tool call '${name}' on server '${this.#serverName}' was cancelled`, {
      cause: signal.reason,
      data: { serverName: this.#serverName, tool: name },
    });
  }

  #match(message: JSONRPCMessage): PendingCall | undefined {
    if (!('method' in message) || message.method !== 'tools/call' || !('id' in message)) return undefined;
    const params = message.params;
    if (!isJsonObject(params) || !isJsonObject(params.arguments)) return undefined;
    const pending = this.#byArguments.get(params.arguments);
    if (pending === undefined || pending.requestId !== undefined) return pending;
    pending.requestId = message.id;
    const meta = params._meta;
    const token = isJsonObject(meta) ? meta.progressToken : undefined;
    pending.progressToken = typeof token === 'string' || typeof token === 'number' ? token : message.id;
    this.#byId.set(message.id, pending);
    this.#byProgressToken.set(pending.progressToken, pending);
    return pending;
  }

  #progress(params: unknown): void {
    if (!isJsonObject(params) || typeof params.progress !== 'number') return;
    const token = params.progressToken;
    if (typeof token !== 'string' && typeof token !== 'number') return;
    const pending = this.#byProgressToken.get(token);
    if (pending?.onProgress === undefined || pending.settled) return;
    const progress: ToolProgress = {
      progressToken: token,
      progress: params.progress,
      ...(typeof params.total === 'number' ? { total: params.total } : {}),
      ...(typeof params.message === 'string' ? { message: params.message } : {}),
    };
    try {
      pending.onProgress(progress);
    } catch (error) {
      this.#logger?.error(`MCP server '${this.#serverName}': onProgress listener threw`, { error });
    }
  }

  /**
   * The connection can no longer deliver responses (e.g. the legacy SSE stream broke): calls the transport
   * already accepted fail now with an `AuraError` `MCP_CALL_FAILED` (the server may have run them, so they
   * are not retried); calls still being sent fail once their send succeeds, and otherwise keep the send
   * error (a 404 then still reads as an expired session, which is retried).
   */
  failDelivered(reason: string): void {
    for (const pending of this.#pending) {
      if (pending.settled) continue;
      if (pending.sent) this.#lose(pending, reason);
      else pending.failWhenSent = reason;
    }
  }

  #lose(pending: PendingCall, reason: string): void {
    if (pending.answered || pending.settled || pending.controller.signal.aborted) return;
    pending.lost = new AuraError('MCP_CALL_FAILED', reason, { data: { serverName: this.#serverName } });
    pending.controller.abort(pending.lost);
  }

  #streamEnded(pending: PendingCall): void {
    if (pending.answered || pending.settled || pending.controller.signal.aborted) return;
    const reason = `MCP server '${this.#serverName}' closed the response stream before the tool result arrived`;
    this.#lose(pending, reason);
    this.#onLost(reason);
  }
}

function ignoreProgress(): void {}

/** Reads `signal.aborted` through a call, so the compiler does not keep a narrowing from before an `await`. */
function isAborted(signal: AbortSignal): boolean {
  return signal.aborted;
}
