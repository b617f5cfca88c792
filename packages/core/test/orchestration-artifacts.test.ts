/**
 * Artifacts and the duplicate-call guard through the runtime (orchestration-spec §2.6, §2.7, §3; §8 cases 16,
 * 17, 18, 19).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type TestMcpHttpServer, toolCall, toolResults, turn } from '@aura/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import {
  coordinatorCalls,
  ofType,
  only,
  orchestrationModel,
  orchestrationRuntime,
  runEvents,
  startStatsServer,
  useTempMemoryDir,
  workerCalls,
} from './orchestration-fixtures.js';

const plan = (description: string, worker = 'stats') =>
  toolCall('create_plan', {
    goal: 'g',
    steps: [{ type: 'task', task: description, worker }],
    routing_rationale: 'r',
    planning_summary: 'ps',
  });
const respond = (response: string) => toolCall('respond_directly', { response, routing_rationale: 'done' });
const submit = (result: string, summary = 'short summary') =>
  toolCall('submit_result', { summary, result, confidence: 'medium' });

describe('orchestration: artifacts and the duplicate-call guard', () => {
  let mcp: TestMcpHttpServer | undefined;
  const memory = useTempMemoryDir();
  afterEach(async () => {
    await mcp?.close();
    mcp = undefined;
  });

  it('case 16: identical calls are nudged at 3 and 4, blocked at 5; the task fails as loop_detected', async () => {
    mcp = await startStatsServer({ meanOutput: () => '2.0' });
    const description = 'Loop on mean';
    const calls = [1, 2, 3, 4, 5].map((n) =>
      turn(toolCall('mean', { numbers: [1, 2, 3], _aura_reasoning: `attempt ${n}` })),
    );
    const model = orchestrationModel({
      coordinator: [turn(plan(description)), turn(respond('loop'))],
      workers: { [description]: [...calls, turn(submit('gave up'))] },
    });
    const runtime = orchestrationRuntime({ model, mcpUrl: mcp.url, memoryDir: memory.path });
    const events = await runEvents(runtime, 'q', { sessionId: 's1' });
    const lastWorkerCall = workerCalls(model, description).at(-1);
    const outputs = toolResults(lastWorkerCall ?? { view: undefined }).map((result) => result.content);
    expect(outputs[0]).toBe('2.0');
    expect(outputs[1]).toBe('2.0');
    expect(outputs[2]).toContain('[DUPLICATE_CALL_GUIDANCE]');
    expect(outputs[2]).toContain('3');
    expect(outputs[3]).toContain('[DUPLICATE_CALL_GUIDANCE]');
    expect(outputs[4]).toContain('[DUPLICATE_CALL_ABORT]');
    const completed = only(events, 'task-completed');
    expect(completed.success).toBe(false);
    expect(completed.result).toMatch(/^Worker failed task 0 after 1 attempts: Worker blocked by duplicate call loop\./);
    expect(workerCalls(model, description)).toHaveLength(6);
    const runId = only(events, 'run-start').runId;
    const planJson = JSON.parse(await readFile(join(memory.path, 's1', runId, 'iteration-1', 'plan.json'), 'utf8'));
    expect(planJson.tasks[0].failure_category).toBe('loop_detected');
    await runtime.close();
  });

  it('the guard also counts large outputs that persistence promoted to artifacts (fixed quirk §9 item 13)', async () => {
    mcp = await startStatsServer({ meanOutput: () => 'x'.repeat(800) });
    const description = 'Loop on big mean';
    const calls = [1, 2, 3].map(() => turn(toolCall('mean', { numbers: [1] })));
    const model = orchestrationModel({
      coordinator: [turn(plan(description)), turn(respond('loop'))],
      workers: { [description]: [...calls, turn(submit('ok'))] },
    });
    const runtime = orchestrationRuntime({
      model,
      mcpUrl: mcp.url,
      memoryDir: memory.path,
      orchestration: { duplicate_call_nudge_threshold: 3 },
    });
    await runEvents(runtime, 'q', { sessionId: 's1' });
    const outputs = toolResults(workerCalls(model, description).at(-1) ?? { view: undefined }).map((r) => r.content);
    expect(outputs[0]).toMatch(/\n\n\[Tool output saved to artifact: task-0-stats-iter-1-mean-0-output\.txt\]$/);
    expect(outputs[2]).toContain('[DUPLICATE_CALL_GUIDANCE]');
    await runtime.close();
  });

  it('case 18: a long result goes to an artifact; events, dependants and the coordinator see the preview', async () => {
    mcp = await startStatsServer();
    const [a, b] = ['Produce a long report', 'Use the report'];
    const long = 'r'.repeat(300);
    const model = orchestrationModel({
      coordinator: [
        turn(
          toolCall('create_plan', {
            goal: 'g',
            steps: [
              { type: 'task', task: a, worker: 'stats' },
              { type: 'task', task: b, worker: 'math' },
            ],
            routing_rationale: 'r',
            planning_summary: 'ps',
          }),
        ),
        turn(toolCall('read_artifact', { filename: 'task-0-stats-iter-1-result.txt' })),
        turn(respond('read it')),
      ],
      workers: { [a]: [turn(submit(long, 'The report summary'))], [b]: [turn(submit('used'))] },
    });
    const runtime = orchestrationRuntime({
      model,
      mcpUrl: mcp.url,
      memoryDir: memory.path,
      orchestration: { artifacts: { result_artifact_threshold: 100, result_summary_length: 50 } },
    });
    const events = await runEvents(runtime, 'q', { sessionId: 's1' });
    const runDir = join(memory.path, 's1', only(events, 'run-start').runId);
    expect(await readFile(join(runDir, 'artifacts', 'task-0-stats-iter-1-result.txt'), 'utf8')).toBe(long);
    const preview = `${'r'.repeat(50)}\n\n[Full result (300 chars) saved to artifact: task-0-stats-iter-1-result.txt]`;
    expect(ofType(events, 'task-completed')[0]?.result).toBe(preview);
    expect(workerCalls(model, b)[0]?.view.messages[0]?.text).toContain(preview);
    const continuation = coordinatorCalls(model)[1]?.view.messages.at(-1)?.text ?? '';
    expect(continuation).toContain(
      '    The report summary\n    [Full result (300 chars) saved to artifact: task-0-stats-iter-1-result.txt]',
    );
    const read = ofType(events, 'tool-result').find((event) => event.toolName === 'read_artifact');
    expect(read?.agent).toEqual({ agentId: 'coordinator' });
    expect(JSON.parse(read?.output ?? '{}')).toEqual({
      found: true,
      filename: 'task-0-stats-iter-1-result.txt',
      content: long,
    });
    await runtime.close();
  });

  it('case 19: a tool output over the threshold is saved, footed, recorded and listed in the continuation', async () => {
    mcp = await startStatsServer({ meanOutput: () => 'm'.repeat(40) });
    const description = 'Big mean';
    const model = orchestrationModel({
      coordinator: [turn(plan(description)), turn(respond('ok'))],
      workers: {
        [description]: [
          turn(toolCall('mean', { numbers: [1, 2], _aura_reasoning: 'need the mean' })),
          turn(submit('mean is big')),
        ],
      },
    });
    const runtime = orchestrationRuntime({
      model,
      mcpUrl: mcp.url,
      memoryDir: memory.path,
      orchestration: { artifacts: { tool_output_artifact_threshold: 10 } },
    });
    const events = await runEvents(runtime, 'q', { sessionId: 's1' });
    const file = 'task-0-stats-iter-1-mean-0-output.txt';
    const seen = toolResults(workerCalls(model, description)[1] ?? { view: undefined })[0]?.content;
    expect(seen).toBe(`${'m'.repeat(40)}\n\n[Tool output saved to artifact: ${file}]`);
    const runDir = join(memory.path, 's1', only(events, 'run-start').runId);
    expect(await readFile(join(runDir, 'artifacts', file), 'utf8')).toBe('m'.repeat(40));
    const records = JSON.parse(await readFile(join(runDir, 'iteration-1', 'task-0.attempt-1.tool-calls.json'), 'utf8'));
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      tool: 'mean',
      arguments: { numbers: [1, 2] },
      reasoning: 'need the mean',
      output: 'm'.repeat(40),
      artifact_filename: file,
    });
    expect(coordinatorCalls(model)[1]?.view.messages.at(-1)?.text).toContain(`    [Artifact: ${file} (40 bytes)]`);
    // The worker's MCP tool event shows what the model saw (footer included).
    const meanResult = ofType(events, 'tool-result').find((event) => event.toolName === 'mean');
    expect(meanResult?.output).toContain('[Tool output saved to artifact:');
    await runtime.close();
  });

  it('case 19 without persistence: no footer and no file', async () => {
    mcp = await startStatsServer({ meanOutput: () => 'm'.repeat(40) });
    const description = 'Big mean';
    const model = orchestrationModel({
      coordinator: [turn(plan(description)), turn(respond('ok'))],
      workers: { [description]: [turn(toolCall('mean', { numbers: [1] })), turn(submit('ok'))] },
    });
    const runtime = orchestrationRuntime({
      model,
      mcpUrl: mcp.url,
      orchestration: { artifacts: { tool_output_artifact_threshold: 10 } },
    });
    await runEvents(runtime, 'q');
    expect(toolResults(workerCalls(model, description)[1] ?? { view: undefined })[0]?.content).toBe('m'.repeat(40));
    await runtime.close();
  });
});
