/**
 * Fixed texts of the routing loop (orchestration-spec §1.6): the correction sent when the coordinator answered
 * with text instead of a routing tool, and the planning error messages.
 */

/**
 * User message of routing attempts ≥ 2: the coordinator must call exactly one of the three routing tools
 * (all three are named) and must not answer with plain text.
 */
export const CORRECTION_MESSAGE =
  'You replied with text, but every request must be routed with a tool call. Call exactly one routing tool now: ' +
  '`respond_directly` (to give the final answer yourself), `create_plan` (to have workers do the work), or ' +
  '`request_clarification` (to ask the user a question). Do not answer with plain text.';

/** Error of a post-execute decision when no attempt routed (§1.6). */
export function postExecuteRoutingFailedMessage(attempts: number): string {
  return `All ${attempts} post-execute planning attempts failed (coordinator could not route)`;
}

/** Error of a non-transient coordinator failure during routing (§1.6): `Planning failed: <error>`. */
export function planningFailedMessage(error: string): string {
  return `Planning failed: ${error}`;
}

/** Error of a coordinator call that overflowed the model's context window during routing (§1.6). */
export const PLANNING_CONTEXT_LIMIT_MESSAGE =
  'Context limit exceeded during planning. The request (with its conversation history) is too large for the ' +
  "coordinator model's context window; try breaking it into smaller questions.";
