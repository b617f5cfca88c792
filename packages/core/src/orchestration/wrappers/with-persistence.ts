/**
 * The persistence decorator of worker MCP tools (spec §2.7): `_aura_reasoning` in the schema, one
 * tool-call record per call, and promotion of large or slow outputs to artifact files.
 */
import type { Tool, ToolCallContext, ToolOutput } from '../../tools/tool.js';
import { formatToolCallError } from '../../tools/tool-error-detection.js';
import { utf8ByteLength } from '../../util/utf8.js';
import { toolOutputArtifactFilename } from '../persistence/artifact-filenames.js';
import { createToolCallRecord } from '../persistence/persistence-records.js';
import type { RunPersistence } from '../persistence/run-persistence.js';
import { type RawAwareToolOutput, toolOutputFooter, withRawText } from './raw-tool-output.js';
import { addReasoningToSchema, extractReasoning } from './reasoning-field.js';

/** Hands out the 0-based `call_idx` of artifact filenames; one counter per worker attempt, shared by its tools. */
export interface ToolCallCounter {
  next(): number;
}

/** A fresh counter starting at 0. */
export function createToolCallCounter(): ToolCallCounter {
  let value = 0;
  return {
    next: () => {
      const current = value;
      value += 1;
      return current;
    },
  };
}

/** Promotion thresholds (`[orchestration.artifacts]`). */
export interface ToolOutputThresholds {
  /** `tool_output_artifact_threshold`: outputs longer than this many UTF-8 bytes get a file and a footer (0 = all). */
  readonly outputBytes: number;
  /** `tool_output_duration_threshold_ms`: slower calls get a file without a footer (0 = off). */
  readonly durationMs: number;
}

/** Options of {@link withPersistence}. */
export interface PersistenceWrapperOptions {
  readonly persistence: RunPersistence;
  readonly taskId: number;
  /** 1-based worker attempt; names the tool-calls file. */
  readonly attempt: number;
  /** Named worker; `undefined` for the generic worker (`default` in filenames). */
  readonly worker?: string | undefined;
  /** Iteration at worker construction; names the files and the iteration directory. */
  readonly iteration: number;
  readonly callCounter: ToolCallCounter;
  readonly thresholds: ToolOutputThresholds;
  /** Monotonic clock in ms for durations. Default `performance.now`. */
  readonly now?: () => number;
}

/**
 * Decorates `tool` for a worker attempt:
 * - the input schema gains `_aura_reasoning` (see `addReasoningToSchema`); it is removed from the arguments
 *   (top level) before `tool` runs and recorded as the call's reasoning;
 * - every call appends a `ToolCallRecord` (cleaned arguments, reasoning, raw output or error, duration,
 *   artifact file) in the background, tracked by `persistence` for `drain`;
 * - with persistence enabled, a successful output longer than `thresholds.outputBytes` (or any, when 0) is
 *   written to `artifacts/task-<id>-<worker|default>-iter-<n>-<tool>-<call_idx>-output.txt` before the call
 *   returns, and the model sees it followed by `\n\n[Tool output saved to artifact: <file>]` (no footer if
 *   the write failed); otherwise a call slower than `thresholds.durationMs` (> 0) gets the file in the
 *   background and no footer.
 *
 * An `isError` output is recorded as an error (output `null`) and never promoted; a throw is recorded as
 * `ToolCallError: <message>` and rethrown. The returned output carries the raw text in `rawText` for outer
 * decorators. `execute` passes `context` (and its `signal`) through unchanged.
 */
export function withPersistence(tool: Tool, options: PersistenceWrapperOptions): Tool {
  const now = options.now ?? (() => performance.now());
  return {
    name: tool.name,
    originalName: tool.originalName,
    description: tool.description,
    inputSchema: addReasoningToSchema(tool.inputSchema),
    kind: tool.kind,
    ...(tool.source === undefined ? {} : { source: tool.source }),
    async execute(args: Record<string, unknown>, context: ToolCallContext): Promise<ToolOutput> {
      const { reasoning, args: cleanArgs } = extractReasoning(args);
      const callIndex = options.callCounter.next();
      const started = now();
      let output: ToolOutput;
      try {
        output = await tool.execute(cleanArgs, context);
      } catch (error) {
        record(
          options,
          tool.name,
          { arguments: cleanArgs, reasoning, error: formatToolCallError(error) },
          now() - started,
        );
        throw error;
      }
      const durationMs = now() - started;
      const raw = output.text;
      if (output.isError) {
        record(options, tool.name, { arguments: cleanArgs, reasoning, error: raw }, durationMs);
        return withRawText(output, raw);
      }
      return promote(tool.name, raw, output, { cleanArgs, reasoning, callIndex, durationMs }, options);
    },
  };
}

interface CallFacts {
  readonly cleanArgs: Record<string, unknown>;
  readonly reasoning: string;
  readonly callIndex: number;
  readonly durationMs: number;
}

async function promote(
  toolName: string,
  raw: string,
  output: ToolOutput,
  call: CallFacts,
  options: PersistenceWrapperOptions,
): Promise<RawAwareToolOutput> {
  const { persistence, thresholds } = options;
  const base = { arguments: call.cleanArgs, reasoning: call.reasoning, output: raw };
  if (!persistence.enabled) return withRawText(output, raw);
  const filename = toolOutputArtifactFilename(
    options.taskId,
    options.worker,
    options.iteration,
    toolName,
    call.callIndex,
  );
  if (thresholds.outputBytes === 0 || utf8ByteLength(raw) > thresholds.outputBytes) {
    const written = await persistence.track(persistence.writeArtifact(filename, raw));
    record(options, toolName, { ...base, artifactFilename: written }, call.durationMs);
    if (written === undefined) return withRawText(output, raw);
    return { ...output, text: raw + toolOutputFooter(written), rawText: raw };
  }
  if (thresholds.durationMs > 0 && call.durationMs > thresholds.durationMs) {
    void persistence.track(
      persistence.writeArtifact(filename, raw).then((written) => {
        record(options, toolName, { ...base, artifactFilename: written }, call.durationMs);
      }),
    );
    return withRawText(output, raw);
  }
  record(options, toolName, base, call.durationMs);
  return withRawText(output, raw);
}

/** Appends a record in the background (tracked for drain; persistence logs its own failures). */
function record(
  options: PersistenceWrapperOptions,
  tool: string,
  fields: {
    readonly arguments: unknown;
    readonly reasoning: string;
    readonly output?: string;
    readonly error?: string;
    readonly artifactFilename?: string | undefined;
  },
  durationMs: number,
): void {
  const { persistence } = options;
  if (!persistence.enabled) return;
  void persistence.track(
    persistence.appendToolCall({
      taskId: options.taskId,
      attempt: options.attempt,
      iteration: options.iteration,
      record: createToolCallRecord({ tool, ...fields, durationMs }),
    }),
  );
}
