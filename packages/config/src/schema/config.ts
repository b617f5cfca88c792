import * as z from 'zod';
import { agentSchema } from './agent.js';
import { hitlSchema } from './hitl.js';
import { mcpSchema } from './mcp.js';
import { orchestrationInputSchema } from './orchestration.js';
import { foldOrchestration } from './orchestration-fold.js';
import { vectorStoreSchema } from './vector-stores.js';

/** `[tools]`. */
export const toolsSchema = z
  .object({
    filesystem: z.boolean().default(false).describe('Add the built-in `read_file` and `list_directory` tools.'),
    custom_tools: z
      .array(z.string())
      .default([])
      .describe('Accepted for compatibility; has no effect (as in the reference).'),
  })
  .describe('Built-in tools.');

/** `[orchestration]` as written, folded into its typed form (flat legacy keys → `artifacts`). */
export const orchestrationSchema = orchestrationInputSchema.transform(foldOrchestration);

/**
 * The whole config file. Unknown top-level keys are ignored (with a warning), except the legacy
 * `[llm]` table, which is rejected before this schema runs.
 */
export const configSchema = z
  .object({
    memory_dir: z
      .string()
      .optional()
      .describe(
        'Persistence root for scratchpad files and orchestration artifacts. A top-level key: write it above the first [table].',
      ),
    agent: agentSchema,
    mcp: mcpSchema.optional(),
    vector_stores: z
      .array(vectorStoreSchema)
      .default([])
      .describe('Vector stores for retrieval (`[[vector_stores]]`).'),
    tools: toolsSchema.optional(),
    orchestration: orchestrationSchema.optional(),
    hitl: hitlSchema.optional(),
  })
  .describe('Aura agent configuration (one agent per file).');
