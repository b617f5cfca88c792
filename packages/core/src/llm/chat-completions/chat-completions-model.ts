/**
 * Aura's own Chat Completions client for OpenAI-compatible servers (vLLM, llama-server, LM Studio, LiteLLM, …):
 * a `LanguageModelV3` that speaks the wire `@ai-sdk/openai-compatible` speaks — same request body, same stream
 * parts, same errors (chat-completions-parity.test.ts runs both on the same calls) — at a fraction of the cost
 * per streamed response: `node:http` instead of `fetch`, bytes → SSE → parts in one callback, no per-chunk
 * schema parse, and the parts handed to the agent loop without a web stream (see docs/performance.md).
 */
import type {
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV3GenerateResult,
  LanguageModelV3StreamResult,
} from '@ai-sdk/provider';
import { JSONParseError } from '@ai-sdk/provider';
import type { JsonObject } from '../../util/json-value.js';
import { trimTrailingSlashes } from '../providers/provider-build.js';
import { mergeTopLevel } from '../request-body-merge.js';
import { streamResultFromReader } from '../stream-parts.js';
import { chatGenerateResult } from './chat-generate-result.js';
import { postChatRequest, readText } from './chat-http.js';
import { chatRequestBody } from './chat-request-body.js';
import { chatResponseMetadata } from './chat-response-fields.js';
import { ChatStreamParts } from './chat-stream-parts.js';
import { ResponsePartReader } from './response-part-reader.js';

/** Options of {@link createChatCompletionsModel}. */
export interface ChatCompletionsModelOptions {
  readonly modelId: string;
  /** The API base, e.g. `http://localhost:8000/v1`; requests go to `<baseURL>/chat/completions`. */
  readonly baseURL: string;
  /** Sent as `Authorization: Bearer <apiKey>` when not empty. */
  readonly apiKey?: string | undefined;
  /** The provider options key (and `providerMetadata` key, see `ChatRequest.metadataKey`), e.g. `openai-compatible`. */
  readonly providerName: string;
  /** Merged over every request body, its top-level keys winning (`additional_params`, `reasoning_effort`). */
  readonly extraBody?: JsonObject | undefined;
  /** Send through this `fetch` instead of `node:http` (tests, proxies). */
  readonly fetch?: typeof globalThis.fetch | undefined;
}

/**
 * The model. `doStream` resolves once the response head arrived (a non-2xx status or a connection failure
 * rejects with an `APICallError`); its parts are read through `readStreamParts` without a web stream, or through
 * `result.stream`. `doGenerate` sends `stream: false`. `supportedUrls` is empty (URLs are downloaded by the caller).
 */
export function createChatCompletionsModel(options: ChatCompletionsModelOptions): LanguageModelV3 {
  const url = `${trimTrailingSlashes(options.baseURL)}/chat/completions`;
  const baseHeaders: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': 'aura',
    ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}),
  };
  const prepare = (callOptions: LanguageModelV3CallOptions, stream: boolean) => {
    const { body, warnings, metadataKey } = chatRequestBody(options.modelId, options.providerName, callOptions, stream);
    const bodyValues = options.extraBody === undefined ? body : mergeTopLevel(body, options.extraBody);
    return {
      warnings,
      metadataKey,
      bodyValues,
      request: {
        url,
        headers: callHeaders(baseHeaders, callOptions.headers),
        bodyValues,
        body: JSON.stringify(bodyValues),
        signal: callOptions.abortSignal,
        fetch: options.fetch,
      },
    };
  };
  return {
    specificationVersion: 'v3',
    provider: `${options.providerName}.chat`,
    modelId: options.modelId,
    supportedUrls: {},
    async doStream(callOptions): Promise<LanguageModelV3StreamResult> {
      const { warnings, metadataKey, bodyValues, request } = prepare(callOptions, true);
      const response = await postChatRequest(request);
      const parts = new ChatStreamParts({ warnings, metadataKey, includeRawChunks: callOptions.includeRawChunks });
      const reader = new ResponsePartReader({
        body: response.body,
        parts,
        signal: callOptions.abortSignal,
        url,
        bodyValues,
      });
      return streamResultFromReader({ request: { body: bodyValues }, response: { headers: response.headers } }, reader);
    },
    async doGenerate(callOptions): Promise<LanguageModelV3GenerateResult> {
      const { warnings, metadataKey, request } = prepare(callOptions, false);
      const response = await postChatRequest(request);
      const text = await readText(response.body, { signal: callOptions.abortSignal });
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch (cause) {
        throw new JSONParseError({ text, cause });
      }
      const result = chatGenerateResult(parsed, metadataKey);
      return {
        ...result,
        request: { body: request.body },
        response: {
          ...chatResponseMetadata(parsed as JsonObject),
          headers: response.headers,
          body: parsed,
        },
        warnings,
      };
    },
  };
}

function callHeaders(
  base: Record<string, string>,
  extra: Record<string, string | undefined> | undefined,
): Record<string, string> {
  if (extra === undefined) return base;
  const headers = { ...base };
  for (const [name, value] of Object.entries(extra)) {
    if (value !== undefined) headers[name.toLowerCase()] = value;
  }
  return headers;
}
