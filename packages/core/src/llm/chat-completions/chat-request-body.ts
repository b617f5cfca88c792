/**
 * One model call (`LanguageModelV3CallOptions`) as a Chat Completions request body, with the call warnings —
 * the same body `@ai-sdk/openai-compatible` 2.x builds (pinned by chat-completions-parity.test.ts).
 */
import { type LanguageModelV3CallOptions, type SharedV3Warning, UnsupportedFunctionalityError } from '@ai-sdk/provider';
import type { JsonObject } from '../../util/json-value.js';
import { toChatMessages } from './chat-messages.js';

/** A request body and the warnings of building it. */
export interface ChatRequest {
  readonly body: JsonObject;
  readonly warnings: SharedV3Warning[];
  /**
   * The `providerMetadata` key of this call's results: the provider options name, or its camelCase form when
   * the call's provider options use that one.
   */
  readonly metadataKey: string;
}

/** Provider option keys the client itself interprets (never copied into the body). */
const COMPATIBLE_OPTION_KEYS: ReadonlySet<string> = new Set([
  'user',
  'reasoningEffort',
  'textVerbosity',
  'strictJsonSchema',
]);

/**
 * The body for `modelId` and `options`: standard settings under their wire names (`max_tokens`, `temperature`,
 * `top_p`, `frequency_penalty`, `presence_penalty`, `stop`, `seed`; `response_format: json_object` for a JSON
 * response), provider options of `providerOptionsName` (and its camelCase form, and `openaiCompatible`) —
 * `user`, `reasoningEffort` → `reasoning_effort`, `textVerbosity` → `verbosity`, any other key copied as is —
 * the messages, function tools and `tool_choice`. `stream: true` adds `stream_options.include_usage`.
 * `undefined` values are left in the object (JSON drops them). Warnings: `topK`, a JSON schema response format,
 * provider-defined tools (dropped).
 * @throws UnsupportedFunctionalityError for a prompt part or tool choice the wire cannot carry.
 */
export function chatRequestBody(
  modelId: string,
  providerOptionsName: string,
  options: LanguageModelV3CallOptions,
  stream: boolean,
): ChatRequest {
  const warnings: SharedV3Warning[] = [];
  const providerOptions = options.providerOptions ?? {};
  const camelName = toCamelCase(providerOptionsName);
  if (providerOptions['openai-compatible'] !== undefined) {
    warnings.push({
      type: 'other',
      message: `The 'openai-compatible' key in providerOptions is deprecated. Use 'openaiCompatible' instead.`,
    });
  }
  const compatible: JsonObject = Object.assign(
    {},
    providerOptions['openai-compatible'],
    providerOptions.openaiCompatible,
    providerOptions[providerOptionsName],
    providerOptions[camelName],
  );
  if (options.topK != null) warnings.push({ type: 'unsupported', feature: 'topK' });
  const responseFormat = options.responseFormat;
  if (responseFormat?.type === 'json' && responseFormat.schema != null) {
    warnings.push({
      type: 'unsupported',
      feature: 'responseFormat',
      details: 'JSON response format schema is only supported with structuredOutputs',
    });
  }
  const passThrough = Object.fromEntries(
    Object.entries({ ...providerOptions[providerOptionsName], ...providerOptions[camelName] }).filter(
      ([key]) => !COMPATIBLE_OPTION_KEYS.has(key),
    ),
  );
  const { tools, toolChoice } = chatTools(options, warnings);
  const body: JsonObject = {
    model: modelId,
    user: compatible.user,
    max_tokens: options.maxOutputTokens,
    temperature: options.temperature,
    top_p: options.topP,
    frequency_penalty: options.frequencyPenalty,
    presence_penalty: options.presencePenalty,
    response_format: responseFormat?.type === 'json' ? { type: 'json_object' } : undefined,
    stop: options.stopSequences,
    seed: options.seed,
    ...passThrough,
    ...(compatible.reasoningEffort !== undefined ? { reasoning_effort: compatible.reasoningEffort } : {}),
    verbosity: compatible.textVerbosity,
    messages: toChatMessages(options.prompt),
    tools,
    tool_choice: toolChoice,
  };
  if (stream) {
    body.stream = true;
    body.stream_options = { include_usage: true };
  }
  const metadataKey =
    camelName !== providerOptionsName && providerOptions[camelName] != null ? camelName : providerOptionsName;
  return { body, warnings, metadataKey };
}

function chatTools(
  options: LanguageModelV3CallOptions,
  warnings: SharedV3Warning[],
): { tools: JsonObject[] | undefined; toolChoice: unknown } {
  if (options.tools === undefined || options.tools.length === 0) return { tools: undefined, toolChoice: undefined };
  const tools: JsonObject[] = [];
  for (const tool of options.tools) {
    if (tool.type === 'provider') {
      warnings.push({ type: 'unsupported', feature: `provider-defined tool ${tool.id}` });
      continue;
    }
    tools.push({
      type: 'function',
      function: {
        name: tool.name,
        description: tool.description,
        parameters: tool.inputSchema,
        ...(tool.strict != null ? { strict: tool.strict } : {}),
      },
    });
  }
  const choice = options.toolChoice;
  if (choice === undefined) return { tools, toolChoice: undefined };
  switch (choice.type) {
    case 'auto':
    case 'none':
    case 'required':
      return { tools, toolChoice: choice.type };
    case 'tool':
      return { tools, toolChoice: { type: 'function', function: { name: choice.toolName } } };
    default:
      throw new UnsupportedFunctionalityError({
        functionality: `tool choice type: ${(choice as { type: string }).type}`,
      });
  }
}

function toCamelCase(name: string): string {
  return name.replace(/[_-]([a-z])/g, (match) => match[1]?.toUpperCase() ?? '');
}
