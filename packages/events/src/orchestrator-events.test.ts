import { describe, expect, it } from 'vitest';
import { encodeAuraEvent, orchestratorEvent } from './index.js';

const coordinator = { agent_id: 'coordinator', session_id: 's1' } as const;
const uuid = '0199c5a4-0000-7000-8000-000000000001';

describe('aura.orchestrator.* event constructors', () => {
  it('reproduce the plan_created frame of orchestration-spec §5.3 byte for byte', () => {
    const event = orchestratorEvent.planCreated({
      ...coordinator,
      planning_response: '…',
      routing_rationale: '…',
      routing_mode: 'orchestrated',
      tasks: ['Compute the mean of 10, 20, 30', 'Compute the median of 10, 20, 30', 'Multiply the two results'],
      goal: '…',
    });
    expect(encodeAuraEvent(event)).toBe(
      'event: aura.orchestrator.plan_created\n' +
        'data: {"goal":"…","tasks":["Compute the mean of 10, 20, 30","Compute the median of 10, 20, 30","Multiply the two results"],"routing_mode":"orchestrated","routing_rationale":"…","planning_response":"…","agent_id":"coordinator","session_id":"s1"}\n\n',
    );
  });

  it('reproduce the field order of the other §5.3 frames', () => {
    const started = orchestratorEvent.taskStarted({
      ...coordinator,
      worker_id: 'stats',
      orchestrator_id: uuid,
      task_id: 0,
      description: 'Compute the mean…',
    });
    expect(JSON.stringify(started.data)).toBe(
      `{"description":"Compute the mean…","task_id":0,"orchestrator_id":"${uuid}","worker_id":"stats","agent_id":"coordinator","session_id":"s1"}`,
    );
    const toolStarted = orchestratorEvent.toolCallStarted({
      ...coordinator,
      arguments: { numbers: [10, 20, 30] },
      worker_id: 'stats',
      tool_name: 'mean',
      tool_call_id: 'task0_mean_17',
      task_id: 0,
    });
    expect(JSON.stringify(toolStarted.data)).toBe(
      '{"task_id":0,"tool_call_id":"task0_mean_17","tool_name":"mean","worker_id":"stats","arguments":{"numbers":[10,20,30]},"agent_id":"coordinator","session_id":"s1"}',
    );
    const toolCompleted = orchestratorEvent.toolCallCompleted({
      ...coordinator,
      result: '20',
      duration_ms: 12,
      success: true,
      tool_call_id: 'task0_mean_17',
      task_id: 0,
    });
    expect(JSON.stringify(toolCompleted.data)).toBe(
      '{"task_id":0,"tool_call_id":"task0_mean_17","success":true,"duration_ms":12,"result":"20","agent_id":"coordinator","session_id":"s1"}',
    );
    const completed = orchestratorEvent.taskCompleted({
      ...coordinator,
      result: '20',
      duration_ms: 1500,
      success: true,
      worker_id: 'stats',
      orchestrator_id: uuid,
      task_id: 0,
    });
    expect(JSON.stringify(completed.data)).toBe(
      `{"task_id":0,"orchestrator_id":"${uuid}","worker_id":"stats","success":true,"duration_ms":1500,"result":"20","agent_id":"coordinator","session_id":"s1"}`,
    );
    expect(JSON.stringify(orchestratorEvent.synthesizing({ ...coordinator, iteration: 1 }).data)).toBe(
      '{"iteration":1,"agent_id":"coordinator","session_id":"s1"}',
    );
    const answer = orchestratorEvent.directAnswer({
      ...coordinator,
      routing_rationale: '…',
      response: 'Mean 20, median 20, product 400.',
    });
    expect(JSON.stringify(answer.data)).toBe(
      '{"response":"Mean 20, median 20, product 400.","routing_rationale":"…","agent_id":"coordinator","session_id":"s1"}',
    );
    const iteration = orchestratorEvent.iterationComplete({
      ...coordinator,
      tool_ms: 40,
      task_compute_ms: 6100,
      execution_ms: 4620,
      planning_ms: 1180,
      will_replan: false,
      iteration: 1,
    });
    expect(JSON.stringify(iteration.data)).toBe(
      '{"iteration":1,"will_replan":false,"planning_ms":1180,"execution_ms":4620,"task_compute_ms":6100,"tool_ms":40,"agent_id":"coordinator","session_id":"s1"}',
    );
    const replan = orchestratorEvent.replanStarted({
      ...coordinator,
      trigger: 'post_execute_create_plan',
      iteration: 2,
    });
    expect(JSON.stringify(replan.data)).toBe(
      '{"iteration":2,"trigger":"post_execute_create_plan","agent_id":"coordinator","session_id":"s1"}',
    );
  });

  it('order the remaining events with every optional field present', () => {
    const clarification = orchestratorEvent.clarificationNeeded({
      trace_id: 't',
      ...coordinator,
      routing_rationale: 'ambiguous',
      options: ['prod', 'staging'],
      question: 'Which cluster?',
    });
    expect(JSON.stringify(clarification.data)).toBe(
      '{"question":"Which cluster?","options":["prod","staging"],"routing_rationale":"ambiguous","agent_id":"coordinator","session_id":"s1","trace_id":"t"}',
    );
    const reasoning = orchestratorEvent.workerReasoning({
      ...coordinator,
      content: 'hmm',
      worker_id: 'math',
      task_id: 2,
    });
    expect(JSON.stringify(reasoning.data)).toBe(
      '{"task_id":2,"worker_id":"math","content":"hmm","agent_id":"coordinator","session_id":"s1"}',
    );
    const iteration = orchestratorEvent.iterationComplete({
      ...coordinator,
      tool_ms: 0,
      task_compute_ms: 0,
      execution_ms: 0,
      planning_ms: 0,
      gaps: ['missing p99'],
      reasoning: 'need latency data',
      will_replan: true,
      iteration: 1,
    });
    expect(JSON.stringify(iteration.data)).toBe(
      '{"iteration":1,"will_replan":true,"reasoning":"need latency data","gaps":["missing p99"],"planning_ms":0,"execution_ms":0,"task_compute_ms":0,"tool_ms":0,"agent_id":"coordinator","session_id":"s1"}',
    );
  });

  it('omit the fields the spec omits when empty', () => {
    const plan = orchestratorEvent.planCreated({
      ...coordinator,
      goal: 'g',
      tasks: ['t'],
      routing_mode: 'routed',
      routing_rationale: 'r',
      planning_response: '',
    });
    expect('planning_response' in plan.data).toBe(false);
    const iteration = orchestratorEvent.iterationComplete({
      ...coordinator,
      iteration: 1,
      will_replan: false,
      reasoning: '',
      gaps: [],
      planning_ms: 1,
      execution_ms: 2,
      task_compute_ms: 3,
      tool_ms: 4,
    });
    expect(Object.keys(iteration.data)).not.toContain('reasoning');
    expect(Object.keys(iteration.data)).not.toContain('gaps');
    const task = orchestratorEvent.taskCompleted({
      ...coordinator,
      task_id: 1,
      orchestrator_id: uuid,
      worker_id: 'w',
      success: false,
      duration_ms: 5,
      result: '',
    });
    expect('result' in task.data).toBe(false);
    const tool = orchestratorEvent.toolCallCompleted({
      ...coordinator,
      tool_call_id: 'c',
      success: true,
      duration_ms: 1,
      result: '',
    });
    expect(JSON.stringify(tool.data)).toBe(
      '{"tool_call_id":"c","success":true,"duration_ms":1,"agent_id":"coordinator","session_id":"s1"}',
    );
    // `options` is omitted when absent, but an empty list is kept: the spec only omits it when absent.
    const clarification = orchestratorEvent.clarificationNeeded({
      ...coordinator,
      question: 'q',
      routing_rationale: 'r',
      options: [],
    });
    expect(clarification.data.options).toEqual([]);
  });

  it('name each event as in server-spec §10', () => {
    const names = [
      orchestratorEvent.planCreated({
        ...coordinator,
        goal: '',
        tasks: [],
        routing_mode: 'routed',
        routing_rationale: '',
      }),
      orchestratorEvent.directAnswer({ ...coordinator, response: '', routing_rationale: '' }),
      orchestratorEvent.clarificationNeeded({ ...coordinator, question: '', routing_rationale: '' }),
      orchestratorEvent.taskStarted({
        ...coordinator,
        description: '',
        task_id: 0,
        orchestrator_id: '',
        worker_id: '',
      }),
      orchestratorEvent.taskCompleted({
        ...coordinator,
        task_id: 0,
        orchestrator_id: '',
        worker_id: '',
        success: true,
        duration_ms: 0,
      }),
      orchestratorEvent.iterationComplete({
        ...coordinator,
        iteration: 1,
        will_replan: false,
        planning_ms: 0,
        execution_ms: 0,
        task_compute_ms: 0,
        tool_ms: 0,
      }),
      orchestratorEvent.replanStarted({ ...coordinator, iteration: 2, trigger: '' }),
      orchestratorEvent.synthesizing({ ...coordinator, iteration: 1 }),
      orchestratorEvent.workerReasoning({ ...coordinator, task_id: 0, worker_id: '', content: '' }),
      orchestratorEvent.toolCallStarted({ ...coordinator, tool_call_id: '', tool_name: '', worker_id: 'main' }),
      orchestratorEvent.toolCallCompleted({ ...coordinator, tool_call_id: '', success: true, duration_ms: 0 }),
    ].map((event) => event.event);
    expect(names).toEqual([
      'aura.orchestrator.plan_created',
      'aura.orchestrator.direct_answer',
      'aura.orchestrator.clarification_needed',
      'aura.orchestrator.task_started',
      'aura.orchestrator.task_completed',
      'aura.orchestrator.iteration_complete',
      'aura.orchestrator.replan_started',
      'aura.orchestrator.synthesizing',
      'aura.orchestrator.worker_reasoning',
      'aura.orchestrator.tool_call_started',
      'aura.orchestrator.tool_call_completed',
    ]);
  });
});
