/**
 * The agent loop (core-spec §3.4): stream an LLM call, run the tools it asked for, feed the results back,
 * repeat — until the model answers without tools, a client tool is called, a stop condition holds, the depth
 * budget is spent (then one tool-less answer call), or the run fails or is aborted. A thin driver over named
 * steps: a {@link ModelTurn} (read here) and {@link executeToolCalls}.
 */
import { AuraError, addUsage, type ClientToolCall, emptyUsage, type RuntimeEvent } from '@aura/events';
import type { ModelMessage } from 'ai';
import type { AgentLoop, AgentLoopOptions, AgentLoopResult, AgentLoopStep } from './agent-loop-types.js';
import { type DepthBudget, resolveDepthBudget } from './depth-budget.js';
import { type ExecutedToolCall, executeToolCalls } from './execute-tool-calls.js';
import {
  DEFAULT_FINAL_ANSWER_INSTRUCTION,
  depthExhaustedFallbackText,
  withFinalAnswerInstruction,
} from './final-answer.js';
import { describeAbortReason, runAbort } from './link-abort-signal.js';
import { abortedRunError, defaultMapRunError, depthExhaustedError } from './loop-errors.js';
import { createRunTools } from './model-tool-set.js';
import { ModelTurn } from './model-turn.js';
import type { RecordedToolCall } from './model-turn-recorder.js';
import { createTurnNudger } from './nudges.js';
import { toolResultMessage } from './transcript.js';

/** Why the loop ended, with what the last event reports. */
type LoopEnd =
  | {
      readonly kind: 'finish';
      readonly text: string;
      readonly finishReason: AgentLoopResult['finishReason'];
      readonly stopReason?: 'depth_exhausted';
      readonly pending?: readonly ClientToolCall[];
    }
  | { readonly kind: 'error'; readonly error: AuraError };

/**
 * Runs the agent loop. Iterate the returned generator for the events (never `run-start`/`mcp-status`, which
 * belong to the runtime; exactly one `run-finish` or `run-error` last); its return value is the
 * {@link AgentLoopResult}. Use {@link drainAgentLoop} to run it with a callback instead.
 *
 * Honours `options.signal` throughout: it aborts the provider call and the running tool calls, no provider
 * or tool call starts after it fired, unfinished calls get synthetic results, and the run ends with
 * `run-error` (`RUN_ABORTED`, or the signal's reason when that is an `AuraError`). Ending the iteration early
 * aborts the run the same way. Never throws once iterating: failures become `run-error`.
 *
 * @throws AuraError `CONFIG_INVALID` (synchronously) for a negative or fractional `turnDepth`/`depthBonus`.
 */
export function runAgentLoop(options: AgentLoopOptions): AgentLoop {
  return agentLoop(options, resolveDepthBudget(options.turnDepth, options.depthBonus));
}

async function* agentLoop(options: AgentLoopOptions, budget: DepthBudget): AgentLoop {
  const link = runAbort(options.signal, options.abortController);
  const signal = link.signal;
  const { agent } = options;
  const tools = createRunTools(options.tools);
  const nudger = createTurnNudger(options.nudges, budget.maxDepth);
  const now = options.now ?? monotonicNow;
  const prompt: ModelMessage[] = [...options.messages];
  const transcript: ModelMessage[] = [];
  const steps: AgentLoopStep[] = [];
  let usage = emptyUsage();
  let lastText = '';
  let ended = false;

  const append = (message: ModelMessage | undefined): void => {
    if (message === undefined) return;
    prompt.push(message);
    transcript.push(message);
  };
  function* end(outcome: LoopEnd): Generator<RuntimeEvent, AgentLoopResult, undefined> {
    ended = true;
    const base = { usage, transcript, steps, pendingClientToolCalls: [] as readonly ClientToolCall[] };
    if (outcome.kind === 'error') {
      const { code, message, retryable } = outcome.error;
      yield { type: 'run-error', error: { code, message, retryable } };
      return { ...base, text: lastText, finishReason: 'stop', error: outcome.error };
    }
    const { text, finishReason, stopReason, pending = [] } = outcome;
    const stop = stopReason === undefined ? {} : { stopReason };
    yield { type: 'run-finish', text, usage, finishReason, ...stop };
    return { ...base, text, finishReason, ...stop, pendingClientToolCalls: pending };
  }

  try {
    for (let step = 1; ; step += 1) {
      const answerOnly = step > budget.maxCalls;
      if (signal.aborted) return yield* end({ kind: 'error', error: abortedRunError(signal) });
      if (answerOnly && options.finalAnswerOnDepthExhausted === false) {
        return yield* end({ kind: 'error', error: depthExhaustedError(budget.maxDepth) });
      }
      yield { type: 'step-start', agent, step };
      // The consumer may have aborted while it held the event.
      if (signal.aborted) return yield* end({ kind: 'error', error: abortedRunError(signal) });
      const modelTurn = new ModelTurn({
        model: options.model,
        system: options.system,
        messages: answerOnly
          ? withFinalAnswerInstruction(prompt, options.finalAnswerInstruction ?? DEFAULT_FINAL_ANSWER_INSTRUCTION)
          : prompt,
        tools,
        agent,
        step,
        callSettings: options.callSettings,
        providerOptions: options.providerOptions,
        signal,
        ...(answerOnly ? { answerOnly: { toolChoice: options.finalAnswerToolChoice ?? 'none' } } : {}),
      });
      // The turn's read loop lives here rather than in a generator of its own: every streamed token passes it.
      if (await modelTurn.open()) {
        try {
          if (options.directEvents !== undefined && modelTurn.direct) {
            if (await modelTurn.deliver(options.directEvents)) {
              const finish = modelTurn.finish();
              if (finish !== undefined) yield finish;
            }
          } else {
            while (!signal.aborted) {
              const read = await modelTurn.read();
              if (read.done) {
                const finish = modelTurn.finish();
                if (finish !== undefined) yield finish;
                break;
              }
              const event = modelTurn.accept(read.value);
              if (event !== undefined) yield event;
            }
          }
        } catch (error) {
          modelTurn.fail(error);
        } finally {
          modelTurn.close();
        }
      }
      const turn = modelTurn.outcome();
      usage = addUsage(usage, turn.usage);
      if (turn.text !== '') lastText = turn.text;
      append(turn.message);
      const record = { step, text: turn.text, finishReason: turn.finishReason, usage: turn.usage };

      if (turn.failure !== undefined) {
        const failure = turn.failure;
        const aborted = signal.aborted || failure.kind === 'aborted';
        const reason = aborted ? describeAbortReason(signal.reason) : 'the model call failed before it could run';
        const results = yield* cancelToolCalls(turn.toolCalls, reason);
        append(toolResultMessage(results));
        steps.push({ ...record, toolResults: results, clientToolCalls: [] });
        const error = failure.kind === 'failed' && !aborted ? mapFailure(failure.error) : abortedRunError(signal);
        return yield* end({ kind: 'error', error });
      }
      if (answerOnly) {
        steps.push({ ...record, toolResults: [], clientToolCalls: [] });
        let text = turn.text;
        if (text === '') {
          text = depthExhaustedFallbackText(budget.maxDepth);
          yield { type: 'text-delta', agent, delta: text };
        }
        lastText = text;
        return yield* end({ kind: 'finish', text, finishReason: 'stop', stopReason: 'depth_exhausted' });
      }
      if (turn.toolCalls.length === 0) {
        steps.push({ ...record, toolResults: [], clientToolCalls: [] });
        const finishReason = turn.finishReason === 'length' ? 'length' : 'stop';
        return yield* end({ kind: 'finish', text: lastText, finishReason });
      }

      const clientCalls = turn.toolCalls.filter((call) => call.tool?.kind === 'client');
      const serverCalls = clientCalls.length === 0 ? turn.toolCalls : turn.toolCalls.filter(isServerCall);
      let results: ExecutedToolCall[] = yield* executeToolCalls({
        calls: serverCalls,
        agent,
        signal,
        parallel: options.parallelToolCalls === true,
        nudge: nudger === undefined ? undefined : () => nudger.nudgeFor(step),
        now,
      });
      if (signal.aborted && clientCalls.length > 0) {
        // The run fails, so nobody will run the client calls: answer them too, in model order.
        const cancelled = yield* cancelToolCalls(clientCalls, describeAbortReason(signal.reason));
        results = inModelOrder(turn.toolCalls, [...results, ...cancelled]);
      }
      append(toolResultMessage(results));
      const pending = signal.aborted ? [] : clientCalls.map(toClientToolCall);
      steps.push({ ...record, toolResults: results, clientToolCalls: pending });
      if (signal.aborted) return yield* end({ kind: 'error', error: abortedRunError(signal) });
      if (pending.length > 0) {
        yield { type: 'client-tool-calls', calls: pending };
        return yield* end({ kind: 'finish', text: lastText, finishReason: 'tool_calls', pending });
      }
      if (options.shouldStop?.({ step, text: turn.text, toolResults: results, steps }) === true) {
        return yield* end({ kind: 'finish', text: lastText, finishReason: 'stop' });
      }
    }
  } catch (error) {
    if (ended) throw error;
    return yield* end({ kind: 'error', error: signal.aborted ? abortedRunError(signal) : mapFailure(error) });
  } finally {
    if (!ended) link.abort(new AuraError('RUN_ABORTED', 'agent run aborted: the consumer stopped reading its events'));
    link.dispose();
    await options.release?.();
  }

  function mapFailure(error: unknown): AuraError {
    return (options.mapError ?? defaultMapRunError)(error);
  }

  /** Synthetic results (and their events) for calls that will never run. */
  function cancelToolCalls(
    calls: readonly RecordedToolCall[],
    reason: string,
  ): AsyncGenerator<RuntimeEvent, ExecutedToolCall[], undefined> {
    return executeToolCalls({ calls, agent, signal, parallel: false, nudge: undefined, now, cancelReason: reason });
  }
}

function monotonicNow(): number {
  return performance.now();
}

function isServerCall(call: RecordedToolCall): boolean {
  return call.tool?.kind !== 'client';
}

function toClientToolCall(call: RecordedToolCall): ClientToolCall {
  return { id: call.toolCallId, name: call.tool?.originalName ?? call.toolName, arguments: call.rawArguments };
}

function inModelOrder(calls: readonly RecordedToolCall[], results: readonly ExecutedToolCall[]): ExecutedToolCall[] {
  const byId = new Map(results.map((result) => [result.toolCallId, result]));
  return calls.flatMap((call) => byId.get(call.toolCallId) ?? []);
}
