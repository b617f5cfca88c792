/**
 * Why a task failed (orchestration-spec §7.1): the snake_case categories shown to the coordinator in the
 * continuation prompt and written to `plan.json` / manifests, and the keyword classifier that derives one
 * from an error string.
 */

/** Every category, in the reference's declaration order. */
export const FAILURE_CATEGORIES = [
  'agent_timeout',
  'context_overflow',
  'depth_exhausted',
  'loop_detected',
  'provider_overloaded',
  'provider_auth_error',
  'provider_not_found',
  'dependency_failed',
  'soft_failure',
  'agent_error',
] as const;

/**
 * A failure category. `dependency_failed` is defined but never assigned (blocked tasks stay pending);
 * `soft_failure` is set directly when a worker never calls `submit_result`; `agent_error` is the default.
 */
export type FailureCategory = (typeof FAILURE_CATEGORIES)[number];

/** Categories caused by the LLM provider; all-provider failures short-circuit a run (§1.10). */
const PROVIDER_CATEGORIES: ReadonlySet<FailureCategory> = new Set([
  'provider_overloaded',
  'provider_auth_error',
  'provider_not_found',
]);

/**
 * Classifies an error string (§7.1): the text is lower-cased and the first matching rule wins, in this order —
 * stream inactivity / `timed out` → `agent_timeout`; context-window phrases → `context_overflow`;
 * `maxdeptherror` / `reached limit` → `depth_exhausted`; `duplicate call loop` → `loop_detected`;
 * `did not call submit_result` → `soft_failure`; rate-limit / 429 / 502 / 503 phrases → `provider_overloaded`;
 * authentication / 401 / 403 / `api key` → `provider_auth_error`; 404 / invalid model → `provider_not_found`;
 * anything else → `agent_error`. Pure; never throws.
 *
 * @example categorizeFailure('Worker task timed out after 5s') // 'agent_timeout'
 */
export function categorizeFailure(errorText: string): FailureCategory {
  const text = errorText.toLowerCase();
  const has = (needle: string): boolean => text.includes(needle);
  if (has('no stream progress for') || has('timed out')) return 'agent_timeout';
  if (isContextOverflowText(has)) return 'context_overflow';
  if (has('maxdeptherror') || has('reached limit')) return 'depth_exhausted';
  if (has('duplicate call loop')) return 'loop_detected';
  if (has('did not call submit_result')) return 'soft_failure';
  if (['rate limit', '429', 'too many requests', '503', '502', 'service unavailable'].some(has)) {
    return 'provider_overloaded';
  }
  if (['authentication', 'unauthorized', '403', '401', 'api key'].some(has)) return 'provider_auth_error';
  if (['404', 'model identifier is invalid', 'is not found for api version'].some(has)) return 'provider_not_found';
  return 'agent_error';
}

function isContextOverflowText(has: (needle: string) => boolean): boolean {
  return (
    (has('context') && ['limit', 'overflow', 'exceed', 'length'].some(has)) ||
    has('maximum context') ||
    has('token limit') ||
    has('tokens exceeded') ||
    has('maximum number of tokens') ||
    (has('too') && has('long') && has('token')) ||
    has('string_above_max_length') ||
    (has('string') && has('too long')) ||
    has('prompt is too long') ||
    has('input is too long')
  );
}

/**
 * Whether a coordinator error of this category is retried with the next routing attempt (§1.6):
 * `provider_overloaded` and `agent_timeout`.
 */
export function isTransientCategory(category: FailureCategory): boolean {
  return category === 'provider_overloaded' || category === 'agent_timeout';
}

/** Whether the category blames the LLM provider (overloaded, auth, model not found). */
export function isProviderCategory(category: FailureCategory): boolean {
  return PROVIDER_CATEGORIES.has(category);
}

/** Whether `value` is one of {@link FAILURE_CATEGORIES}. */
export function isFailureCategory(value: unknown): value is FailureCategory {
  return typeof value === 'string' && (FAILURE_CATEGORIES as readonly string[]).includes(value);
}
