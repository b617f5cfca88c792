/**
 * Result artifacts (orchestration spec §2.6): a worker result longer than `result_artifact_threshold` bytes is
 * saved whole under `artifacts/` and replaced by its first `result_summary_length` bytes plus a footer that
 * names the file, so dependents, the coordinator and events carry a bounded text.
 */
import { truncateUtf8, utf8ByteLength } from '../../util/utf8.js';
import { resultArtifactFilename } from '../persistence/artifact-filenames.js';
import type { RunPersistence } from '../persistence/run-persistence.js';

/** Start of the result-artifact footer; the coordinator's prompt renderer looks for its last occurrence. */
export const RESULT_ARTIFACT_FOOTER_START = '[Full result (';

/** The footer appended to a truncated result: `\n\n[Full result (<bytes> chars) saved to artifact: <file>]`. */
export function resultArtifactFooter(totalBytes: number, filename: string): string {
  return `\n\n${RESULT_ARTIFACT_FOOTER_START}${totalBytes} chars) saved to artifact: ${filename}]`;
}

/** Options of {@link maybeCreateResultArtifact}. */
export interface ResultArtifactOptions {
  readonly taskId: number;
  /** Named worker; `undefined` for the generic worker (`default` in the filename). */
  readonly worker?: string | undefined;
  /** Iteration the task ran in. */
  readonly iteration: number;
  /** `result_artifact_threshold` in UTF-8 bytes (default 4000). */
  readonly threshold: number;
  /** `result_summary_length` in UTF-8 bytes (default 2000). */
  readonly summaryLength: number;
  readonly persistence: RunPersistence;
}

/**
 * Returns `result` unchanged when it is at most `threshold` UTF-8 bytes. Otherwise writes it to
 * `artifacts/task-<id>-<worker|default>-iter-<n>-result.txt` and returns its first `summaryLength` bytes (cut
 * on a character boundary) followed by {@link resultArtifactFooter}. When persistence is disabled or the
 * write fails the full result is returned unchanged — there would be no file to point at (deliberate
 * deviation from the reference, which truncates anyway with an empty filename; spec §9.4). Never throws.
 */
export async function maybeCreateResultArtifact(result: string, options: ResultArtifactOptions): Promise<string> {
  const totalBytes = utf8ByteLength(result);
  if (totalBytes <= options.threshold || !options.persistence.enabled) return result;
  const filename = resultArtifactFilename(options.taskId, options.worker, options.iteration);
  const written = await options.persistence.writeArtifact(filename, result);
  if (written === undefined) return result;
  return truncateUtf8(result, options.summaryLength) + resultArtifactFooter(totalBytes, written);
}
