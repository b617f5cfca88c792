/** Rendering of tool traces in coordinator prompts (orchestration-spec §1.12, §4.6). */
import type { ToolTraceEntryView } from './run-manifest-view.js';

/**
 * Milliseconds as seconds with one decimal and an `s` suffix, rounded like Rust's `{:.1}` (ties to even on
 * exactly representable values, so 1250 ms → `1.2s`, 1750 ms → `1.8s`, 1240 ms → `1.2s`).
 */
export function formatSeconds(durationMs: number): string {
  const ms = Math.max(0, durationMs);
  // toFixed rounds exact ties up; Rust rounds them to even. Only x.x25 s values are exact ties that differ.
  if (Number.isInteger(ms) && ms % 1000 === 250) return `${(Math.floor(ms / 100) / 10).toFixed(1)}s`;
  return `${(ms / 1000).toFixed(1)}s`;
}

/** `[Artifact: <file> (<n> bytes)]` for every successful traced call that produced an artifact file. */
export function artifactLines(traces: readonly ToolTraceEntryView[] | undefined): string[] {
  const lines: string[] = [];
  for (const trace of traces ?? []) {
    if (trace.artifact_filename !== undefined && 'success' in trace.outcome) {
      lines.push(`[Artifact: ${trace.artifact_filename} (${trace.outcome.success.output_bytes} bytes)]`);
    }
  }
  return lines;
}

/**
 * The continuation prompt's tool chain, `Tool chain: a (1.2s) → b (0.3s, "<reasoning>") → c (2.0s, FAILED:
 * <message>)` (reasoning cut to 100 characters plus `…`), or `undefined` for no traces.
 */
export function continuationToolChain(traces: readonly ToolTraceEntryView[] | undefined): string | undefined {
  if (traces === undefined || traces.length === 0) return undefined;
  const parts = traces.map((trace) => {
    const duration = formatSeconds(trace.duration_ms);
    if ('error' in trace.outcome) return `${trace.tool} (${duration}, FAILED: ${trace.outcome.error.message})`;
    const reasoning = trace.reasoning ?? '';
    return reasoning === ''
      ? `${trace.tool} (${duration})`
      : `${trace.tool} (${duration}, "${cutChars(reasoning, 100)}")`;
  });
  return `Tool chain: ${parts.join(' → ')}`;
}

/** The session history's tool chain, `Tool chain: a (1.2s) → b (FAILED: msg)`, or `undefined` for no traces. */
export function sessionToolChain(traces: readonly ToolTraceEntryView[] | null | undefined): string | undefined {
  if (traces === undefined || traces === null || traces.length === 0) return undefined;
  const parts = traces.map((trace) =>
    'error' in trace.outcome
      ? `${trace.tool} (FAILED: ${trace.outcome.error.message})`
      : `${trace.tool} (${formatSeconds(trace.duration_ms)})`,
  );
  return `Tool chain: ${parts.join(' → ')}`;
}

/** First `max` Unicode scalar values of `text`, plus `…` when cut. */
function cutChars(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max).join('')}…`;
}
