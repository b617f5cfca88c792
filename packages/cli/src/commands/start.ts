import { type AuraConfig, defineConfig, loadConfig } from '@aura/config';
import { agentSummary } from '../agent-summary.js';
import type { CliIo } from '../io.js';
import { type DetectedProvider, detectProvider } from '../provider-from-env.js';

/**
 * Loads the quickstart config with the model picked from the environment ({@link detectProvider}) and
 * returns it with the detection result. The model replaces `[agent.llm]` (workers without their own
 * `llm` inherit it), so the quickstart works for every provider, including those without an API key.
 */
export async function loadQuickstart(
  path: string,
  env: NodeJS.ProcessEnv,
): Promise<{ config: AuraConfig; id: string; detected: DetectedProvider | undefined }> {
  const detected = detectProvider(env);
  // The file's own [agent.llm] reads LLM_* variables; give it values that validate, then replace it.
  const [loaded] = await loadConfig(path, {
    env: { ...env, LLM_PROVIDER: 'openai', LLM_API_KEY: 'unused', LLM_MODEL: 'unused' },
  });
  if (loaded === undefined) throw new Error(`no agent in ${path}`);
  if (detected === undefined) return { config: loaded.config, id: loaded.id, detected };
  // Keep the file's model-independent settings (context_window feeds the scratchpad budget).
  const contextWindow = loaded.config.agent.llm.context_window;
  const llm = contextWindow === undefined ? detected.llm : { context_window: contextWindow, ...detected.llm };
  const config = defineConfig({ ...loaded.config, agent: { ...loaded.config.agent, llm } });
  return { config, id: loaded.id, detected };
}

/** `aura start`: validates the quickstart and describes what would be served. */
export async function startCommand(options: { readonly config: string }, io: CliIo): Promise<number> {
  const { config, id, detected } = await loadQuickstart(options.config, io.env);
  const summary = agentSummary({ id, config, warnings: [] });
  if (detected === undefined) {
    io.stdout(
      [
        `Aura quickstart (${options.config}) is valid: ${summary.replace(/openai\/unused/, 'demo model')}`,
        'No provider key found (OPENAI_API_KEY, ANTHROPIC_API_KEY, GEMINI_API_KEY, OPENROUTER_API_KEY, OLLAMA_HOST, AWS credentials).',
        'Set one (or LLM_PROVIDER / LLM_API_KEY / LLM_MODEL) to use a real model.',
        '',
      ].join('\n'),
    );
    return 0;
  }
  io.stdout(`Aura quickstart (${options.config}) is valid: ${summary} [model from ${detected.source}]\n`);
  return 0;
}
