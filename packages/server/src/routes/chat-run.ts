/**
 * What both chat response paths share: the route context, the identity of one completion, and the
 * `RunRequest` built from a prepared request (history, continuation, client tools, forwarded headers).
 */
import type { AgentDescriptor, AgentRuntime, DirectEventSink, RunRequest } from '@aura/core';
import { AuraError } from '@aura/events';
import type { PreparedChatRequest } from '../chat/prepare-chat-request.js';
import type { HttpErrorData } from '../errors-to-http.js';
import type { NodeHttpBindings } from '../http/node-bindings.js';
import type { ServerLogger } from '../http/server-logger.js';
import type { ServerController } from '../lifecycle/server-controller.js';
import type { ServerOptions } from '../server-options.js';

/** Everything a chat route needs from the app. */
export interface ChatRouteContext {
  readonly runtime: AgentRuntime;
  readonly options: ServerOptions;
  readonly controller: ServerController;
  readonly logger: ServerLogger;
  /** The headers to forward to MCP servers for this request. */
  readonly forwardedHeaders: (headers: Headers) => Headers;
}

/** A prepared request whose agent is a runtime agent. */
export type PreparedChat = PreparedChatRequest<AgentDescriptor>;

/** Per-request facts a response path needs. */
export interface ChatRequestFacts {
  readonly requestId: string;
  /** `performance.now()` at arrival. */
  readonly startedAt: number;
  readonly headers: Headers;
  /** Aborts when the client connection closes before the response was sent (created on first read). */
  readonly clientSignal: AbortSignal;
  /** The Node request and response when served by `@hono/node-server` (streams write to the socket directly). */
  readonly node?: NodeHttpBindings | undefined;
}

/**
 * Checks what the agent requires of the request before any byte is sent.
 *
 * @throws {AuraError} `REQUEST_INVALID` (400) when the agent gates tools through conversational approvals
 *   and the request does not stream, or when the agent accepts client tools and two share a name.
 */
export function checkRequestForAgent(prepared: PreparedChat): void {
  const { agent, request } = prepared;
  if (agent.conversationalApprovals && !request.stream) {
    throw new AuraError<HttpErrorData>(
      'REQUEST_INVALID',
      `Agent '${agent.id}' asks for tool approvals in the conversation, which requires streaming: set "stream": true`,
      { data: { param: 'stream' } },
    );
  }
  if (agent.enableClientTools && request.tools !== undefined) {
    const seen = new Set<string>();
    for (const tool of request.tools) {
      if (seen.has(tool.name)) {
        throw new AuraError<HttpErrorData>('REQUEST_INVALID', `Client tool '${tool.name}' is defined more than once`, {
          data: { param: 'tools' },
        });
      }
      seen.add(tool.name);
    }
  }
}

/**
 * The run request of a prepared chat request. Client tools are attached only for agents with
 * `enable_client_tools` (the runtime applies `client_tool_filter`); other agents never see them.
 */
export function buildRunRequest(
  context: ChatRouteContext,
  prepared: PreparedChat,
  headers: Headers,
  abort: AbortController,
  directEvents?: DirectEventSink,
): RunRequest {
  return new ServedRunRequest(context, prepared, headers, abort, directEvents);
}

/**
 * A served request's {@link RunRequest}. A class, so the lazy `forwardedHeaders` is a prototype getter (an object
 * literal with an accessor is kept in slow, dictionary mode, and this object lives as long as the run).
 */
class ServedRunRequest implements RunRequest {
  readonly agentId: string;
  readonly query: string;
  readonly history: PreparedChat['history'];
  readonly continuation: PreparedChat['continuation'];
  readonly sessionId: string;
  readonly clientTools: RunRequest['clientTools'];
  readonly signal: AbortSignal;
  // The request's own controller: the run aborts it directly rather than linking one of its own to it.
  readonly abortController: AbortController;
  readonly directEvents: DirectEventSink | undefined;
  readonly #context: ChatRouteContext;
  readonly #headers: Headers;
  #forwarded: Headers | undefined;

  constructor(
    context: ChatRouteContext,
    prepared: PreparedChat,
    headers: Headers,
    abort: AbortController,
    directEvents: DirectEventSink | undefined,
  ) {
    const { agent, request } = prepared;
    this.agentId = agent.id;
    this.query = prepared.query;
    this.history = prepared.history;
    this.continuation = prepared.continuation;
    this.sessionId = prepared.sessionId;
    this.clientTools = agent.enableClientTools ? request.tools : undefined;
    this.signal = abort.signal;
    this.abortController = abort;
    this.directEvents = directEvents;
    this.#context = context;
    this.#headers = headers;
  }

  /**
   * Copied when first read: only MCP servers with `headers_from_request` read them, and the copy (about 1 KB)
   * would otherwise be held for the whole stream of every request.
   */
  get forwardedHeaders(): Headers {
    this.#forwarded ??= this.#context.forwardedHeaders(this.#headers);
    return this.#forwarded;
  }
}

/** Whether `error` is an `AuraError` with `code`. */
export function hasCode(error: unknown, code: AuraError['code']): error is AuraError {
  return AuraError.isInstance(error) && error.code === code;
}
