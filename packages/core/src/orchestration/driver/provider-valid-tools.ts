/** Converts tool schemas to a provider's dialect, dropping (with a warning) tools that cannot be made valid. */
import type { LlmProvider } from '@aura/config';
import { checkToolSchema } from '../../llm/dialects/check-tool-schema.js';
import type { Tool } from '../../tools/tool.js';
import type { OrchestrationLogger } from './orchestration-environment.js';

/**
 * Each tool with its schema in `provider`'s dialect; tools that cannot be made valid are dropped (warned), like the single agent's
 * tool assembly. Never throws.
 */
export function providerValidTools(tools: readonly Tool[], provider: LlmProvider, logger: OrchestrationLogger): Tool[] {
  const valid: Tool[] = [];
  for (const tool of tools) {
    const check = checkToolSchema(tool, provider);
    if (!check.ok) {
      const reasons = check.issues.filter((issue) => issue.severity === 'error').map((issue) => issue.message);
      logger.warn(
        `Tool '${tool.name}' dropped: its schema cannot be made valid for ${provider} (${reasons.join('; ')})`,
      );
      continue;
    }
    valid.push(
      check.schema === tool.inputSchema
        ? tool
        : { ...tool, inputSchema: check.schema, execute: (args, context) => tool.execute(args, context) },
    );
  }
  return valid;
}
