/**
 * What the scripted model remembers about each call: a frozen deep copy of everything the caller sent, so
 * assertions see the request as it was even if the caller mutates its messages afterwards.
 */
import type {
  LanguageModelV3CallOptions,
  LanguageModelV3FunctionTool,
  LanguageModelV3Prompt,
  LanguageModelV3ProviderTool,
  LanguageModelV3ToolChoice,
  SharedV3ProviderOptions,
} from '@ai-sdk/provider';
import type { ConversationView } from '../conversation/conversation-view.js';
import type { ModelTurn } from '../script/model-turn.js';

/** The generation settings of a call (everything but prompt, tools and transport concerns). */
export type ModelCallSettings = Readonly<
  Pick<
    LanguageModelV3CallOptions,
    | 'maxOutputTokens'
    | 'temperature'
    | 'stopSequences'
    | 'topP'
    | 'topK'
    | 'presencePenalty'
    | 'frequencyPenalty'
    | 'responseFormat'
    | 'seed'
    | 'headers'
  >
>;

/** One call as the `respond` function sees it. All fields are frozen copies. */
export interface ModelCallRequest {
  /** Zero-based position among all calls to this model. */
  readonly index: number;
  /** `true` for `doStream`, `false` for `doGenerate`. */
  readonly streamed: boolean;
  readonly prompt: LanguageModelV3Prompt;
  readonly tools: readonly (LanguageModelV3FunctionTool | LanguageModelV3ProviderTool)[];
  readonly toolChoice: LanguageModelV3ToolChoice | undefined;
  readonly providerOptions: SharedV3ProviderOptions | undefined;
  readonly settings: ModelCallSettings;
  /** The provider-neutral view (`provider: 'scripted'`). */
  readonly view: ConversationView;
}

/** A recorded call: the request plus the turn that answered it (`undefined` when the script was exhausted). */
export interface RecordedModelCall extends ModelCallRequest {
  readonly turn: ModelTurn | undefined;
  /** `'queue'`, `'rule:<name>'` or `'respond'`; `undefined` when nothing answered. */
  readonly source: string | undefined;
}

/**
 * Copies and deep-freezes `value`. Plain objects and arrays are copied; binary buffers, `URL`s and `Date`s
 * are copied but left unfrozen (they cannot be frozen meaningfully); anything else is kept by reference.
 */
export function frozenCopy<T>(value: T): T {
  return copy(value, true) as T;
}

function copy(value: unknown, freeze: boolean): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (value instanceof Uint8Array) return value.slice();
  if (value instanceof URL) return new URL(value.href);
  if (value instanceof Date) return new Date(value.getTime());
  if (Array.isArray(value)) {
    const items = value.map((item) => copy(item, freeze));
    return freeze ? Object.freeze(items) : items;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) return value;
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) result[key] = copy(item, freeze);
  return freeze ? Object.freeze(result) : result;
}

/** Extracts the settings of `options`, leaving out undefined fields. */
export function settingsOf(options: Omit<LanguageModelV3CallOptions, 'abortSignal'>): ModelCallSettings {
  const {
    maxOutputTokens,
    temperature,
    stopSequences,
    topP,
    topK,
    presencePenalty,
    frequencyPenalty,
    responseFormat,
    seed,
    headers,
  } = options;
  const all = {
    maxOutputTokens,
    temperature,
    stopSequences,
    topP,
    topK,
    presencePenalty,
    frequencyPenalty,
    responseFormat,
    seed,
    headers,
  };
  return Object.fromEntries(Object.entries(all).filter(([, value]) => value !== undefined)) as ModelCallSettings;
}
