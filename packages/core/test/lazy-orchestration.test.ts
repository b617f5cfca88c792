/**
 * The orchestration driver is loaded on demand (runtime/lazy-orchestration.ts). Each test file runs in a fresh
 * module registry, so the first run here starts while the driver is still loading: its events must be those of a
 * run with the driver in place, and a run stopped before its first event must still be finished (and its MCP
 * lease and models released) rather than left started.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ModelCallRequest } from '@aura/testkit';
import { toolCall, turn, usage } from '@aura/testkit';
import { describe, expect, it } from 'vitest';
import { loadOrchestration } from '../src/runtime/lazy-orchestration.js';
import {
  lifecycle,
  only,
  orchestrationModel,
  orchestrationRuntime,
  runEvents,
  useTempMemoryDir,
} from './orchestration-fixtures.js';

// The coordinator answers by the query it is given (runs may reach it in any order).
const answer = (call: ModelCallRequest) => {
  const asked = JSON.stringify(call.view.messages);
  const response = asked.includes('2+2') ? '4' : asked.includes('2+3') ? '5' : 'stopped';
  return turn(toolCall('respond_directly', { response, routing_rationale: 'r', summary: 'Answered' }), usage(10, 2));
};

describe('orchestration driver loaded on demand', () => {
  const memory = useTempMemoryDir();

  it('a run started while the driver loads, one stopped before its first event, and one after the load', async () => {
    const model = orchestrationModel({ coordinator: [answer, answer, answer] });
    const runtime = orchestrationRuntime({ model, memoryDir: memory.path });
    // Both started in the tick that created the runtime: the driver's import cannot have resolved yet.
    const stopped = runtime.run({
      agentId: 'orch',
      query: 'q',
      sessionId: 'gone',
      signal: new AbortController().signal,
    });
    const early = runtime.run({
      agentId: 'orch',
      query: 'What is 2+2?',
      sessionId: 's1',
      signal: new AbortController().signal,
    });

    // Asked for its first event, then stopped while that is on its way: the started run is finished, not left.
    const firstOfStopped = stopped.next();
    const returned = stopped.return(undefined);
    const start = await firstOfStopped;
    expect(start).toMatchObject({ done: false, value: { type: 'run-start' } });
    const stoppedRunId = start.done === true ? '' : start.value.type === 'run-start' ? start.value.runId : '';
    expect(await returned).toEqual({ done: true, value: undefined });
    expect(await stopped.next()).toEqual({ done: true, value: undefined });

    const first = [];
    for await (const event of early) first.push(event);
    expect(first[0]).toMatchObject({ type: 'run-start', mode: 'orchestration', sessionId: 's1' });
    expect(lifecycle(first)).toEqual(['direct-answer']);
    expect(only(first, 'direct-answer')).toMatchObject({ response: '4' });
    expect(first.at(-1)?.type).toBe('run-finish');

    await loadOrchestration();
    const second = await runEvents(runtime, 'And 2+3?');
    expect(only(second, 'direct-answer')).toMatchObject({ response: '5' });
    // A stopped run that had been left running would have answered and written its manifest by now.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(existsSync(join(memory.path, 'gone', stoppedRunId, 'manifest.json'))).toBe(false);
    expect(existsSync(join(memory.path, 's1'))).toBe(true);
  });
});
