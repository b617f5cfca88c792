/**
 * @module @aura/events — the wire vocabulary of Aura: errors, OpenAI chat shapes, aura.* events,
 * runtime events, and SSE framing. No runtime dependency on any other Aura package.
 */

export type { AuraErrorOptions } from './aura-error.js';
export { AuraError, isAuraError } from './aura-error.js';
export type {
  AuraErrorCode,
  ConfigErrorCode,
  InternalErrorCode,
  ProviderErrorCode,
  RequestErrorCode,
  RunErrorCode,
  ToolErrorCode,
} from './error-codes.js';
