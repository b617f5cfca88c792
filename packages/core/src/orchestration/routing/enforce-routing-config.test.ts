import { describe, expect, it } from 'vitest';
import { planFromSteps } from '../plan/flatten-steps.js';
import {
  enforceRoutingConfig,
  FALLBACK_ROUTING_RATIONALE,
  fallbackPlan,
  truncateQuery,
} from './enforce-routing-config.js';
import type { RoutingDecision } from './routing-decision.js';
import { CORRECTION_MESSAGE, postExecuteRoutingFailedMessage } from './routing-messages.js';
import { ROUTING_TOOL_NAMES } from './routing-tools.js';

const allowAll = { allow_direct_answers: true, allow_clarification: true };
const noDirect = { allow_direct_answers: false, allow_clarification: true };
const noClarify = { allow_direct_answers: true, allow_clarification: false };
const direct: RoutingDecision = { type: 'direct', response: '42', routingRationale: 'easy' };
const clarify: RoutingDecision = { type: 'clarification', question: 'Which?', routingRationale: 'vague' };

describe('enforceRoutingConfig (orchestration-spec §1.7)', () => {
  it('converts a direct answer into a single generic task plan when direct answers are off (case 7)', () => {
    const decision = enforceRoutingConfig(direct, noDirect, 'What is 6*7?', { phase: 'initial' });
    expect(decision).toEqual({
      type: 'steps_plan',
      goal: 'What is 6*7?',
      steps: [{ type: 'task', task: "Answer the user's query: What is 6*7?" }],
      routingRationale: 'Config override (allow_direct_answers=false). Original rationale: easy | Original answer: 42',
      planningSummary: '',
    });
    if (decision.type !== 'steps_plan') throw new Error('expected a plan');
    const plan = planFromSteps(decision.goal, decision.steps);
    expect(plan.ok && plan.plan.tasks.length === 1 && plan.plan.tasks[0]?.worker === undefined).toBe(true);
  });

  it('keeps a post-execute direct answer so the run can end (deviation from the reference)', () => {
    expect(enforceRoutingConfig(direct, noDirect, 'q', { phase: 'post_execute' })).toBe(direct);
  });

  it('converts a clarification when clarification is off, in both phases (case 8)', () => {
    for (const phase of ['initial', 'post_execute'] as const) {
      expect(enforceRoutingConfig(clarify, noClarify, 'Check the thing', { phase })).toEqual({
        type: 'steps_plan',
        goal: 'Check the thing',
        steps: [{ type: 'task', task: "Investigate and answer the user's query: Check the thing" }],
        routingRationale:
          'Config override (allow_clarification=false). Original rationale: vague | Original question: Which?',
        planningSummary: '',
      });
    }
  });

  it('leaves allowed decisions and plans unchanged', () => {
    expect(enforceRoutingConfig(direct, allowAll, 'q', { phase: 'initial' })).toBe(direct);
    expect(enforceRoutingConfig(clarify, noDirect, 'q', { phase: 'initial' })).toBe(clarify);
    const plan: RoutingDecision = {
      type: 'steps_plan',
      goal: 'g',
      steps: [{ type: 'task', task: 't' }],
      routingRationale: 'r',
      planningSummary: 's',
    };
    expect(
      enforceRoutingConfig(plan, { allow_direct_answers: false, allow_clarification: false }, 'q', {
        phase: 'initial',
      }),
    ).toBe(plan);
  });

  it('truncates the query to 80 bytes and the answer to 100 bytes, on character boundaries', () => {
    const query = 'é'.repeat(60); // 120 bytes
    const answer = `${'x'.repeat(99)}€€`;
    const decision = enforceRoutingConfig({ ...direct, response: answer }, noDirect, query, { phase: 'initial' });
    if (decision.type !== 'steps_plan') throw new Error('expected a plan');
    expect(decision.steps[0]).toEqual({ type: 'task', task: `Answer the user's query: ${'é'.repeat(40)}...` });
    expect(decision.routingRationale.endsWith(`Original answer: ${'x'.repeat(99)}...`)).toBe(true);
    expect(decision.goal).toBe(query);
  });
});

describe('fallbackPlan (orchestration-spec §1.6, case 6)', () => {
  it('runs the whole query as one generic task', () => {
    expect(fallbackPlan('How is prod?')).toEqual({
      type: 'steps_plan',
      goal: 'How is prod?',
      steps: [{ type: 'task', task: 'Execute: How is prod?' }],
      routingRationale: FALLBACK_ROUTING_RATIONALE,
      planningSummary: '',
    });
    expect(FALLBACK_ROUTING_RATIONALE).toBe('Fallback: all routing attempts failed');
  });

  it('cuts a 150-byte query to 100 bytes plus "..."', () => {
    const query = 'a'.repeat(150);
    const plan = fallbackPlan(query);
    expect(plan.steps).toEqual([{ type: 'task', task: `Execute: ${'a'.repeat(100)}...` }]);
    expect(plan.goal).toBe(query);
  });

  it('never splits a multi-byte character and adds nothing to a query of exactly 100 bytes', () => {
    expect(truncateQuery(`${'a'.repeat(99)}😀`, 100)).toBe(`${'a'.repeat(99)}...`);
    expect(truncateQuery('b'.repeat(100), 100)).toBe('b'.repeat(100));
  });
});

describe('routing messages', () => {
  it('names all three routing tools in the correction (case 5)', () => {
    for (const name of ROUTING_TOOL_NAMES) expect(CORRECTION_MESSAGE).toContain(name);
    expect(CORRECTION_MESSAGE).toMatch(/plain text/);
  });

  it('reports exhausted post-execute attempts', () => {
    expect(postExecuteRoutingFailedMessage(3)).toBe(
      'All 3 post-execute planning attempts failed (coordinator could not route)',
    );
  });
});
