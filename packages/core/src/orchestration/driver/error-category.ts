/**
 * The failure category of a coordinator or worker error (orchestration-spec §7.1). Aura's errors carry stable
 * codes, so the code decides where it is unambiguous; everything else goes through the reference's keyword
 * rules on the message.
 */
import type { AuraError } from '@aura/events';
import { categorizeFailure, type FailureCategory } from '../failure-category.js';

/**
 * Category of `error`: `RUN_TIMEOUT` → `agent_timeout`, `PROVIDER_CONTEXT_OVERFLOW` → `context_overflow`,
 * `RUN_DEPTH_EXHAUSTED` → `depth_exhausted`, `PROVIDER_RATE_LIMITED` → `provider_overloaded`, `PROVIDER_AUTH` →
 * `provider_auth_error`; otherwise `categorizeFailure(text ?? error.message)`. Pure.
 */
export function categorizeError(error: AuraError, text?: string): FailureCategory {
  switch (error.code) {
    case 'RUN_TIMEOUT':
      return 'agent_timeout';
    case 'PROVIDER_CONTEXT_OVERFLOW':
      return 'context_overflow';
    case 'RUN_DEPTH_EXHAUSTED':
      return 'depth_exhausted';
    case 'PROVIDER_RATE_LIMITED':
      return 'provider_overloaded';
    case 'PROVIDER_AUTH':
      return 'provider_auth_error';
    default:
      return categorizeFailure(text ?? error.message);
  }
}
