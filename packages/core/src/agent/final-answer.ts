/**
 * The depth-exhausted answer (a deliberate deviation from the reference, which ends with a bare
 * `MaxDepthError`, Q4): once the turn budget is spent the loop makes one more call with tools withheld and
 * asks for an answer from what was gathered, so the user still gets one.
 */
import type { ModelMessage } from 'ai';

/** Default instruction appended to the answer call (as a user message that is not kept in the transcript). */
export const DEFAULT_FINAL_ANSWER_INSTRUCTION =
  '[TOOL BUDGET EXHAUSTED] You have used all of your tool-call turns for this request, so no more tools can be called. Using only the information already gathered above, give your best final answer now. If parts of the request remain unanswered, say briefly what is missing.';

/** The answer when the answer call produced no text either. */
export function depthExhaustedFallbackText(maxDepth: number): string {
  return `I reached the tool-call turn limit (${maxDepth}) before I could finish this request, and I have no answer to give yet. Try again with a narrower request or a higher turn_depth.`;
}

/** `messages` plus the instruction, as the prompt of the answer call. */
export function withFinalAnswerInstruction(messages: readonly ModelMessage[], instruction: string): ModelMessage[] {
  return [...messages, { role: 'user', content: instruction }];
}
