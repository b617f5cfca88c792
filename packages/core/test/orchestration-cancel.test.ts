/**
 * Cancellation of an orchestrated run (orchestration-spec §7.4): the caller's signal, or leaving the event
 * iteration early, aborts the coordinator, every worker and every MCP call; nothing more is emitted and no
 * manifest is written.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { RuntimeEvent } from '@aura/events';
import { hang, type TestMcpHttpServer, toolCall, turn } from '@aura/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  coordinatorCalls,
  orchestrationModel,
  orchestrationRuntime,
  startStatsServer,
  useTempMemoryDir,
} from './orchestration-fixtures.js';

const sleepers = (count: number) =>
  toolCall('create_plan', {
    goal: 'g',
    steps: [
      {
        type: 'parallel',
        items: Array.from({ length: count }, (_, index) => ({ type: 'task', task: `Sleep ${index}` })),
      },
    ],
    routing_rationale: 'r',
    planning_summary: 'ps',
  });

describe('orchestration: cancellation', () => {
  let mcp: TestMcpHttpServer;
  const memory = useTempMemoryDir();
  beforeEach(async () => {
    mcp = await startStatsServer();
  });
  afterEach(async () => {
    await mcp.close();
  });

  it('aborting the request cancels every worker MCP call, ends with RUN_ABORTED and writes no manifest', async () => {
    const workers = Object.fromEntries(
      [0, 1].map((index) => [`Sleep ${index}`, [turn(toolCall('sleep', { ms: 20_000, steps: 20 }))]]),
    );
    const model = orchestrationModel({ coordinator: [turn(sleepers(2))], workers });
    const runtime = orchestrationRuntime({ model, mcpUrl: mcp.url, memoryDir: memory.path });
    const controller = new AbortController();
    const events: RuntimeEvent[] = [];
    const running = new Set<number>();
    let abortedAt = -1;
    for await (const event of runtime.run({
      agentId: 'orch',
      query: 'q',
      sessionId: 's1',
      signal: controller.signal,
    })) {
      events.push(event);
      if (event.type === 'tool-progress' && event.agent.taskId !== undefined) running.add(event.agent.taskId);
      if (running.size === 2 && abortedAt < 0) {
        abortedAt = events.length;
        controller.abort();
      }
    }
    expect(events.at(-1)).toMatchObject({ type: 'run-error', error: { code: 'RUN_ABORTED' } });
    expect(events.slice(abortedAt, -1).filter((event) => event.type !== 'tool-progress')).toEqual([]);
    await mcp.log.waitFor(() => mcp.log.ofType('cancelled').length >= 2);
    expect(mcp.log.ofType('cancelled')).toHaveLength(2);
    expect(coordinatorCalls(model)).toHaveLength(1);
    const runDir = join(memory.path, 's1', events[0]?.type === 'run-start' ? events[0].runId : '');
    expect(await readdir(runDir)).not.toContain('manifest.json');
    await runtime.close();
  });

  it('aborting while the coordinator is thinking ends the run at once', async () => {
    const model = orchestrationModel({ coordinator: [turn(hang())] });
    const runtime = orchestrationRuntime({ model });
    const controller = new AbortController();
    const events: RuntimeEvent[] = [];
    setTimeout(() => controller.abort(), 50);
    for await (const event of runtime.run({ agentId: 'orch', query: 'q', signal: controller.signal }))
      events.push(event);
    expect(events.map((event) => event.type)).toEqual(['run-start', 'step-start', 'run-error']);
    expect(events.at(-1)).toMatchObject({ error: { code: 'RUN_ABORTED' } });
    await runtime.close();
  });

  it('leaving the iteration early aborts the workers and their MCP calls', async () => {
    const model = orchestrationModel({
      coordinator: [turn(sleepers(1))],
      workers: { 'Sleep 0': [turn(toolCall('sleep', { ms: 20_000, steps: 20 }))] },
    });
    const runtime = orchestrationRuntime({ model, mcpUrl: mcp.url });
    for await (const event of runtime.run({ agentId: 'orch', query: 'q', signal: new AbortController().signal })) {
      if (event.type === 'tool-progress') break;
    }
    expect(await mcp.log.waitForType('cancelled')).toMatchObject({ type: 'cancelled' });
    expect(await mcp.log.waitForType('call-finished')).toMatchObject({ tool: 'sleep', outcome: 'aborted' });
    await runtime.close();
  });
});
