/**
 * The texts the duplicate-call guard appends to a repeated tool result (spec §3). Placeholders `%%TOOL_NAME%%`
 * and `%%COUNT%%` are replaced by {@link renderDuplicateCallAnnotation}. The first line of each is the marker
 * clients and tests look for.
 */

/** First line of the nudge annotation. */
export const DUPLICATE_CALL_GUIDANCE_MARKER = '[DUPLICATE_CALL_GUIDANCE]';
/** First line of the abort annotation. */
export const DUPLICATE_CALL_ABORT_MARKER = '[DUPLICATE_CALL_ABORT]';

/** Nudge: the same call keeps returning the same result; not a failure, change course. */
export const DUPLICATE_CALL_GUIDANCE_TEMPLATE = `${DUPLICATE_CALL_GUIDANCE_MARKER}
You have called \`%%TOOL_NAME%%\` with identical arguments %%COUNT%% times and received the same result each time.
This is not a failure, and you still have turn budget left — but repeating the call will not produce new information.
Instead, pick one of these:
- use the result you already have to continue the task;
- call a different tool that can provide what is missing;
- call this tool with different arguments (another time range, filter, identifier or page);
- split the problem into smaller steps.`;

/** Abort: the loop is terminated; summarise and submit. */
export const DUPLICATE_CALL_ABORT_TEMPLATE = `${DUPLICATE_CALL_ABORT_MARKER}
\`%%TOOL_NAME%%\` has now been called with identical arguments %%COUNT%% times and keeps returning the same result, so this loop is being terminated.
Do not call any more tools. Summarise what you have learned so far, state clearly what is still missing, and call \`submit_result\` now.`;

/** Which annotation to render. */
export type DuplicateCallAnnotationKind = 'guidance' | 'abort';

/** The annotation text for `toolName` seen `count` times. */
export function renderDuplicateCallAnnotation(
  kind: DuplicateCallAnnotationKind,
  toolName: string,
  count: number,
): string {
  const template = kind === 'guidance' ? DUPLICATE_CALL_GUIDANCE_TEMPLATE : DUPLICATE_CALL_ABORT_TEMPLATE;
  return template.replaceAll('%%TOOL_NAME%%', toolName).replaceAll('%%COUNT%%', String(count));
}
