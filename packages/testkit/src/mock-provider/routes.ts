/**
 * Maps a request line to the wire format that serves it. Paths are the ones the real provider packages build
 * from their base URLs (see {@link providerBaseUrls}).
 */
import { anthropicWire } from './anthropic-wire.js';
import { bedrockWire } from './bedrock-wire.js';
import type { ChatWire } from './chat-wire.js';
import type { EmbeddingFormat } from './embeddings-route.js';
import { geminiWire } from './gemini-wire.js';
import { ollamaWire } from './ollama-wire.js';
import { createOpenAIWire } from './openai-wire.js';

/** A matched route. */
export type MatchedRoute =
  | {
      readonly kind: 'chat';
      readonly wire: ChatWire;
      readonly model: string | undefined;
      readonly stream: boolean | undefined;
    }
  | { readonly kind: 'embeddings'; readonly format: EmbeddingFormat };

/** Base URLs to hand each provider package (and the official `openai` client), given the server's origin. */
export interface ProviderBaseUrls {
  /** `@ai-sdk/openai`, `@ai-sdk/openai-compatible` and the `openai` client: `<origin>/v1`. */
  readonly openai: string;
  /** `@ai-sdk/anthropic`: `<origin>/v1`. */
  readonly anthropic: string;
  /** `@ai-sdk/google`: `<origin>/v1beta`. */
  readonly gemini: string;
  /** `ollama-ai-provider-v2`: `<origin>/api`. */
  readonly ollama: string;
  /** `@ai-sdk/amazon-bedrock`: `<origin>` (the package appends `/model/{id}/converse[-stream]`). */
  readonly bedrock: string;
  /** `@openrouter/ai-sdk-provider`: `<origin>/openrouter/api/v1`. */
  readonly openrouter: string;
}

/** The base URLs for a server listening at `origin` (no trailing slash). */
export function providerBaseUrls(origin: string): ProviderBaseUrls {
  return {
    openai: `${origin}/v1`,
    anthropic: `${origin}/v1`,
    gemini: `${origin}/v1beta`,
    ollama: `${origin}/api`,
    bedrock: origin,
    openrouter: `${origin}/openrouter/api/v1`,
  };
}

const openAIWire = createOpenAIWire('openai');
const openRouterWire = createOpenAIWire('openrouter');
const GEMINI_PATH = /^\/v1(?:beta)?\/(.+):(generateContent|streamGenerateContent)$/;
const BEDROCK_PATH = /^\/model\/([^/]+)\/(converse|converse-stream)$/;

/** The route for `method` + `path` (no query string), or `undefined` for anything the server does not serve. */
export function matchRoute(method: string, path: string): MatchedRoute | undefined {
  if (method !== 'POST') return undefined;
  const chat = (wire: ChatWire, model?: string, stream?: boolean): MatchedRoute => ({
    kind: 'chat',
    wire,
    model,
    stream,
  });
  switch (path) {
    case '/v1/chat/completions':
      return chat(openAIWire);
    case '/openrouter/api/v1/chat/completions':
      return chat(openRouterWire);
    case '/v1/messages':
      return chat(anthropicWire);
    case '/api/chat':
      return chat(ollamaWire);
    case '/v1/embeddings':
    case '/openrouter/api/v1/embeddings':
      return { kind: 'embeddings', format: 'openai' };
    case '/api/embed':
      return { kind: 'embeddings', format: 'ollama' };
  }
  const gemini = GEMINI_PATH.exec(path);
  if (gemini?.[1] !== undefined) {
    const model = decodeURIComponent(gemini[1]).replace(/^models\//, '');
    return chat(geminiWire, model, gemini[2] === 'streamGenerateContent');
  }
  const bedrock = BEDROCK_PATH.exec(path);
  if (bedrock?.[1] !== undefined)
    return chat(bedrockWire, decodeURIComponent(bedrock[1]), bedrock[2] === 'converse-stream');
  return undefined;
}
