/**
 * Validates a parsed JSON body into a normalised {@link ChatRequest} (server-spec §7.1, §7.2 step 1).
 * Schema violations are 422 (the reference's status for bodies that do not fit the schema), an empty
 * `messages` array is 400 `No messages provided`.
 */
import { AuraError, type JsonObject } from '@aura/events';
import type * as z from 'zod';
import type { HttpErrorData } from '../errors-to-http.js';
import { type ChatRequestBody, chatRequestSchema } from './chat-request-schema.js';

/** A tool call of an assistant message in the request (arguments as a JSON string). */
export interface ChatRequestToolCall {
  readonly id: string;
  readonly name: string;
  /** JSON-encoded arguments as sent (possibly invalid JSON); `""` when absent. */
  readonly arguments: string;
}

/** One request message after validation. `content` is text (parts joined) or `null`. */
export interface ChatRequestMessage {
  /** As sent; unknown roles are kept here and dropped by history conversion. */
  readonly role: string;
  readonly content: string | null;
  readonly toolCalls?: readonly ChatRequestToolCall[];
  readonly toolCallId?: string;
  readonly name?: string;
}

/** A client-side (passthrough) tool offered by the request (server-spec §12.1). */
export interface ClientToolDefinition {
  readonly name: string;
  /** Default `""`. */
  readonly description: string;
  /** JSON Schema of the arguments; default `{}`. */
  readonly parameters: JsonObject;
}

/** The validated, normalised chat request. */
export interface ChatRequest {
  /** `model` when given and non-blank. */
  readonly model?: string;
  /** Never empty. */
  readonly messages: readonly ChatRequestMessage[];
  /** Only a literal `true` streams. */
  readonly stream: boolean;
  /** `stream_options.include_usage === true`. */
  readonly includeUsage: boolean;
  /** `max_completion_tokens`, else `max_tokens` (only selects `finish_reason: "length"`). */
  readonly maxTokens?: number;
  /** `metadata` as sent (`{}` when absent). */
  readonly metadata: Readonly<Record<string, unknown>>;
  /** `metadata.chat_session_id` when a string. */
  readonly metadataSessionId?: string;
  readonly user?: string;
  /** Present (even empty) iff the request had `tools`: this turns on client-tools history handling. */
  readonly tools?: readonly ClientToolDefinition[];
}

const MAX_REPORTED_ISSUES = 5;
/** zod's wording for a missing value, reworded as `required (expected <type>)`. */
const MISSING_VALUE = /^Invalid input: (expected \w+), received undefined$/;

/** Renders a zod issue path as `messages[0].content[1].type` (empty for the root). */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else text += text === '' ? String(segment) : `.${String(segment)}`;
  }
  return text;
}

function schemaError(error: z.ZodError): AuraError<HttpErrorData> {
  const issues = error.issues.slice(0, MAX_REPORTED_ISSUES).map((issue) => {
    const path = formatIssuePath(issue.path);
    const message = issue.message.replace(MISSING_VALUE, 'required ($1)');
    return path === '' ? `request body: ${message}` : `${path}: ${message}`;
  });
  const more = error.issues.length - issues.length;
  const message = `Invalid request: ${issues.join('; ')}${more > 0 ? ` (and ${more} more)` : ''}`;
  const first = error.issues[0];
  const param = first === undefined ? '' : formatIssuePath(first.path);
  return new AuraError<HttpErrorData>('REQUEST_INVALID', message, {
    data: { status: 422, ...(param === '' ? {} : { param }) },
  });
}

/**
 * Validates `body` (already JSON-parsed) and normalises it.
 *
 * @throws {AuraError} `REQUEST_INVALID` with `data.status` 422 when the body does not fit the schema
 *   (message lists up to five issues with their paths; `data.param` is the first path), or 400
 *   `No messages provided` when `messages` is empty.
 */
export function parseChatRequest(body: unknown): ChatRequest {
  const result = chatRequestSchema.safeParse(body);
  if (!result.success) throw schemaError(result.error);
  const parsed = result.data;
  if (parsed.messages.length === 0) {
    throw new AuraError<HttpErrorData>('REQUEST_INVALID', 'No messages provided');
  }
  return normalise(parsed);
}

function normalise(body: ChatRequestBody): ChatRequest {
  const model = body.model?.trim();
  const maxTokens = body.max_completion_tokens ?? body.max_tokens ?? undefined;
  const metadata = body.metadata ?? {};
  const metadataSessionId = metadata.chat_session_id;
  // Plain properties first: a literal that starts with a spread gets a map of its own per object once optimised
  // (V8 11.3), and this one lives as long as the request.
  return {
    messages: body.messages.map(normaliseMessage),
    stream: body.stream === true,
    includeUsage: body.stream_options?.include_usage === true,
    metadata,
    ...(model === undefined || model === '' ? {} : { model }),
    ...(maxTokens === undefined ? {} : { maxTokens }),
    ...(typeof metadataSessionId === 'string' ? { metadataSessionId } : {}),
    ...(typeof body.user === 'string' ? { user: body.user } : {}),
    ...(body.tools === undefined || body.tools === null
      ? {}
      : {
          tools: body.tools.map((tool) => ({
            name: tool.function.name,
            description: tool.function.description ?? '',
            parameters: tool.function.parameters ?? {},
          })),
        }),
  };
}

function normaliseMessage(message: ChatRequestBody['messages'][number]): ChatRequestMessage {
  return {
    role: message.role,
    content: message.content ?? null,
    ...(message.tool_calls === undefined || message.tool_calls === null
      ? {}
      : {
          toolCalls: message.tool_calls.map((call) => ({
            id: call.id,
            name: call.function.name,
            arguments: encodeArguments(call.function.arguments),
          })),
        }),
    ...(typeof message.tool_call_id === 'string' ? { toolCallId: message.tool_call_id } : {}),
    ...(typeof message.name === 'string' ? { name: message.name } : {}),
  };
}

function encodeArguments(value: string | Readonly<Record<string, unknown>> | null | undefined): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}
