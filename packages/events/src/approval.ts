/**
 * Runtime (camelCase) view of HITL approvals (cli-hitl-sessions-spec §2.1, §2.3). `kind` values are the
 * wire values, so the mapping to `aura.approval_*` payloads is field renaming only.
 */

/** What raised the approval. */
export type ApprovalOrigin =
  /** A `[hitl].require_approval` glob matched the tool name; the first matching pattern in config order. */
  | { readonly kind: 'config_gate'; readonly matchedPattern: string }
  /** The model called `request_approval`; `reason` is its `risk_rationale`, `agentName` is `[agent].name`. */
  | { readonly kind: 'agent_requested'; readonly reason: string; readonly agentName: string };

/** Who asked. `coordinator` is declared for completeness but never produced by the reference. */
export type ApprovalScope =
  | { readonly kind: 'single'; readonly sessionId?: string }
  | {
      readonly kind: 'worker';
      readonly runId: string;
      readonly taskId: number;
      readonly worker?: string;
      readonly sessionId?: string;
    }
  | { readonly kind: 'coordinator'; readonly runId: string };

/** Why a pending approval was cancelled. */
export type ApprovalCancelReason = 'client_disconnected' | 'shutdown' | 'sender_dropped';

/** How an approval ended. Only `approved` lets the gated call run (fail-closed). */
export type ApprovalOutcome =
  | { readonly kind: 'approved' }
  | { readonly kind: 'denied'; readonly reason?: string }
  | { readonly kind: 'timed_out'; readonly waitedMs: number }
  | { readonly kind: 'cancelled'; readonly reason: ApprovalCancelReason }
  | { readonly kind: 'errored'; readonly message: string };
