/**
 * Wire payloads of `aura.approval_requested`, `aura.approval_pending` and `aura.approval_completed`
 * (server-spec §12.2, cli-hitl-sessions-spec §2.7). These carry no agent/correlation context and are sent
 * on every streaming response regardless of `AURA_CUSTOM_EVENTS`.
 */
import type { ApprovalCancelReason, ApprovalOrigin, ApprovalOutcome, ApprovalScope } from './approval.js';
import { AURA_EVENT_NAMES, type NamedEvent } from './aura-event-names.js';
import type { JsonObject } from './json.js';
import { keyOrder, orderedPayload, type PayloadInput } from './ordered-payload.js';

/** Wire `origin`: `{kind, matched_pattern}` or `{kind, reason, agent_name}`. */
export type ApprovalOriginData =
  | { readonly kind: 'config_gate'; readonly matched_pattern: string }
  | { readonly kind: 'agent_requested'; readonly reason: string; readonly agent_name: string };

/** Wire `scope`; optional keys omitted when absent. */
export type ApprovalScopeData =
  | { readonly kind: 'single'; readonly session_id?: string }
  | {
      readonly kind: 'worker';
      readonly run_id: string;
      readonly task_id: number;
      readonly worker?: string;
      readonly session_id?: string;
    }
  | { readonly kind: 'coordinator'; readonly run_id: string };

/** Wire `outcome`. */
export type ApprovalOutcomeData =
  | { readonly kind: 'approved' }
  | { readonly kind: 'denied'; readonly reason?: string }
  | { readonly kind: 'timed_out'; readonly waited_ms: number }
  | { readonly kind: 'cancelled'; readonly reason: ApprovalCancelReason }
  | { readonly kind: 'errored'; readonly message: string };

/** `aura.approval_requested`. */
export interface ApprovalRequestedData {
  readonly decision_id: string;
  readonly tool_name: string;
  readonly origin: ApprovalOriginData;
  readonly scope: ApprovalScopeData;
}

/** `aura.approval_pending` (conversational route only): the call is parked until a decision arrives. */
export interface ApprovalPendingData {
  readonly decision_id: string;
  readonly tool_name: string;
  readonly arguments: JsonObject;
  readonly origin: ApprovalOriginData;
  readonly scope: ApprovalScopeData;
  /** RFC 3339 deadline. */
  readonly expires_at: string;
}

/** `aura.approval_completed`. */
export interface ApprovalCompletedData {
  readonly decision_id: string;
  readonly outcome: ApprovalOutcomeData;
  readonly duration_ms: number;
  readonly scope: ApprovalScopeData;
}

/** `aura.approval_requested` event. */
export type AuraApprovalRequestedEvent = NamedEvent<typeof AURA_EVENT_NAMES.approvalRequested, ApprovalRequestedData>;
/** `aura.approval_pending` event. */
export type AuraApprovalPendingEvent = NamedEvent<typeof AURA_EVENT_NAMES.approvalPending, ApprovalPendingData>;
/** `aura.approval_completed` event. */
export type AuraApprovalCompletedEvent = NamedEvent<typeof AURA_EVENT_NAMES.approvalCompleted, ApprovalCompletedData>;

/** Maps a runtime {@link ApprovalOrigin} to its wire form (keys in wire order). */
export function approvalOriginData(origin: ApprovalOrigin): ApprovalOriginData {
  return origin.kind === 'config_gate'
    ? { kind: 'config_gate', matched_pattern: origin.matchedPattern }
    : { kind: 'agent_requested', reason: origin.reason, agent_name: origin.agentName };
}

/** Maps a runtime {@link ApprovalScope} to its wire form (keys in wire order, absent optionals omitted). */
export function approvalScopeData(scope: ApprovalScope): ApprovalScopeData {
  switch (scope.kind) {
    case 'single':
      return scope.sessionId === undefined ? { kind: 'single' } : { kind: 'single', session_id: scope.sessionId };
    case 'worker':
      return {
        kind: 'worker',
        run_id: scope.runId,
        task_id: scope.taskId,
        ...(scope.worker === undefined ? {} : { worker: scope.worker }),
        ...(scope.sessionId === undefined ? {} : { session_id: scope.sessionId }),
      };
    case 'coordinator':
      return { kind: 'coordinator', run_id: scope.runId };
  }
}

/** Maps a runtime {@link ApprovalOutcome} to its wire form (keys in wire order, absent optionals omitted). */
export function approvalOutcomeData(outcome: ApprovalOutcome): ApprovalOutcomeData {
  switch (outcome.kind) {
    case 'approved':
      return { kind: 'approved' };
    case 'denied':
      return outcome.reason === undefined ? { kind: 'denied' } : { kind: 'denied', reason: outcome.reason };
    case 'timed_out':
      return { kind: 'timed_out', waited_ms: outcome.waitedMs };
    case 'cancelled':
      return { kind: 'cancelled', reason: outcome.reason };
    case 'errored':
      return { kind: 'errored', message: outcome.message };
  }
}

type ScopeOf<K extends ApprovalScopeData['kind']> = Extract<ApprovalScopeData, { kind: K }>;
type OriginOf<K extends ApprovalOriginData['kind']> = Extract<ApprovalOriginData, { kind: K }>;
type OutcomeOf<K extends ApprovalOutcomeData['kind']> = Extract<ApprovalOutcomeData, { kind: K }>;

const singleScopeKeys = keyOrder<ScopeOf<'single'>>()(['kind', 'session_id']);
const workerScopeKeys = keyOrder<ScopeOf<'worker'>>()(['kind', 'run_id', 'task_id', 'worker', 'session_id']);
const coordinatorScopeKeys = keyOrder<ScopeOf<'coordinator'>>()(['kind', 'run_id']);
const configGateKeys = keyOrder<OriginOf<'config_gate'>>()(['kind', 'matched_pattern']);
const agentRequestedKeys = keyOrder<OriginOf<'agent_requested'>>()(['kind', 'reason', 'agent_name']);
const deniedKeys = keyOrder<OutcomeOf<'denied'>>()(['kind', 'reason']);
const timedOutKeys = keyOrder<OutcomeOf<'timed_out'>>()(['kind', 'waited_ms']);
const cancelledKeys = keyOrder<OutcomeOf<'cancelled'>>()(['kind', 'reason']);
const erroredKeys = keyOrder<OutcomeOf<'errored'>>()(['kind', 'message']);

function orderScope(scope: ApprovalScopeData): ApprovalScopeData {
  switch (scope.kind) {
    case 'single':
      return orderedPayload<ScopeOf<'single'>>(scope, singleScopeKeys);
    case 'worker':
      return orderedPayload<ScopeOf<'worker'>>(scope, workerScopeKeys);
    case 'coordinator':
      return orderedPayload<ScopeOf<'coordinator'>>(scope, coordinatorScopeKeys);
  }
}

function orderOrigin(origin: ApprovalOriginData): ApprovalOriginData {
  return origin.kind === 'config_gate'
    ? orderedPayload<OriginOf<'config_gate'>>(origin, configGateKeys)
    : orderedPayload<OriginOf<'agent_requested'>>(origin, agentRequestedKeys);
}

function orderOutcome(outcome: ApprovalOutcomeData): ApprovalOutcomeData {
  switch (outcome.kind) {
    case 'approved':
      return { kind: 'approved' };
    case 'denied':
      return orderedPayload<OutcomeOf<'denied'>>(outcome, deniedKeys);
    case 'timed_out':
      return orderedPayload<OutcomeOf<'timed_out'>>(outcome, timedOutKeys);
    case 'cancelled':
      return orderedPayload<OutcomeOf<'cancelled'>>(outcome, cancelledKeys);
    case 'errored':
      return orderedPayload<OutcomeOf<'errored'>>(outcome, erroredKeys);
  }
}

const requestedKeys = keyOrder<ApprovalRequestedData>()(['decision_id', 'tool_name', 'origin', 'scope']);
const pendingKeys = keyOrder<ApprovalPendingData>()([
  'decision_id',
  'tool_name',
  'arguments',
  'origin',
  'scope',
  'expires_at',
]);
const completedKeys = keyOrder<ApprovalCompletedData>()(['decision_id', 'outcome', 'duration_ms', 'scope']);

/**
 * Constructors of the `aura.approval_*` events. Input is the wire payload; nested `origin`, `scope` and
 * `outcome` are re-ordered too (map runtime values with {@link approvalOriginData},
 * {@link approvalScopeData} and {@link approvalOutcomeData}).
 */
export const approvalEvent = {
  requested: (data: PayloadInput<ApprovalRequestedData>): AuraApprovalRequestedEvent => ({
    event: AURA_EVENT_NAMES.approvalRequested,
    data: orderedPayload<ApprovalRequestedData>(
      { ...data, origin: orderOrigin(data.origin), scope: orderScope(data.scope) },
      requestedKeys,
    ),
  }),
  pending: (data: PayloadInput<ApprovalPendingData>): AuraApprovalPendingEvent => ({
    event: AURA_EVENT_NAMES.approvalPending,
    data: orderedPayload<ApprovalPendingData>(
      { ...data, origin: orderOrigin(data.origin), scope: orderScope(data.scope) },
      pendingKeys,
    ),
  }),
  completed: (data: PayloadInput<ApprovalCompletedData>): AuraApprovalCompletedEvent => ({
    event: AURA_EVENT_NAMES.approvalCompleted,
    data: orderedPayload<ApprovalCompletedData>(
      { ...data, outcome: orderOutcome(data.outcome), scope: orderScope(data.scope) },
      completedKeys,
    ),
  }),
} as const;
