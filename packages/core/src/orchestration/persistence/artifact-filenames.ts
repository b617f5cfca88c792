/**
 * Names of the files under a run's `artifacts/` directory (orchestration spec §4.2). Worker and tool names are
 * sanitised so that any name maps to a safe, single path component.
 */

/** Worker label used in artifact names for tasks without a named worker. */
export const DEFAULT_WORKER_LABEL = 'default';

/**
 * Sanitises a worker or tool name for use inside a filename: lowercase; every character that is not an ASCII
 * letter or digit becomes `-`; runs of `-` collapse; leading and trailing `-` are trimmed; an empty result
 * becomes `unknown`.
 *
 * @example sanitizeFilenameComponent('My Worker!') // 'my-worker'
 */
export function sanitizeFilenameComponent(name: string): string {
  const collapsed = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return collapsed === '' ? 'unknown' : collapsed;
}

/** `task-<id>-<worker|default>-iter-<n>-result.txt`, the file holding a worker's full (long) result. */
export function resultArtifactFilename(taskId: number, worker: string | undefined, iteration: number): string {
  return `task-${taskId}-${workerComponent(worker)}-iter-${iteration}-result.txt`;
}

/** `task-<id>-<worker|default>-iter-<n>-<tool>-<call_idx>-output.txt`, a promoted tool output. */
export function toolOutputArtifactFilename(
  taskId: number,
  worker: string | undefined,
  iteration: number,
  toolName: string,
  callIndex: number,
): string {
  const tool = sanitizeFilenameComponent(toolName);
  return `task-${taskId}-${workerComponent(worker)}-iter-${iteration}-${tool}-${callIndex}-output.txt`;
}

/** What an artifact filename says about its content (manifest `ArtifactEntry.kind`). */
export type ArtifactFileKind =
  | { readonly kind: 'result' }
  | { readonly kind: 'tool_output'; readonly toolName: string }
  | { readonly kind: 'other' };

const TOOL_OUTPUT_NAME = /-iter-\d+-(.+)-\d+-output\.txt$/;

/**
 * Classifies an artifact filename: `…-result.txt` is a result; `…-iter-<n>-<tool>-<idx>-output.txt` a tool
 * output whose (sanitised) tool name is recovered; anything else is `other`.
 */
export function classifyArtifactFilename(filename: string): ArtifactFileKind {
  if (filename.endsWith('-result.txt')) return { kind: 'result' };
  const match = TOOL_OUTPUT_NAME.exec(filename);
  if (match?.[1] !== undefined) return { kind: 'tool_output', toolName: match[1] };
  return { kind: 'other' };
}

/** Whether `filename` belongs to task `taskId` (any iteration): it starts with `task-<id>-`. */
export function isArtifactOfTask(filename: string, taskId: number): boolean {
  return filename.startsWith(`task-${taskId}-`);
}

/**
 * Whether `component` is safe as a single path component chosen by a model or client: non-empty and free of
 * `/`, `\` and `..` (the reference's rule for artifact filenames, run ids and session ids) and of NUL, which
 * no filesystem accepts.
 */
export function isSafePathComponent(component: string): boolean {
  return (
    component !== '' &&
    !component.includes('/') &&
    !component.includes('\\') &&
    !component.includes('..') &&
    !component.includes('\0')
  );
}

function workerComponent(worker: string | undefined): string {
  return sanitizeFilenameComponent(worker ?? DEFAULT_WORKER_LABEL);
}
