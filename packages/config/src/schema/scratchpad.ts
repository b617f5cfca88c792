import * as z from 'zod';
import { uint } from './scalars.js';

/** Default `min_tokens` of an MCP server scratchpad threshold entry. */
export const DEFAULT_SCRATCHPAD_MIN_TOKENS = 5120;

/**
 * `[agent.scratchpad]` and `[orchestration.worker.<name>.scratchpad]`. A worker's table replaces the
 * agent's wholesale: keys it leaves out take these defaults, not the agent's values.
 */
export const scratchpadSchema = z
  .object({
    enabled: z
      .boolean()
      .default(false)
      .describe('Write large MCP tool outputs to disk and give the model exploration tools instead.'),
    context_safety_margin: z
      .number()
      .default(0.2)
      .describe('Fraction of the context window kept free (0–1; clamped to [0, 0.95] at run time).'),
    max_extraction_tokens: uint().default(10_000).describe('Token cap for one scratchpad exploration result.'),
    turn_depth_bonus: uint().default(6).describe('Extra turns added to `turn_depth` while scratchpad is active.'),
  })
  .describe('Scratchpad (context-window management for large tool outputs). Needs `memory_dir` and `context_window`.');

/** `[mcp.servers.<name>.scratchpad]` entry: `"<tool glob>" = { min_tokens = 512 }`. */
export const scratchpadThresholdSchema = z
  .object({
    min_tokens: uint()
      .default(DEFAULT_SCRATCHPAD_MIN_TOKENS)
      .describe('Outputs of matching tools with at least this many tokens go to the scratchpad.'),
  })
  .describe('Scratchpad interception threshold for the tools matching this glob.');

/** `[agent.skills]` / `[orchestration.worker.<name>.skills]`. */
export const skillsSchema = z
  .object({
    local: z
      .array(
        z.object({
          source: z
            .string()
            .describe(
              'Directory whose immediate subdirectories hold `SKILL.md` files. Must not be empty. Relative paths are resolved when the agent is built.',
            ),
        }),
      )
      .default([])
      .describe('Local skill sources (`[[agent.skills.local]] source = "./skills"`).'),
  })
  .describe('Agent Skills (`SKILL.md`) sources.');
