import * as z from 'zod';
import { llmSchema } from './llm.js';
import { adjustJsonSchema, lenientBool, lenientUint } from './scalars.js';
import { scratchpadSchema, skillsSchema } from './scratchpad.js';

/** Default `[agent].turn_depth`. */
export const DEFAULT_TURN_DEPTH = 5;

/** Load-time defaults (the clock, an LLM with an empty key) must not be advertised to editors. */
const withoutJsonDefault = <T extends z.core.$ZodType>(schema: T): T =>
  adjustJsonSchema(schema, (json) => {
    delete json.default;
  });

const globList = (what: string) => z.array(z.string()).describe(what);

/**
 * `[agent]`. Rejects unknown keys (as the reference does). When `[agent.llm]` is absent the agent
 * gets an OpenAI LLM with an empty key, which validation then reports
 * (`LLM API key is required for [agent.llm]`), exactly like the reference.
 */
export const agentSchema = z
  .object({
    name: z.string().describe('Agent name; the public id when no `alias` is set.'),
    alias: z
      .string()
      .optional()
      .describe('Public id clients send as `model`. Must be unique across all loaded configs.'),
    description: z.string().optional().describe('One-line summary shown in model listings.'),
    system_prompt: z.string().describe('System prompt (the coordinator prompt in orchestration mode).'),
    context: z
      .array(z.string())
      .default([])
      .describe('Accepted for compatibility; has no effect (as in the reference).'),
    turn_depth: lenientUint('usize').default(DEFAULT_TURN_DEPTH).describe('Maximum tool-calling rounds per user turn.'),
    created_at: withoutJsonDefault(
      z
        .number()
        .int()
        .min(0)
        .default(() => Date.now())
        .describe('Creation time in ms since epoch for /v1/models. Defaults to the load time.'),
    ),
    model_owner: z.string().optional().describe('`owned_by` in model listings. Defaults to the provider name.'),
    mcp_filter: globList(
      'MCP tools this agent may use (simple globs: `*`, `?`). Omitted = all tools; `[]` = no MCP tools.',
    ).optional(),
    enable_client_tools: z
      .boolean()
      .default(false)
      .describe('Allow client-supplied (passthrough) tools from the request.'),
    client_tool_filter: globList('Client tools this agent may call (simple globs). Omitted or `[]` = all.').optional(),
    llm: withoutJsonDefault(llmSchema.prefault({ provider: 'openai', api_key: '', model: '' })),
    scratchpad: scratchpadSchema.optional(),
    hidden: lenientBool().default(false).describe('Hide from model listings (still callable by id).'),
    skills: skillsSchema.prefault({}),
    nudge_last_turn: lenientBool()
      .default(false)
      .describe('On the last turn, tell the agent to answer now instead of calling tools.'),
    nudge_turns_remaining: lenientUint('usize')
      .optional()
      .describe('Start wrap-up warnings when this many turns (or fewer) remain.'),
    parallel_tool_calls: z
      .boolean()
      .default(false)
      .describe(
        'Aura extension: run the tool calls of one model turn concurrently instead of one by one in model order.',
      ),
  })
  .strict()
  .describe('The agent (or orchestration coordinator). Unknown keys are errors.');
