import type { AuraConfig, LlmConfig, ScratchpadConfig, WorkerConfig } from './types.js';

/**
 * The persistence root shared by scratchpad and orchestration artifacts: the top-level
 * `memory_dir`, else `[orchestration.artifacts].memory_dir` (which already includes the flat legacy
 * `[orchestration].memory_dir` / `memory_path`). `undefined` = persistence disabled.
 */
export function effectiveMemoryDir(config: AuraConfig): string | undefined {
  return config.memory_dir ?? config.orchestration?.artifacts.memory_dir;
}

/** A worker's LLM: its own `[orchestration.worker.<name>.llm]`, else `[agent.llm]` wholesale. */
export function effectiveWorkerLlm(config: AuraConfig, worker: WorkerConfig): LlmConfig {
  return worker.llm ?? config.agent.llm;
}

/**
 * A worker's scratchpad settings: its own table (which replaces the agent's wholesale — keys it
 * omits take the defaults, so a table without `enabled = true` disables scratchpad for the worker),
 * else `[agent.scratchpad]`. `undefined` when neither exists.
 */
export function effectiveWorkerScratchpad(config: AuraConfig, worker: WorkerConfig): ScratchpadConfig | undefined {
  return worker.scratchpad ?? config.agent.scratchpad;
}

/** The public id of a config: `[agent].alias` when set, else `[agent].name`. */
export function configId(config: AuraConfig): string {
  return config.agent.alias ?? config.agent.name;
}
