import type { Tool, ToolCallContext, ToolOutput } from '../../tools/tool.js';
import { formatToolCallError, JSON_ERROR_PREFIX } from '../../tools/tool-error-detection.js';
import type { RunPersistence } from '../persistence/run-persistence.js';

/** Name of the artifact-reading tool. */
export const READ_ARTIFACT_TOOL_NAME = 'read_artifact';

/** Options of {@link createReadArtifactTool}. */
export interface ReadArtifactToolOptions {
  readonly persistence: RunPersistence;
}

/**
 * `read_artifact {filename, run_id?}` (spec §2.8), for the coordinator and workers: returns
 * `{"found":bool,"filename":"…","content":"…"}` for `artifacts/<filename>` of the current run or of run
 * `run_id` of the same session. A missing file or disabled persistence gives `found: false` with empty
 * content. Invalid names are tool errors: `ToolCallError: IO error: Invalid artifact filename`,
 * `ToolCallError: IO error: Invalid run_id for cross-run artifact read`, and
 * `ToolCallError: IO error: Artifact path escapes session directory` for a file that resolves (e.g. through a
 * symlink) outside the session directory. A `null` `run_id` counts as absent (strict schemas send `null`).
 * Kind `orchestration`. The read is short and does not observe `context.signal`.
 */
export function createReadArtifactTool(options: ReadArtifactToolOptions): Tool {
  return {
    name: READ_ARTIFACT_TOOL_NAME,
    originalName: READ_ARTIFACT_TOOL_NAME,
    description:
      'Read the full content of a result or tool-output artifact. Reads from the current run by default; pass ' +
      'run_id to read an artifact of a prior run in this session (run ids appear in the session history).',
    inputSchema: {
      type: 'object',
      properties: {
        filename: {
          type: 'string',
          description: "The artifact filename, e.g. 'task-0-sre-iter-1-result.txt'",
        },
        run_id: {
          type: 'string',
          description: 'Run id for reading an artifact of a prior run in this session. Omit for the current run.',
        },
      },
      required: ['filename'],
    },
    kind: 'orchestration',
    async execute(args: Record<string, unknown>, _context: ToolCallContext): Promise<ToolOutput> {
      const { filename, run_id: runId } = args;
      if (typeof filename !== 'string') {
        return { text: `${JSON_ERROR_PREFIX}read_artifact: \`filename\` must be a string`, isError: true };
      }
      if (runId !== undefined && runId !== null && typeof runId !== 'string') {
        return { text: `${JSON_ERROR_PREFIX}read_artifact: \`run_id\` must be a string`, isError: true };
      }
      const result = await options.persistence.readArtifact(filename, typeof runId === 'string' ? runId : undefined);
      switch (result.status) {
        case 'found':
          return { text: JSON.stringify({ found: true, filename, content: result.content }), isError: false };
        case 'not-found':
          return { text: JSON.stringify({ found: false, filename, content: '' }), isError: false };
        case 'invalid':
          return { text: formatToolCallError(`IO error: ${result.message}`), isError: true };
        case 'error':
          return { text: formatToolCallError(result.message), isError: true };
      }
    },
  };
}
