import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Tool, ToolCallContext, ToolOutput } from '../../tools/tool.js';
import { createRunPersistence, type RunPersistence } from '../persistence/run-persistence.js';
import { renderDuplicateCallAnnotation } from './duplicate-call-annotations.js';
import { createDuplicateGuardState, type DuplicateGuardState, withDuplicateGuard } from './duplicate-call-guard.js';
import { createToolCallCounter, withPersistence } from './with-persistence.js';

const context: ToolCallContext = { toolCallId: 'call-1', signal: new AbortController().signal };

function scriptedTool(name: string, outputs: Array<string | ToolOutput | Error>): Tool {
  let index = 0;
  return {
    name,
    originalName: name,
    description: name,
    inputSchema: { type: 'object', properties: {} },
    kind: 'mcp',
    async execute() {
      const next = outputs[Math.min(index, outputs.length - 1)];
      index += 1;
      if (next instanceof Error) throw next;
      if (next === undefined) throw new Error('script exhausted');
      return typeof next === 'string' ? { text: next, isError: false } : next;
    },
  };
}

async function run(tool: Tool, args: Record<string, unknown>, times: number): Promise<string[]> {
  const texts: string[] = [];
  for (let call = 0; call < times; call += 1) texts.push((await tool.execute(args, context)).text);
  return texts;
}

const guidance = (text: string) => text.includes('[DUPLICATE_CALL_GUIDANCE]');
const abort = (text: string) => text.includes('[DUPLICATE_CALL_ABORT]');

describe('duplicate call guard (spec case 16)', () => {
  it('nudges on calls 3 and 4, aborts on call 5, and then only passes through', async () => {
    const state = createDuplicateGuardState({ nudgeThreshold: 3, blockThreshold: 5 });
    const tool = withDuplicateGuard(scriptedTool('mean', ['2.0']), state);
    const texts = await run(tool, { numbers: [1, 2, 3] }, 6);
    expect(texts.slice(0, 2)).toEqual(['2.0', '2.0']);
    expect(texts[2]).toBe(`2.0\n\n${renderDuplicateCallAnnotation('guidance', 'mean', 3)}`);
    expect(texts[3]).toBe(`2.0\n\n${renderDuplicateCallAnnotation('guidance', 'mean', 4)}`);
    expect(texts[4]).toBe(`2.0\n\n${renderDuplicateCallAnnotation('abort', 'mean', 5)}`);
    expect(texts[5]).toBe('2.0');
    expect(state.escalated).toBe(true);
  });

  it('renders the annotations with tool name and count', () => {
    const nudge = renderDuplicateCallAnnotation('guidance', 'mean', 3);
    expect(nudge.split('\n')[0]).toBe('[DUPLICATE_CALL_GUIDANCE]');
    expect(nudge).toContain('`mean` with identical arguments 3 times');
    expect(nudge).not.toContain('%%');
    const stop = renderDuplicateCallAnnotation('abort', 'get_logs', 5);
    expect(stop.split('\n')[0]).toBe('[DUPLICATE_CALL_ABORT]');
    expect(stop).toContain('`get_logs` has now been called with identical arguments 5 times');
    expect(stop).toContain('submit_result');
  });

  it('ignores _aura_reasoning (at every level) and key order when fingerprinting', async () => {
    const state = createDuplicateGuardState({ nudgeThreshold: 3, blockThreshold: 5 });
    const tool = withDuplicateGuard(scriptedTool('mean', ['2.0']), state);
    await tool.execute({ numbers: [1, 2, 3], _aura_reasoning: 'first', opts: { a: 1, b: 2 } }, context);
    await tool.execute(
      { _aura_reasoning: 'second', opts: { b: 2, a: 1, _aura_reasoning: 'x' }, numbers: [1, 2, 3] },
      context,
    );
    const third = await tool.execute({ numbers: [1, 2, 3], opts: { a: 1, b: 2 } }, context);
    expect(guidance(third.text)).toBe(true);
  });
});

describe('duplicate call guard resets and exemptions (spec case 17)', () => {
  it('(a) a different output restarts the count', async () => {
    const state = createDuplicateGuardState({ nudgeThreshold: 2, blockThreshold: 5 });
    const texts = await run(withDuplicateGuard(scriptedTool('now', ['12:00', '12:01', '12:01']), state), {}, 3);
    expect(texts.map(guidance)).toEqual([false, false, true]);
  });

  it('(b) counts per argument set: A,B,A,B,A annotates only the fifth call', async () => {
    const state = createDuplicateGuardState({ nudgeThreshold: 3, blockThreshold: 5 });
    const tool = withDuplicateGuard(scriptedTool('lookup', ['same']), state);
    const texts: string[] = [];
    for (const key of ['A', 'B', 'A', 'B', 'A']) texts.push((await tool.execute({ key }, context)).text);
    expect(texts.map(guidance)).toEqual([false, false, false, false, true]);
  });

  it('(c) error outputs never annotate, never count and never escalate', async () => {
    const state = createDuplicateGuardState({ nudgeThreshold: 1, blockThreshold: 2 });
    const text = 'Tool returned an error: down';
    const flagged = withDuplicateGuard(scriptedTool('f', [{ text, isError: true }]), state);
    const prefixed = withDuplicateGuard(scriptedTool('g', [text]), state);
    for (const tool of [flagged, prefixed]) expect(await run(tool, {}, 4)).toEqual([text, text, text, text]);
    expect(state.escalated).toBe(false);
  });

  it('(c) error outputs leave the running count of a fingerprint unchanged', async () => {
    const state = createDuplicateGuardState({ nudgeThreshold: 3, blockThreshold: 5 });
    const tool = withDuplicateGuard(
      scriptedTool('f', ['ok', 'ok', { text: 'Tool returned an error: x', isError: true }, 'ok']),
      state,
    );
    const texts = await run(tool, {}, 4);
    expect(texts.map(guidance)).toEqual([false, false, false, true]);
  });

  it('(c) throws pass through uncounted', async () => {
    const state = createDuplicateGuardState({ nudgeThreshold: 1, blockThreshold: 1 });
    const tool = withDuplicateGuard(scriptedTool('f', [new Error('boom')]), state);
    await expect(tool.execute({}, context)).rejects.toThrow('boom');
    expect(state.escalated).toBe(false);
  });

  it('(d) a different tool with identical arguments is tracked separately', async () => {
    const state = createDuplicateGuardState({ nudgeThreshold: 3, blockThreshold: 5 });
    const mean = withDuplicateGuard(scriptedTool('mean', ['2.0']), state);
    const median = withDuplicateGuard(scriptedTool('median', ['2.0']), state);
    const texts = [
      (await mean.execute({ n: 1 }, context)).text,
      (await median.execute({ n: 1 }, context)).text,
      (await mean.execute({ n: 1 }, context)).text,
      (await median.execute({ n: 1 }, context)).text,
      (await mean.execute({ n: 1 }, context)).text,
    ];
    expect(texts.map(guidance)).toEqual([false, false, false, false, true]);
  });
});

describe('duplicate call guard with persistence on (fix of spec §9 item 13)', () => {
  let root: string;
  let persistence: RunPersistence;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'aura-guard-'));
    persistence = await createRunPersistence({ memoryDir: root, sessionId: 's1', maxSessionRuns: 20 });
  });

  afterEach(async () => {
    await persistence.drain({ timeoutMs: 5000 });
    await rm(root, { recursive: true, force: true });
  });

  function guardedPersistentTool(state: DuplicateGuardState, output: string): Tool {
    const persisted = withPersistence(scriptedTool('get_logs', [output]), {
      persistence,
      taskId: 0,
      attempt: 1,
      worker: 'ops',
      iteration: 1,
      callCounter: createToolCallCounter(),
      thresholds: { outputBytes: 500, durationMs: 5000 },
    });
    return withDuplicateGuard(persisted, state);
  }

  it('compares raw outputs: 600-byte identical outputs nudge at 3 and block at 5 despite distinct footers', async () => {
    const state = createDuplicateGuardState({ nudgeThreshold: 3, blockThreshold: 5 });
    const big = 'L'.repeat(600);
    const texts = await run(guardedPersistentTool(state, big), { query: 'errors', _aura_reasoning: 'look' }, 5);
    for (const [index, text] of texts.entries()) {
      expect(
        text.startsWith(`${big}\n\n[Tool output saved to artifact: task-0-ops-iter-1-get-logs-${index}-output.txt]`),
      ).toBe(true);
    }
    expect(texts.map(guidance)).toEqual([false, false, true, true, false]);
    expect(texts.map(abort)).toEqual([false, false, false, false, true]);
    expect(state.escalated).toBe(true);
  });

  it('still tells different large outputs apart', async () => {
    const state = createDuplicateGuardState({ nudgeThreshold: 2, blockThreshold: 3 });
    let call = 0;
    const changing: Tool = {
      ...scriptedTool('get_logs', ['unused']),
      async execute() {
        call += 1;
        return { text: `${'L'.repeat(600)}${call}`, isError: false };
      },
    };
    const tool = withDuplicateGuard(
      withPersistence(changing, {
        persistence,
        taskId: 0,
        attempt: 1,
        iteration: 1,
        callCounter: createToolCallCounter(),
        thresholds: { outputBytes: 500, durationMs: 0 },
      }),
      state,
    );
    expect((await run(tool, {}, 4)).some((text) => guidance(text) || abort(text))).toBe(false);
  });

  it('falls back to stripping a trailing footer when no raw text was handed over', async () => {
    const state = createDuplicateGuardState({ nudgeThreshold: 2, blockThreshold: 5 });
    const outputs = [
      'data\n\n[Tool output saved to artifact: a-0-output.txt]',
      'data\n\n[Tool output saved to artifact: a-1-output.txt]',
    ];
    const texts = await run(withDuplicateGuard(scriptedTool('t', outputs), state), {}, 2);
    expect(texts.map(guidance)).toEqual([false, true]);
  });
});
