/** The one discriminated union of every `aura.*` SSE event, discriminated on `event`. */
import type {
  AuraApprovalCompletedEvent,
  AuraApprovalPendingEvent,
  AuraApprovalRequestedEvent,
} from './approval-events.js';
import { type AuraEventName, isAuraEventName } from './aura-event-names.js';
import type {
  AuraMcpStatusEvent,
  AuraProgressEvent,
  AuraReasoningEvent,
  AuraScratchpadUsageEvent,
  AuraSessionInfoEvent,
  AuraToolCompleteEvent,
  AuraToolRequestedEvent,
  AuraToolStartEvent,
  AuraToolUsageEvent,
  AuraUsageEvent,
  AuraWorkerPhaseEvent,
} from './aura-events.js';
import type {
  AuraOrchestratorClarificationNeededEvent,
  AuraOrchestratorDirectAnswerEvent,
  AuraOrchestratorIterationCompleteEvent,
  AuraOrchestratorPlanCreatedEvent,
  AuraOrchestratorReplanStartedEvent,
  AuraOrchestratorSynthesizingEvent,
  AuraOrchestratorTaskCompletedEvent,
  AuraOrchestratorTaskStartedEvent,
  AuraOrchestratorToolCallCompletedEvent,
  AuraOrchestratorToolCallStartedEvent,
  AuraOrchestratorWorkerReasoningEvent,
} from './orchestrator-events.js';

/**
 * Any `aura.*` event as written to SSE: `event: <event>\ndata: <JSON of data>\n\n`. Switch on `event`
 * (with `assertNever` in the default branch) to handle every kind.
 */
export type AuraWireEvent =
  | AuraSessionInfoEvent
  | AuraMcpStatusEvent
  | AuraToolRequestedEvent
  | AuraToolStartEvent
  | AuraToolCompleteEvent
  | AuraProgressEvent
  | AuraReasoningEvent
  | AuraToolUsageEvent
  | AuraUsageEvent
  | AuraScratchpadUsageEvent
  | AuraWorkerPhaseEvent
  | AuraApprovalRequestedEvent
  | AuraApprovalPendingEvent
  | AuraApprovalCompletedEvent
  | AuraOrchestratorPlanCreatedEvent
  | AuraOrchestratorDirectAnswerEvent
  | AuraOrchestratorClarificationNeededEvent
  | AuraOrchestratorTaskStartedEvent
  | AuraOrchestratorTaskCompletedEvent
  | AuraOrchestratorIterationCompleteEvent
  | AuraOrchestratorReplanStartedEvent
  | AuraOrchestratorSynthesizingEvent
  | AuraOrchestratorWorkerReasoningEvent
  | AuraOrchestratorToolCallStartedEvent
  | AuraOrchestratorToolCallCompletedEvent;

/** The `aura.*` event with name `N`. */
export type AuraWireEventOf<N extends AuraEventName> = Extract<AuraWireEvent, { readonly event: N }>;

/** The payload (`data`) type of the `aura.*` event named `N`. */
export type AuraEventData<N extends AuraEventName> = AuraWireEventOf<N>['data'];

/**
 * Shape-level guard: `value` is `{ event, data }` with a known `aura.*` name and an object `data`. The
 * payload's fields are not validated (the wire is trusted to match the name).
 */
export function isAuraWireEvent(value: unknown): value is AuraWireEvent {
  if (typeof value !== 'object' || value === null) return false;
  const { event, data } = value as { readonly event?: unknown; readonly data?: unknown };
  return (
    typeof event === 'string' &&
    isAuraEventName(event) &&
    typeof data === 'object' &&
    data !== null &&
    !Array.isArray(data)
  );
}
