/**
 * `submit_result`, the tool every worker must finish with (orchestration-spec §2.5). One instance per worker
 * attempt; the first submission wins.
 */
import * as z from 'zod';
import type { Tool } from '../../tools/tool.js';
import { type Confidence, normaliseConfidence } from '../plan/plan-types.js';
import { jsonToolOutput, parseToolArguments } from '../routing/tool-arguments.js';

/** What a worker submitted. */
export interface SubmittedResult {
  /** 1–3 sentences: the preview the coordinator and session history see. */
  readonly summary: string;
  /** The complete findings: becomes the task's result. */
  readonly result: string;
  readonly confidence: Confidence;
}

/** Reads the first submission of one worker attempt. */
export interface SubmitResultState {
  /** The first submission, or `undefined` while the worker has not called the tool. */
  readonly submission: SubmittedResult | undefined;
}

/** Status of the first (recorded) submission. */
export const RESULT_SUBMITTED_STATUS = 'Result submitted.';
/** Status of every later call; the first payload is kept. */
export const RESULT_ALREADY_SUBMITTED_STATUS = 'Result already submitted (first submission kept).';

const submitResultArgs = z.object({
  summary: z.string(),
  result: z.string(),
  // Any string is accepted and normalised (unknown → medium); the schema advertises the enum.
  confidence: z.string(),
});

/**
 * Creates a `submit_result` tool (kind `'orchestration'`) and the state it writes. The first valid call stores
 * `{summary, result, confidence}` (confidence case-insensitive; anything but high/medium/low becomes `medium`)
 * and returns `{"status":"Result submitted."}`; later calls return `{"status":"Result already submitted (first
 * submission kept)."}`. Missing or non-string arguments return a `JsonError: ` tool error and store nothing.
 * Never throws; completes synchronously (ignores `signal`).
 */
export function createSubmitResultTool(): { readonly tool: Tool; readonly state: SubmitResultState } {
  let submission: SubmittedResult | undefined;
  const state: SubmitResultState = {
    get submission() {
      return submission;
    },
  };
  const tool: Tool = {
    name: 'submit_result',
    originalName: 'submit_result',
    description:
      'Submit your final result. Call this exactly once, when your work is done: give a concise summary for the coordinator, your complete findings, and your confidence.',
    inputSchema: {
      type: 'object',
      properties: {
        summary: {
          type: 'string',
          description:
            'Concise summary of the findings (1-3 sentences). It is the preview the coordinator sees and what the session history keeps.',
        },
        result: { type: 'string', description: 'The complete findings and analysis.' },
        confidence: {
          type: 'string',
          enum: ['high', 'medium', 'low'],
          description: "Confidence in the result; 'low' when key data was missing or ambiguous.",
        },
      },
      required: ['summary', 'result', 'confidence'],
    },
    kind: 'orchestration',
    execute: async (args) => {
      const parsed = parseToolArguments(submitResultArgs, args, 'submit_result');
      if (!parsed.ok) return parsed.output;
      if (submission !== undefined) return jsonToolOutput({ status: RESULT_ALREADY_SUBMITTED_STATUS });
      const { summary, result, confidence } = parsed.value;
      submission = { summary, result, confidence: normaliseConfidence(confidence) };
      return jsonToolOutput({ status: RESULT_SUBMITTED_STATUS });
    },
  };
  return { tool, state };
}
