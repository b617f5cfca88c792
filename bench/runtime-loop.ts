/**
 * Per-turn harness overhead of Aura's agent loop against a bare `streamText` tool loop (issue "The agent loop",
 * target ≤ 1.1×). Both loops drive the same in-process scripted model and the same trivial tool through the
 * same number of turns; the bare loop is the minimum a hand-written loop does (stream, collect tool calls,
 * append the SDK's response messages, run the tool, append its result, repeat). Runs alternate between the two
 * so drift hits both alike. Prints mean and p50 per LLM turn and the ratio of means; exits 1 if the ratio is
 * above the target.
 *
 * Run: `npx tsx bench/runtime-loop.ts [--runs N] [--turns T] [--target R]`
 */
import { performance } from 'node:perf_hooks';
import { runAgentLoop, type Tool } from '@aura/core';
import { MAIN_AGENT_ID } from '@aura/events';
import { createScriptedModel, type ModelTurn, text, toolCall, turn, usage } from '@aura/testkit';
import { jsonSchema, type ModelMessage, streamText, type ToolSet } from 'ai';

const args = new Map<string, string>();
for (let index = 2; index < process.argv.length; index += 2) {
  args.set(process.argv[index] ?? '', process.argv[index + 1] ?? '');
}
const RUNS = Number(args.get('--runs') ?? 400);
const TOOL_TURNS = Number(args.get('--turns') ?? 5);
const TARGET = Number(args.get('--target') ?? 1.1);
const WARMUP = 60;
const SYSTEM = 'You are a benchmark agent.';
const PROMPT: ModelMessage[] = [{ role: 'user', content: 'Check the service five times, then summarise.' }];

const echo: Tool = {
  name: 'echo',
  originalName: 'echo',
  description: 'Echoes its input.',
  inputSchema: { type: 'object', properties: { n: { type: 'number' } } },
  kind: 'mcp',
  execute: async (input) => ({ text: `echo ${JSON.stringify(input)}`, isError: false }),
};

function script(): ModelTurn[] {
  const turns: ModelTurn[] = [];
  for (let index = 0; index < TOOL_TURNS; index += 1) {
    turns.push(
      turn(text('Let me check the service status once more.'), toolCall('echo', { n: index }), usage(100, 20)),
    );
  }
  turns.push(turn(text('All five checks passed; the service is healthy and responding normally.'), usage(150, 30)));
  return turns;
}

const bareTools: ToolSet = {
  echo: { description: echo.description, inputSchema: jsonSchema({ ...echo.inputSchema }) },
};

/** The baseline: a minimal hand-written streamText tool loop. */
async function bareLoop(): Promise<number> {
  const model = createScriptedModel({ turns: script() });
  const messages: ModelMessage[] = [...PROMPT];
  const signal = new AbortController().signal;
  let calls = 0;
  let answer = '';
  for (;;) {
    calls += 1;
    // The same streamText options Aura passes, so the difference is the harness alone.
    const result = streamText({
      model,
      system: SYSTEM,
      messages,
      tools: bareTools,
      maxRetries: 0,
      abortSignal: signal,
      experimental_include: { requestBody: false },
      onError: () => {},
    });
    const toolCalls: { toolCallId: string; toolName: string; input: unknown }[] = [];
    let textOfTurn = '';
    for await (const part of result.fullStream) {
      if (part.type === 'text-delta') textOfTurn += part.text;
      else if (part.type === 'tool-call') toolCalls.push(part);
    }
    messages.push(...(await result.response).messages);
    if (textOfTurn !== '') answer = textOfTurn;
    if (toolCalls.length === 0) break;
    const content = [];
    for (const call of toolCalls) {
      const output = await echo.execute(call.input as Record<string, unknown>, { toolCallId: call.toolCallId, signal });
      content.push({
        type: 'tool-result' as const,
        toolCallId: call.toolCallId,
        toolName: call.toolName,
        output: { type: 'text' as const, value: output.text },
      });
    }
    messages.push({ role: 'tool', content });
  }
  if (answer === '') throw new Error('bare loop produced no answer');
  return calls;
}

/** Aura's loop on the same script, consuming every event. */
async function auraLoop(): Promise<number> {
  const model = createScriptedModel({ turns: script() });
  const loop = runAgentLoop({
    model,
    system: SYSTEM,
    messages: PROMPT,
    tools: [echo],
    agent: { agentId: MAIN_AGENT_ID },
    turnDepth: TOOL_TURNS,
    signal: new AbortController().signal,
  });
  let deltas = 0;
  for (;;) {
    const next = await loop.next();
    if (next.done === true) {
      if (next.value.error !== undefined || deltas === 0) throw new Error('aura loop did not answer');
      return next.value.steps.length;
    }
    if (next.value.type === 'text-delta') deltas += 1;
  }
}

function stats(samples: number[]): { mean: number; p50: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = samples.reduce((sum, value) => sum + value, 0) / samples.length;
  return { mean, p50: sorted[Math.floor(sorted.length / 2)] ?? Number.NaN };
}

async function measure(run: () => Promise<number>): Promise<number> {
  const started = performance.now();
  const calls = await run();
  return (performance.now() - started) / calls;
}

async function main(): Promise<void> {
  for (let index = 0; index < WARMUP; index += 1) {
    await bareLoop();
    await auraLoop();
  }
  const bare: number[] = [];
  const aura: number[] = [];
  for (let index = 0; index < RUNS; index += 1) {
    // Alternate the order so neither loop always runs on a warmer heap.
    if (index % 2 === 0) {
      bare.push(await measure(bareLoop));
      aura.push(await measure(auraLoop));
    } else {
      aura.push(await measure(auraLoop));
      bare.push(await measure(bareLoop));
    }
  }
  const bareStats = stats(bare);
  const auraStats = stats(aura);
  const ratio = auraStats.mean / bareStats.mean;
  const ratioP50 = auraStats.p50 / bareStats.p50;
  const format = (value: number): string => `${(value * 1000).toFixed(1)} µs`;
  console.log(`runtime-loop: ${RUNS} runs × ${TOOL_TURNS + 1} LLM turns each (${TOOL_TURNS} with a tool call)`);
  console.log(`  bare streamText loop : mean ${format(bareStats.mean)}/turn, p50 ${format(bareStats.p50)}/turn`);
  console.log(`  aura runAgentLoop    : mean ${format(auraStats.mean)}/turn, p50 ${format(auraStats.p50)}/turn`);
  console.log(`  ratio (mean) ${ratio.toFixed(3)}×, ratio (p50) ${ratioP50.toFixed(3)}×, target ≤ ${TARGET}×`);
  if (ratio > TARGET) {
    console.error(`runtime-loop: FAILED — Aura's loop costs ${ratio.toFixed(3)}× a bare loop (target ${TARGET}×)`);
    process.exit(1);
  }
  console.log('runtime-loop: ok');
}

await main();
