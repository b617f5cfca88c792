/**
 * Everything `POST /v1/chat/completions` decides before running an agent, in the reference's order
 * (server-spec §7.2): schema → non-empty messages → session id → message conversion → agent selection.
 * Every failure is an `AuraError` thrown before any response byte, so it gets a real HTTP status.
 */
import { type ConvertedChatMessages, convertChatMessages } from './convert-messages.js';
import { type ChatRequest, parseChatRequest } from './parse-chat-request.js';
import { type SelectableAgent, selectAgent } from './select-agent.js';
import { type HeaderLookup, resolveChatSessionId } from './session-id.js';

/** Options of {@link prepareChatRequest}. */
export interface PrepareChatRequestOptions<A extends SelectableAgent = SelectableAgent> {
  /** The JSON-parsed body. */
  readonly body: unknown;
  readonly headers: HeaderLookup;
  /** Loaded agents (effective ids). */
  readonly agents: readonly A[];
  /** `DEFAULT_AGENT`. */
  readonly defaultAgent?: string | undefined;
  /** Session id generator; default `cs_<32 hex>`. */
  readonly generateSessionId?: () => string;
}

/** A request ready to run. */
export interface PreparedChatRequest<A extends SelectableAgent = SelectableAgent> extends ConvertedChatMessages {
  readonly request: ChatRequest;
  readonly sessionId: string;
  readonly agent: A;
  /** The request had `tools` (client-tools history handling is on). */
  readonly clientToolsMode: boolean;
}

/**
 * Validates and resolves a chat completion request.
 *
 * @throws {AuraError} `REQUEST_INVALID` (422 schema, 400 semantic), `MODEL_NOT_FOUND` (404), or
 *   `INTERNAL` when no agent is loaded — see {@link parseChatRequest}, {@link resolveChatSessionId},
 *   {@link convertChatMessages} and {@link selectAgent}.
 */
export function prepareChatRequest<A extends SelectableAgent>(
  options: PrepareChatRequestOptions<A>,
): PreparedChatRequest<A> {
  const request = parseChatRequest(options.body);
  const sessionId = resolveChatSessionId({
    metadataSessionId: request.metadataSessionId,
    headers: options.headers,
    ...(options.generateSessionId === undefined ? {} : { generate: options.generateSessionId }),
  });
  const clientToolsMode = request.tools !== undefined;
  const converted = convertChatMessages(request.messages, { clientToolsMode });
  const agent = selectAgent({ agents: options.agents, model: request.model, defaultAgent: options.defaultAgent });
  return { request, sessionId, agent, clientToolsMode, ...converted };
}
