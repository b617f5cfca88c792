/**
 * The end of a successful orchestrated run (orchestration-spec §1.1): the final answer streamed as coordinator
 * text deltas of 50 Unicode scalar values each, then `run-finish` carrying the whole answer and the usage summed
 * over every coordinator and worker LLM call.
 */
import {
  type AgentRef,
  COORDINATOR_AGENT_ID,
  type RunStopReason,
  type RuntimeEvent,
  runtimeEvent,
  type TokenUsage,
} from '@aura/events';

/** Code points per streamed piece of the final answer. */
export const FINAL_ANSWER_CHUNK_CODE_POINTS = 50;

/** The coordinator, as events of orchestrated runs name it. */
export const COORDINATOR_AGENT: AgentRef = Object.freeze({ agentId: COORDINATOR_AGENT_ID });

/**
 * `text` cut into pieces of `size` code points (never splitting a surrogate pair); `[]` for `""`. Pure.
 *
 * @example splitCodePoints('abcdef', 4) // ['abcd', 'ef']
 */
export function splitCodePoints(text: string, size = FINAL_ANSWER_CHUNK_CODE_POINTS): string[] {
  const points = Array.from(text);
  const pieces: string[] = [];
  for (let index = 0; index < points.length; index += size) pieces.push(points.slice(index, index + size).join(''));
  return pieces;
}

/** The closing events: one coordinator `text-delta` per piece of `answer`, then `run-finish`. Pure. */
export function finalAnswerEvents(answer: string, usage: TokenUsage, stopReason?: RunStopReason): RuntimeEvent[] {
  return [
    ...splitCodePoints(answer).map((delta) => runtimeEvent.textDelta({ agent: COORDINATOR_AGENT, delta })),
    runtimeEvent.runFinish({ text: answer, usage, finishReason: 'stop', stopReason }),
  ];
}
