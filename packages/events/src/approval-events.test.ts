import { describe, expect, it } from 'vitest';
import {
  type ApprovalOutcome,
  type ApprovalScope,
  approvalEvent,
  approvalOriginData,
  approvalOutcomeData,
  approvalScopeData,
  encodeAuraEvent,
} from './index.js';

const decision = '019edc27-0000-7000-8000-000000000000';

describe('aura.approval_* event constructors', () => {
  it('build aura.approval_requested in wire order (cli-hitl-sessions-spec §2.7)', () => {
    const event = approvalEvent.requested({
      scope: approvalScopeData({ kind: 'single', sessionId: 'cs_1' }),
      origin: approvalOriginData({ kind: 'config_gate', matchedPattern: 'restart_*' }),
      tool_name: 'restart_x',
      decision_id: decision,
    });
    expect(encodeAuraEvent(event)).toBe(
      'event: aura.approval_requested\n' +
        `data: {"decision_id":"${decision}","tool_name":"restart_x","origin":{"kind":"config_gate","matched_pattern":"restart_*"},"scope":{"kind":"single","session_id":"cs_1"}}\n\n`,
    );
  });

  it('build aura.approval_pending with arguments and expiry', () => {
    const event = approvalEvent.pending({
      expires_at: '2026-01-01T12:01:00Z',
      scope: approvalScopeData({ kind: 'worker', sessionId: 'cs_1', worker: 'operations', taskId: 0, runId: 'run-1' }),
      origin: approvalOriginData({ kind: 'agent_requested', agentName: 'SRE', reason: 'restarts prod' }),
      arguments: { namespace: 'prod' },
      tool_name: 'request_approval',
      decision_id: decision,
    });
    expect(JSON.stringify(event.data)).toBe(
      `{"decision_id":"${decision}","tool_name":"request_approval","arguments":{"namespace":"prod"},` +
        '"origin":{"kind":"agent_requested","reason":"restarts prod","agent_name":"SRE"},' +
        '"scope":{"kind":"worker","run_id":"run-1","task_id":0,"worker":"operations","session_id":"cs_1"},' +
        '"expires_at":"2026-01-01T12:01:00Z"}',
    );
  });

  it('build aura.approval_completed for every outcome', () => {
    const cases: [ApprovalOutcome, string][] = [
      [{ kind: 'approved' }, '{"kind":"approved"}'],
      [{ kind: 'denied' }, '{"kind":"denied"}'],
      [{ kind: 'denied', reason: 'not now' }, '{"kind":"denied","reason":"not now"}'],
      [{ kind: 'timed_out', waitedMs: 60000 }, '{"kind":"timed_out","waited_ms":60000}'],
      [{ kind: 'cancelled', reason: 'client_disconnected' }, '{"kind":"cancelled","reason":"client_disconnected"}'],
      [
        { kind: 'errored', message: 'approval webhook returned status 500' },
        '{"kind":"errored","message":"approval webhook returned status 500"}',
      ],
    ];
    for (const [outcome, json] of cases) {
      const event = approvalEvent.completed({
        scope: approvalScopeData({ kind: 'coordinator', runId: 'run-1' }),
        duration_ms: 1500,
        outcome: approvalOutcomeData(outcome),
        decision_id: decision,
      });
      expect(event.event).toBe('aura.approval_completed');
      expect(JSON.stringify(event.data)).toBe(
        `{"decision_id":"${decision}","outcome":${json},"duration_ms":1500,"scope":{"kind":"coordinator","run_id":"run-1"}}`,
      );
    }
  });

  it('omit absent optional scope fields', () => {
    const scopes: [ApprovalScope, string][] = [
      [{ kind: 'single' }, '{"kind":"single"}'],
      [{ kind: 'worker', runId: 'r', taskId: 3 }, '{"kind":"worker","run_id":"r","task_id":3}'],
    ];
    for (const [scope, json] of scopes) expect(JSON.stringify(approvalScopeData(scope))).toBe(json);
  });

  it('re-order nested wire objects given out of order', () => {
    const event = approvalEvent.completed({
      scope: { session_id: 's', task_id: 1, run_id: 'r', kind: 'worker' },
      outcome: { waited_ms: 5, kind: 'timed_out' },
      duration_ms: 5,
      decision_id: decision,
    });
    expect(JSON.stringify(event.data)).toBe(
      `{"decision_id":"${decision}","outcome":{"kind":"timed_out","waited_ms":5},"duration_ms":5,"scope":{"kind":"worker","run_id":"r","task_id":1,"session_id":"s"}}`,
    );
    const requested = approvalEvent.requested({
      scope: { kind: 'single' },
      origin: { agent_name: 'a', reason: 'r', kind: 'agent_requested' },
      tool_name: 't',
      decision_id: decision,
    });
    expect(JSON.stringify(requested.data.origin)).toBe('{"kind":"agent_requested","reason":"r","agent_name":"a"}');
  });
});
