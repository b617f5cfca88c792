import type { Tool, ToolCallContext, ToolOutput } from '../../tools/tool.js';
import type { RunPersistence } from '../persistence/run-persistence.js';
import { MAX_PRIOR_RUNS } from '../persistence/session-runs.js';

/** Name of the prior-runs tool. */
export const LIST_PRIOR_RUNS_TOOL_NAME = 'list_prior_runs';

/** Options of {@link createListPriorRunsTool}. */
export interface ListPriorRunsToolOptions {
  readonly persistence: RunPersistence;
}

/**
 * `list_prior_runs {}` (spec §2.8, coordinator only; registration is gated by the caller, §1.3): returns
 * `{"count":n,"runs":[{run_id,timestamp,goal,status,outcome?,iteration_count,task_count,artifact_count}]}` for up
 * to 50 other runs of the session, newest first. Without a session (or with persistence disabled) the list is
 * empty. Never fails. Kind `orchestration`; does not observe `context.signal` (a directory scan).
 */
export function createListPriorRunsTool(options: ListPriorRunsToolOptions): Tool {
  return {
    name: LIST_PRIOR_RUNS_TOOL_NAME,
    originalName: LIST_PRIOR_RUNS_TOOL_NAME,
    description:
      'List the prior runs of the current session with their run_id, goal, status, outcome and artifact ' +
      'counts. Use a run_id with read_artifact to read that run’s artifacts.',
    inputSchema: { type: 'object', properties: {}, required: [] },
    kind: 'orchestration',
    async execute(_args: Record<string, unknown>, _context: ToolCallContext): Promise<ToolOutput> {
      const runs = await options.persistence.listPriorRuns(MAX_PRIOR_RUNS);
      return { text: JSON.stringify({ count: runs.length, runs }), isError: false };
    },
  };
}
