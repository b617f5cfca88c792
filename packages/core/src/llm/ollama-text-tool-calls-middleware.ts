import type {
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV3Content,
  LanguageModelV3Middleware,
  LanguageModelV3StreamPart,
  LanguageModelV3ToolCall,
} from '@ai-sdk/provider';
import { isJsonObject, tryParseJson } from '../util/json-value.js';
import { stableStringify } from '../util/stable-stringify.js';
import { generateFallbackToolCallId, type ParsedToolCall, parseFallbackToolCalls } from './ollama-text-tool-calls.js';
import { withMiddleware } from './with-middleware.js';

/** Options for {@link fallbackToolParsingMiddleware} / {@link withFallbackToolParsing}. */
export interface FallbackToolParsingOptions {
  /**
   * Tool names that may be called through text, read on every model call. Default: the function tools the
   * call offers (`params.tools`), so a tool the agent did not offer (e.g. filtered out by `mcp_filter`) can
   * never be invoked this way — unlike the reference (quirk Q12).
   */
  readonly tools?: () => readonly string[];
  /** Id of each synthetic call; default {@link generateFallbackToolCallId} (`call_` + 24 hex). */
  readonly generateId?: () => string;
}

/**
 * AI SDK middleware that turns tool calls a model wrote as text into real `tool-call` parts (core-spec §8).
 *
 * Text is passed through untouched while it streams (as the reference does) and accumulated. When the turn
 * ends (`finish`) without any native tool call (`tool-call` / `tool-input-*` parts) and without an error
 * finish, the accumulated text is parsed with {@link parseFallbackToolCalls}; each call found is emitted as a
 * `tool-call` part before `finish`, whose reason becomes `tool-calls`. The agent loop then executes the calls
 * like any other — through its wrappers, events and HITL — and feeds the results back to the model (the
 * reference executes them out of band and never shows the results to the model, quirk Q12). Tool input is
 * always a JSON object: a JSON string holding an object is unwrapped, any other non-object becomes `{}` (§8.3).
 * `doGenerate` gets the same treatment. Does nothing when no tool names are available.
 */
export function fallbackToolParsingMiddleware(options: FallbackToolParsingOptions = {}): LanguageModelV3Middleware {
  const generateId = options.generateId ?? generateFallbackToolCallId;
  const namesFor = (params: LanguageModelV3CallOptions): readonly string[] =>
    options.tools?.() ?? (params.tools ?? []).flatMap((tool) => (tool.type === 'function' ? [tool.name] : []));
  const toParts = (calls: readonly ParsedToolCall[]): LanguageModelV3ToolCall[] =>
    calls.map((call) => ({
      type: 'tool-call',
      toolCallId: generateId(),
      toolName: call.name,
      input: toObjectInput(call.arguments),
    }));

  return {
    specificationVersion: 'v3',
    async wrapGenerate({ doGenerate, params }) {
      const result = await doGenerate();
      const names = namesFor(params);
      if (names.length === 0 || result.finishReason.unified === 'error') return result;
      if (result.content.some(isNativeToolContent)) return result;
      const text = result.content.map((part) => (part.type === 'text' ? part.text : '')).join('');
      const calls = parseFallbackToolCalls(text, names);
      if (calls === undefined) return result;
      return {
        ...result,
        content: [...result.content, ...toParts(calls)],
        finishReason: { unified: 'tool-calls', raw: result.finishReason.raw },
      };
    },
    async wrapStream({ doStream, params }) {
      const result = await doStream();
      const names = namesFor(params);
      if (names.length === 0) return result;
      let text = '';
      let native = false;
      const stream = result.stream.pipeThrough(
        new TransformStream<LanguageModelV3StreamPart, LanguageModelV3StreamPart>({
          transform(part, controller) {
            if (part.type === 'text-delta') text += part.delta;
            else if (
              part.type === 'tool-call' ||
              part.type === 'tool-input-start' ||
              part.type === 'tool-input-delta'
            ) {
              native = true;
            } else if (part.type === 'finish' && !native && part.finishReason.unified !== 'error') {
              const calls = parseFallbackToolCalls(text, names);
              if (calls !== undefined) {
                native = true;
                for (const call of toParts(calls)) controller.enqueue(call);
                controller.enqueue({ ...part, finishReason: { unified: 'tool-calls', raw: part.finishReason.raw } });
                return;
              }
            }
            controller.enqueue(part);
          },
        }),
      );
      return { ...result, stream };
    },
  };
}

/** `model` wrapped with {@link fallbackToolParsingMiddleware} (for Ollama with `fallback_tool_parsing = true`). */
export function withFallbackToolParsing(
  model: LanguageModelV3,
  options: FallbackToolParsingOptions = {},
): LanguageModelV3 {
  return withMiddleware(model, fallbackToolParsingMiddleware(options));
}

function isNativeToolContent(part: LanguageModelV3Content): boolean {
  return part.type === 'tool-call';
}

/** Compact JSON object text for a tool-call input. */
function toObjectInput(argumentsJson: string): string {
  const parsed = tryParseJson(argumentsJson);
  if (!parsed.ok) return '{}';
  if (isJsonObject(parsed.value)) return stableStringify(parsed.value);
  if (typeof parsed.value === 'string') {
    const inner = tryParseJson(parsed.value);
    if (inner.ok && isJsonObject(inner.value)) return stableStringify(inner.value);
  }
  return '{}';
}
