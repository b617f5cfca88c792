/** Constructors for {@link RuntimeEvent}s: single-object input, `undefined` optional fields dropped. */
import { type PayloadInput, withoutUndefined } from './ordered-payload.js';
import type { RuntimeEvent, RuntimeEventOf, RuntimeEventType } from './runtime-events.js';

/** Input of a runtime-event constructor: the event without `type`; optional fields may be `undefined`. */
export type RuntimeEventInput<T extends RuntimeEventType> = PayloadInput<Omit<RuntimeEventOf<T>, 'type'>>;

const TYPES: { readonly [T in RuntimeEventType]: true } = {
  'run-start': true,
  'mcp-status': true,
  'step-start': true,
  'text-delta': true,
  'reasoning-delta': true,
  'tool-call': true,
  'tool-start': true,
  'tool-progress': true,
  'tool-result': true,
  'step-finish': true,
  'client-tool-calls': true,
  'scratchpad-usage': true,
  'approval-requested': true,
  'approval-pending': true,
  'approval-completed': true,
  'plan-created': true,
  'direct-answer': true,
  'clarification-needed': true,
  'task-started': true,
  'task-completed': true,
  synthesizing: true,
  'iteration-complete': true,
  'replan-started': true,
  'run-finish': true,
  'run-error': true,
};

/** Every {@link RuntimeEventType}, in declaration order. */
export const RUNTIME_EVENT_TYPES: readonly RuntimeEventType[] = Object.freeze(
  Object.keys(TYPES).filter(isRuntimeEventType),
);

/** Whether `value` is one of {@link RUNTIME_EVENT_TYPES}. */
export function isRuntimeEventType(value: unknown): value is RuntimeEventType {
  return typeof value === 'string' && Object.hasOwn(TYPES, value);
}

/**
 * Builds the runtime event of type `type` from `payload`: `type` comes first, top-level `undefined`
 * fields are dropped, nested objects are kept as given (build `agent` with `agentRef`).
 */
export function createRuntimeEvent<T extends RuntimeEventType>(
  type: T,
  payload: RuntimeEventInput<T>,
): RuntimeEventOf<T> {
  return withoutUndefined({ type, ...payload }) as RuntimeEventOf<T>;
}

function constructorOf<T extends RuntimeEventType>(type: T): (payload: RuntimeEventInput<T>) => RuntimeEventOf<T> {
  return (payload) => createRuntimeEvent(type, payload);
}

/**
 * One constructor per runtime event type, named in camelCase.
 *
 * @example
 * runtimeEvent.textDelta({ agent: { agentId: 'main' }, delta: 'Hello' });
 */
export const runtimeEvent = {
  runStart: constructorOf('run-start'),
  mcpStatus: constructorOf('mcp-status'),
  stepStart: constructorOf('step-start'),
  textDelta: constructorOf('text-delta'),
  reasoningDelta: constructorOf('reasoning-delta'),
  toolCall: constructorOf('tool-call'),
  toolStart: constructorOf('tool-start'),
  toolProgress: constructorOf('tool-progress'),
  toolResult: constructorOf('tool-result'),
  stepFinish: constructorOf('step-finish'),
  clientToolCalls: constructorOf('client-tool-calls'),
  scratchpadUsage: constructorOf('scratchpad-usage'),
  approvalRequested: constructorOf('approval-requested'),
  approvalPending: constructorOf('approval-pending'),
  approvalCompleted: constructorOf('approval-completed'),
  planCreated: constructorOf('plan-created'),
  directAnswer: constructorOf('direct-answer'),
  clarificationNeeded: constructorOf('clarification-needed'),
  taskStarted: constructorOf('task-started'),
  taskCompleted: constructorOf('task-completed'),
  synthesizing: constructorOf('synthesizing'),
  iterationComplete: constructorOf('iteration-complete'),
  replanStarted: constructorOf('replan-started'),
  runFinish: constructorOf('run-finish'),
  runError: constructorOf('run-error'),
} as const satisfies { readonly [name: string]: (payload: never) => RuntimeEvent };
