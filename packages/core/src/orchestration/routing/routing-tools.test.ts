import { describe, expect, it } from 'vitest';
import type { Tool, ToolOutput } from '../../tools/tool.js';
import { DecisionSlot } from './decision-slot.js';
import { decisionJson } from './routing-decision.js';
import { ALREADY_SELECTED_STATUS, createRoutingTools, ROUTING_TOOL_NAMES } from './routing-tools.js';

const context = () => ({ toolCallId: 'call-1', signal: new AbortController().signal });

function setup() {
  const slot = new DecisionSlot();
  const [respondDirectly, createPlan, requestClarification] = createRoutingTools({ slot });
  return { slot, respondDirectly, createPlan, requestClarification };
}

function call(tool: Tool, args: Record<string, unknown>): Promise<ToolOutput> {
  return tool.execute(args, context());
}

const nestedPlan = {
  goal: 'g',
  steps: [
    {
      type: 'parallel',
      items: [
        {
          type: 'chain',
          steps: [
            { type: 'task', task: 'A', worker: 'stats' },
            { type: 'task', task: 'B' },
          ],
        },
        { type: 'task', task: 'C' },
      ],
    },
    { type: 'task', task: 'D', worker: 'math' },
  ],
  routing_rationale: 'needs tools',
  planning_summary: 'A then B alongside C, then D',
};

describe('routing tools (orchestration-spec §1.4)', () => {
  it('exposes the three tools in registration order with the reference parameter shapes', () => {
    const { respondDirectly, createPlan, requestClarification } = setup();
    expect([respondDirectly.name, createPlan.name, requestClarification.name]).toEqual([...ROUTING_TOOL_NAMES]);
    for (const tool of [respondDirectly, createPlan, requestClarification]) {
      expect(tool.kind).toBe('orchestration');
      expect(tool.originalName).toBe(tool.name);
      expect(tool.description.length).toBeGreaterThan(40);
    }
    expect(respondDirectly.inputSchema).toMatchObject({
      type: 'object',
      properties: { response: { type: 'string' }, routing_rationale: { type: 'string' }, summary: { type: 'string' } },
      required: ['response', 'routing_rationale'],
    });
    expect(requestClarification.inputSchema).toMatchObject({
      properties: { question: { type: 'string' }, options: { type: 'array', items: { type: 'string' } } },
      required: ['question', 'routing_rationale'],
    });
    expect(createPlan.inputSchema).toMatchObject({
      type: 'object',
      required: ['goal', 'steps', 'routing_rationale', 'planning_summary'],
      properties: {
        planning_summary: { type: 'string', minLength: 1 },
        steps: {
          type: 'array',
          items: {
            type: 'object',
            required: ['type'],
            properties: {
              type: { type: 'string', enum: ['task', 'parallel', 'chain'] },
              task: { type: 'string' },
              worker: { type: 'string' },
              items: { type: 'array', items: { type: 'object' } },
              steps: { type: 'array', items: { type: 'object' } },
            },
          },
        },
      },
    });
  });

  it('records a direct answer with its optional summary', async () => {
    const { slot, respondDirectly } = setup();
    const output = await call(respondDirectly, { response: '4', routing_rationale: 'trivial', summary: 'Answered 4' });
    expect(output).toEqual({ text: '{"status":"Direct response recorded."}', isError: false });
    expect(slot.decision).toEqual({
      type: 'direct',
      response: '4',
      routingRationale: 'trivial',
      responseSummary: 'Answered 4',
    });
  });

  it('counts leaf tasks in the create_plan status (case 23)', async () => {
    const { slot, createPlan } = setup();
    const output = await call(createPlan, nestedPlan);
    expect(output).toEqual({ text: '{"status":"Plan created with 4 steps."}', isError: false });
    expect(slot.decision).toMatchObject({
      type: 'steps_plan',
      goal: 'g',
      routingRationale: 'needs tools',
      planningSummary: 'A then B alongside C, then D',
    });
  });

  it('records a clarification, with or without options', async () => {
    const withOptions = setup();
    await call(withOptions.requestClarification, {
      question: 'Which env?',
      options: ['prod', 'staging'],
      routing_rationale: 'ambiguous',
    });
    expect(withOptions.slot.decision).toEqual({
      type: 'clarification',
      question: 'Which env?',
      options: ['prod', 'staging'],
      routingRationale: 'ambiguous',
    });
    const without = setup();
    const output = await call(without.requestClarification, {
      question: 'Which?',
      routing_rationale: 'r',
      options: null,
    });
    expect(output.text).toBe('{"status":"Clarification request recorded."}');
    expect(without.slot.decision).toEqual({ type: 'clarification', question: 'Which?', routingRationale: 'r' });
  });

  it('keeps the first decision: a second routing call gets the already-selected status (case 24)', async () => {
    const { slot, respondDirectly, createPlan, requestClarification } = setup();
    await call(respondDirectly, { response: '42', routing_rationale: 'easy' });
    const second = await call(createPlan, nestedPlan);
    expect(second).toEqual({ text: JSON.stringify({ status: ALREADY_SELECTED_STATUS }), isError: false });
    expect(second.text).toContain('already selected a routing action');
    const third = await call(requestClarification, { question: 'q', routing_rationale: 'r' });
    expect(third.text).toContain('Only one routing tool may be called per turn.');
    expect(slot.decision).toMatchObject({ type: 'direct', response: '42' });
    slot.clear();
    expect(slot.decision).toBeUndefined();
    await call(requestClarification, { question: 'q', routing_rationale: 'r' });
    expect(slot.decision?.type).toBe('clarification');
  });

  it.each([
    [[], 'Steps list is empty'],
    [[{ type: 'parallel', items: [] }], 'Empty parallel group'],
    [
      [
        {
          type: 'parallel',
          items: [{ type: 'chain', steps: [{ type: 'parallel', items: [{ type: 'task', task: 'x' }] }] }],
        },
      ],
      'Step nesting depth exceeds maximum of 2',
    ],
  ])('rejects an invalid tree %j as a tool error and stores nothing', async (steps, message) => {
    const { slot, createPlan } = setup();
    const output = await call(createPlan, { ...nestedPlan, steps });
    expect(output.isError).toBe(true);
    expect(output.text).toMatch(/^ToolCallError: create_plan rejected the plan: /);
    expect(output.text).toContain(message);
    expect(slot.decision).toBeUndefined();
    // The coordinator can correct itself in the same slot lifetime.
    expect((await call(createPlan, nestedPlan)).text).toBe('{"status":"Plan created with 4 steps."}');
  });

  it('rejects malformed arguments with a JsonError naming the problem and stores nothing', async () => {
    const { slot, respondDirectly, createPlan, requestClarification } = setup();
    const bad = await call(createPlan, { ...nestedPlan, steps: [{ type: 'group', items: [] }] });
    expect(bad.isError).toBe(true);
    expect(bad.text).toMatch(/^JsonError: invalid arguments for tool 'create_plan': steps\[0\]/);
    const missing = await call(respondDirectly, { response: 'x' });
    expect(missing.text).toMatch(/^JsonError: .*routing_rationale/);
    const wrongType = await call(requestClarification, { question: 'q', routing_rationale: 'r', options: 'prod' });
    expect(wrongType.text).toMatch(/options/);
    expect(slot.decision).toBeUndefined();
  });

  it('accepts a missing planning summary and a null worker, like the reference', async () => {
    const { slot, createPlan } = setup();
    const { planning_summary: _omitted, ...rest } = nestedPlan;
    const output = await call(createPlan, { ...rest, steps: [{ type: 'task', task: 'only', worker: null }] });
    expect(output.text).toBe('{"status":"Plan created with 1 steps."}');
    expect(slot.decision).toEqual({
      type: 'steps_plan',
      goal: 'g',
      steps: [{ type: 'task', task: 'only' }],
      routingRationale: 'needs tools',
      planningSummary: '',
    });
  });

  it('treats a blank summary as absent', async () => {
    const { slot, respondDirectly } = setup();
    await call(respondDirectly, { response: 'r', routing_rationale: 'why', summary: '  ' });
    expect(slot.decision).toEqual({ type: 'direct', response: 'r', routingRationale: 'why' });
  });
});

describe('decisionJson', () => {
  it('pretty-prints a decision tagged with response_type', () => {
    expect(decisionJson({ type: 'direct', response: '4', routingRationale: 'trivial' })).toBe(
      '{\n  "response_type": "direct",\n  "response": "4",\n  "routing_rationale": "trivial"\n}',
    );
    expect(
      JSON.parse(decisionJson({ type: 'direct', response: '4', routingRationale: 't', responseSummary: 's' })),
    ).toEqual({
      response_type: 'direct',
      response: '4',
      routing_rationale: 't',
      response_summary: 's',
    });
    const plan = decisionJson({
      type: 'steps_plan',
      goal: 'g',
      steps: [{ type: 'parallel', items: [{ type: 'task', task: 'a', worker: 'w' }] }],
      routingRationale: 'r',
      planningSummary: 'p',
    });
    expect(Object.keys(JSON.parse(plan))).toEqual([
      'response_type',
      'goal',
      'steps',
      'routing_rationale',
      'planning_summary',
    ]);
    expect(JSON.parse(plan).steps).toEqual([{ type: 'parallel', items: [{ type: 'task', task: 'a', worker: 'w' }] }]);
    expect(JSON.parse(decisionJson({ type: 'clarification', question: 'q', routingRationale: 'r' }))).toEqual({
      response_type: 'clarification',
      question: 'q',
      routing_rationale: 'r',
    });
    expect(
      Object.keys(
        JSON.parse(decisionJson({ type: 'clarification', question: 'q', options: ['a'], routingRationale: 'r' })),
      ),
    ).toEqual(['response_type', 'question', 'options', 'routing_rationale']);
  });
});
