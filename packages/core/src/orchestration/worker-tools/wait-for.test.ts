import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Tool, ToolCallContext, ToolOutput } from '../../tools/tool.js';
import { createWaitForTool } from './wait-for.js';

/** A clock that only moves when the tool sleeps. */
function fakeClock() {
  let time = 0;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => time,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      time += ms;
    },
  };
}

/** An MCP-like probe returning `outputs` in order, then repeating the last one. */
function scriptedProbe(outputs: Array<string | ToolOutput | Error>) {
  const calls: Array<{ args: Record<string, unknown>; context: ToolCallContext }> = [];
  const tool: Tool = {
    name: 'job_status',
    originalName: 'job_status',
    description: 'status',
    inputSchema: { type: 'object' },
    kind: 'mcp',
    execute: async (args, context) => {
      const output = outputs[Math.min(calls.length, outputs.length - 1)];
      calls.push({ args, context });
      if (output instanceof Error) throw output;
      return typeof output === 'string' ? { text: output, isError: false } : (output ?? { text: '', isError: false });
    },
  };
  return { tool, calls };
}

function setup(outputs: Array<string | ToolOutput | Error>) {
  const clock = fakeClock();
  const probe = scriptedProbe(outputs);
  const waitFor = createWaitForTool({
    resolveTool: (name) => (name === 'job_status' ? probe.tool : undefined),
    now: clock.now,
    sleep: clock.sleep,
  });
  return { clock, probe, waitFor };
}

const context = (signal = new AbortController().signal): ToolCallContext => ({ toolCallId: 'call-7', signal });
const probeSpec = { tool: 'job_status', args: { id: 42 } };

async function run(tool: Tool, args: Record<string, unknown>): Promise<ToolOutput> {
  return tool.execute(args, context());
}

function result(output: ToolOutput): Record<string, unknown> {
  expect(output.isError).toBe(false);
  return JSON.parse(output.text) as Record<string, unknown>;
}

describe('wait_for (orchestration-spec §2.8)', () => {
  it('matches on the first sample without sleeping', async () => {
    const { waitFor, clock, probe } = setup(['build finished ok']);
    const output = await run(waitFor, { probe: probeSpec, until: { matches: 'finished' } });
    expect(output.text).toBe(
      '{"reason":"matched","last_observation":"build finished ok","elapsed_sec":0,"samples":1,"effective_max_wait_sec":120}',
    );
    expect(clock.sleeps).toEqual([]);
    expect(probe.calls[0]?.args).toEqual({ id: 42 });
    expect(probe.calls[0]?.context.toolCallId).toBe('call-7:probe-1');
  });

  it('polls at poll_sec until the pattern matches', async () => {
    const { waitFor, clock } = setup(['running', 'running', 'running', 'done']);
    const output = result(await run(waitFor, { probe: probeSpec, until: { matches: '^done$' }, poll_sec: 3 }));
    expect(output).toMatchObject({ reason: 'matched', last_observation: 'done', samples: 4, elapsed_sec: 9 });
    expect(clock.sleeps).toEqual([3000, 3000, 3000]);
  });

  it('not_matches ends when the pattern disappears', async () => {
    const { waitFor } = setup(['still running', 'still running', 'idle']);
    expect(result(await run(waitFor, { probe: probeSpec, until: { not_matches: 'running' } }))).toMatchObject({
      reason: 'matched',
      last_observation: 'idle',
      samples: 3,
      elapsed_sec: 4,
    });
  });

  it('settles once the output is unchanged for quiet_for_sec since it last changed', async () => {
    const { waitFor } = setup(['a', 'b', 'b', 'b', 'c']);
    expect(result(await run(waitFor, { probe: probeSpec, until: { quiet_for_sec: 4 } }))).toMatchObject({
      reason: 'settled',
      last_observation: 'b',
      samples: 4,
      elapsed_sec: 6,
    });
  });

  it('times out at the bound with the last observation, trimming the final sleep', async () => {
    const { waitFor, clock } = setup(['working']);
    const output = result(await run(waitFor, { probe: probeSpec, until: { matches: 'done' }, max_wait_sec: 5 }));
    expect(output).toEqual({
      reason: 'timeout',
      last_observation: 'working',
      elapsed_sec: 5,
      samples: 4,
      effective_max_wait_sec: 5,
    });
    expect(clock.sleeps).toEqual([2000, 2000, 1000]);
  });

  it('clamps max_wait_sec to 300', async () => {
    const { waitFor } = setup(['done']);
    expect(
      result(await run(waitFor, { probe: probeSpec, until: { matches: 'done' }, max_wait_sec: 1000 })),
    ).toMatchObject({
      effective_max_wait_sec: 300,
    });
  });

  it.each([
    [{ probe: { tool: '', args: {} }, until: { matches: 'x' } }, 'probe.tool must be a non-empty tool name'],
    [{ probe: { tool: 'job_status', args: [1] }, until: { matches: 'x' } }, 'probe.args must be a JSON object'],
    [{ probe: probeSpec, until: { matches: '(' } }, 'condition regex is invalid'],
    [{ probe: probeSpec, until: { quiet_for_sec: 0 } }, 'until.quiet_for_sec must be at least 1'],
    [{ probe: probeSpec, until: { matches: 'x' }, poll_sec: 0 }, 'poll_sec must be at least 1'],
    [{ probe: probeSpec, until: { matches: 'x' }, max_wait_sec: 0 }, 'max_wait_sec must be at least 1'],
    [
      { probe: probeSpec, until: { matches: 'x' }, poll_sec: 5, max_wait_sec: 5 },
      'poll_sec 5s must be less than max_wait_sec 5s',
    ],
    [{ probe: probeSpec, until: { matches: 'x' }, poll_sec: 400, max_wait_sec: 1000 }, 'max_wait_sec 300s'],
    [{ probe: probeSpec, until: { quiet_for_sec: 10 }, max_wait_sec: 5 }, 'quiet_for_sec 10s exceeds max_wait_sec 5s'],
  ])('rejects %j as a tool error', async (args, message) => {
    const { waitFor, probe } = setup(['x']);
    const output = await run(waitFor, args);
    expect(output.isError).toBe(true);
    expect(output.text).toMatch(/^ToolCallError: /);
    expect(output.text).toContain(message);
    expect(probe.calls).toHaveLength(0);
  });

  it.each([
    [{ probe: probeSpec, until: { matches: 'x' }, extra: true }],
    [{ probe: { ...probeSpec, server: 'a' }, until: { matches: 'x' } }],
    [{ probe: probeSpec, until: { matches: 'x', quiet_for_sec: 3 } }],
    [{ probe: probeSpec, until: { eventually: 'x' } }],
    [{ probe: probeSpec, until: { matches: 'x' }, poll_sec: 1.5 }],
    [{ probe: probeSpec, until: { matches: 'x' }, poll_sec: -1 }],
    [{ until: { matches: 'x' } }],
  ])('rejects the malformed arguments %j as a JsonError', async (args) => {
    const { waitFor } = setup(['x']);
    const output = await run(waitFor, args);
    expect(output.isError).toBe(true);
    expect(output.text).toMatch(/^JsonError: invalid arguments for tool 'wait_for'/);
  });

  it('refuses unknown and non-MCP probe tools', async () => {
    const submit: Tool = { ...scriptedProbe(['x']).tool, name: 'submit_result', kind: 'orchestration' };
    const waitFor = createWaitForTool({ resolveTool: (name) => (name === 'submit_result' ? submit : undefined) });
    for (const tool of ['nope', 'submit_result']) {
      const output = await run(waitFor, { probe: { tool, args: {} }, until: { matches: 'x' } });
      expect(output.isError).toBe(true);
      expect(output.text).toContain(`probe tool '${tool}' is not an MCP tool available to this worker`);
    }
  });

  it('fails on a probe error result or a thrown probe, naming the sample', async () => {
    const errorResult = setup(['working', { text: 'Tool returned an error: gone', isError: true }]);
    const output = await run(errorResult.waitFor, { probe: probeSpec, until: { matches: 'done' } });
    expect(output).toEqual({
      text: "ToolCallError: probe tool 'job_status' failed on sample 2: Tool returned an error: gone",
      isError: true,
    });
    const thrown = setup([new Error('transport dropped')]);
    expect((await run(thrown.waitFor, { probe: probeSpec, until: { matches: 'done' } })).text).toBe(
      "ToolCallError: probe tool 'job_status' failed on sample 1: transport dropped",
    );
  });

  it('rejects an observation over 256 KiB', async () => {
    const { waitFor } = setup(['x'.repeat(256 * 1024 + 1)]);
    const output = await run(waitFor, { probe: probeSpec, until: { matches: 'done' } });
    expect(output.isError).toBe(true);
    expect(output.text).toContain('returned 262145 bytes on sample 1, over the 262144-byte limit');
    const exact = setup(['y'.repeat(256 * 1024)]);
    expect(result(await run(exact.waitFor, { probe: probeSpec, until: { matches: 'y' } })).reason).toBe('matched');
  });

  it('stops at once when the signal aborts during a sleep, even if the sleep ignores it', async () => {
    const probe = scriptedProbe(['working']);
    let sampled: () => void = () => {};
    const firstSample = new Promise<void>((resolve) => {
      sampled = resolve;
    });
    const waitFor = createWaitForTool({
      resolveTool: () => probe.tool,
      now: () => 0,
      sleep: () => {
        sampled();
        return new Promise<void>(() => {});
      },
    });
    const controller = new AbortController();
    const pending = waitFor.execute({ probe: probeSpec, until: { matches: 'done' } }, context(controller.signal));
    await firstSample;
    controller.abort(new Error('client went away'));
    await expect(pending).rejects.toThrow('client went away');
    expect(probe.calls).toHaveLength(1);
  });

  it('aborts an in-flight probe when the signal aborts', async () => {
    let probeSignal: AbortSignal | undefined;
    const hanging: Tool = {
      ...scriptedProbe(['x']).tool,
      execute: (_args, ctx) => {
        probeSignal = ctx.signal;
        return new Promise<ToolOutput>(() => {});
      },
    };
    const waitFor = createWaitForTool({ resolveTool: () => hanging });
    const controller = new AbortController();
    const pending = waitFor.execute({ probe: probeSpec, until: { matches: 'done' } }, context(controller.signal));
    await vi.waitFor(() => expect(probeSignal).toBeDefined());
    controller.abort(new Error('shutdown'));
    await expect(pending).rejects.toThrow('shutdown');
    expect(probeSignal?.aborted).toBe(true);
  });

  it('rejects immediately when the signal is already aborted', async () => {
    const { waitFor, probe } = setup(['x']);
    const controller = new AbortController();
    controller.abort(new Error('gone'));
    await expect(
      waitFor.execute({ probe: probeSpec, until: { matches: 'x' } }, context(controller.signal)),
    ).rejects.toThrow('gone');
    expect(probe.calls).toHaveLength(0);
  });
});

describe('wait_for with a hanging probe (real timer semantics, faked)', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  function hangingAfter(answers: number) {
    const signals: AbortSignal[] = [];
    const tool: Tool = {
      ...scriptedProbe(['x']).tool,
      execute: (_args, ctx) => {
        signals.push(ctx.signal);
        if (signals.length <= answers) return Promise.resolve({ text: 'working', isError: false });
        return new Promise<ToolOutput>(() => {});
      },
    };
    return { tool, signals };
  }

  it('ends with timeout and the previous observation when a later sample outruns the budget', async () => {
    vi.useFakeTimers();
    const probe = hangingAfter(1);
    const waitFor = createWaitForTool({ resolveTool: () => probe.tool, now: () => Date.now() });
    const pending = waitFor.execute({ probe: probeSpec, until: { matches: 'done' }, max_wait_sec: 5 }, context());
    await vi.advanceTimersByTimeAsync(5000);
    expect(result(await pending)).toEqual({
      reason: 'timeout',
      last_observation: 'working',
      elapsed_sec: 5,
      samples: 1,
      effective_max_wait_sec: 5,
    });
    expect(probe.signals).toHaveLength(2);
    expect(probe.signals[1]?.aborted).toBe(true);
  });

  it('fails when the first sample never returns', async () => {
    vi.useFakeTimers();
    const probe = hangingAfter(0);
    const waitFor = createWaitForTool({ resolveTool: () => probe.tool, now: () => Date.now() });
    const pending = waitFor.execute({ probe: probeSpec, until: { matches: 'done' }, max_wait_sec: 3 }, context());
    await vi.advanceTimersByTimeAsync(3000);
    const output = await pending;
    expect(output.isError).toBe(true);
    expect(output.text).toContain("probe tool 'job_status' returned nothing within max_wait_sec 3s");
  });
});
