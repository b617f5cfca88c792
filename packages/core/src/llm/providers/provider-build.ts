/**
 * What each `providers/<id>.ts` translation file produces from its `[agent.llm]` table, and the options the
 * model factory hands it.
 */
import type { LanguageModelV3, SharedV3ProviderOptions } from '@ai-sdk/provider';
import type { LlmLogger } from '../llm-logger.js';

/** Standard call settings the agent loop passes to `streamText` (spread them in as they are). */
export interface LlmCallSettings {
  readonly temperature?: number;
  readonly maxOutputTokens?: number;
}

/** Static AWS credentials (tests and demos; production uses the AWS credential chain). */
export interface BedrockCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

/** Options the factory passes to every provider translation. */
export interface ProviderBuildOptions {
  /** `fetch` used for provider HTTP calls. Default: the global `fetch`. */
  readonly fetch?: typeof fetch | undefined;
  /** Replaces the provider endpoint (config `base_url`, or Bedrock's regional endpoint). */
  readonly endpointOverride?: string | undefined;
  /** Bedrock only: static credentials instead of the AWS credential chain. */
  readonly credentials?: BedrockCredentials | undefined;
  readonly logger?: LlmLogger | undefined;
}

/** One provider's translation of its config. */
export interface ProviderBuild {
  /** The provider package's model, not yet wrapped with retries. */
  readonly model: LanguageModelV3;
  readonly callSettings: LlmCallSettings;
  readonly providerOptions: SharedV3ProviderOptions;
  /** Configuration warnings (also logged once by the factory where noted). */
  readonly warnings: readonly string[];
  /** Values to redact from error messages (the API key). */
  readonly secrets: readonly string[];
}

/** `{ temperature, maxOutputTokens }` without `undefined` entries. */
export function callSettingsOf(temperature: number | undefined, maxOutputTokens: number | undefined): LlmCallSettings {
  return {
    ...(temperature === undefined ? {} : { temperature }),
    ...(maxOutputTokens === undefined ? {} : { maxOutputTokens }),
  };
}

/** `url` without trailing slashes. */
export function trimTrailingSlashes(url: string): string {
  return url.replace(/\/+$/, '');
}

/**
 * `url` with `suffix` appended unless its path already ends with it or with one of `alternatives`
 * (e.g. the reference's `https://api.anthropic.com` → the SDK's `https://api.anthropic.com/v1`).
 */
export function withPathSuffix(url: string, suffix: string, alternatives: readonly string[] = []): string {
  const trimmed = trimTrailingSlashes(url);
  return [suffix, ...alternatives].some((ending) => trimmed.endsWith(ending)) ? trimmed : `${trimmed}${suffix}`;
}
