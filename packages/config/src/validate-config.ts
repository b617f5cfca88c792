import type { DraftIssue } from './draft-issue.js';
import { effectiveMemoryDir, effectiveWorkerLlm, effectiveWorkerScratchpad } from './effective.js';
import { formatKeyPath, type PathSegment, valueAtPath } from './key-path.js';
import { closestMatch } from './suggest.js';
import type { AuraConfig, LlmConfig, ScratchpadConfig, SkillsConfig } from './types.js';

/** Conventional env variable for each provider's key (used in hints only). */
const KEY_VARIABLES: Record<string, string> = {
  openai: 'OPENAI_API_KEY',
  anthropic: 'ANTHROPIC_API_KEY',
  gemini: 'GOOGLE_API_KEY',
  openrouter: 'OPENROUTER_API_KEY',
};

interface ValidationContext {
  readonly config: AuraConfig;
  /** The input before schema parsing (to tell an absent table from an empty value). */
  readonly raw: unknown;
  readonly envUsages: ReadonlyMap<string, readonly string[]>;
  readonly out: DraftIssue[];
}

/**
 * The reference's cross-field rules (`Config.validate`, core-spec §1.12) plus our warnings. Unlike
 * the reference, which stops at the first failure, every problem is returned. Deliberate changes:
 * an empty skill source is always an error (reference: only when scratchpad is enabled), and
 * `[agent].context` / `[tools].custom_tools` get a "no effect" warning. Pure.
 */
export function validateConfig(
  config: AuraConfig,
  raw: unknown,
  envUsages: ReadonlyMap<string, readonly string[]> = new Map(),
): DraftIssue[] {
  const context: ValidationContext = { config, raw, envUsages, out: [] };
  checkApiKey(context, config.agent.llm, ['agent', 'llm'], 'LLM API key is required for [agent.llm]');
  checkWorkers(context);
  checkVectorStores(context);
  checkScratchpad(context);
  checkSkills(context, config.agent.skills, ['agent', 'skills'], 'Skill source path cannot be empty');
  checkTimeouts(context);
  checkStoreReferences(context);
  checkWorkerNames(context);
  checkNoEffect(context);
  return context.out;
}

const error = (path: readonly PathSegment[], message: string, hint?: string): DraftIssue => ({
  severity: 'error',
  code: 'validation',
  path,
  message,
  hint,
});
const warning = (path: readonly PathSegment[], message: string, hint?: string): DraftIssue => ({
  severity: 'warning',
  code: 'validation',
  path,
  message,
  hint,
});

function apiKeyOf(llm: LlmConfig): string | undefined {
  return llm.provider === 'bedrock' || llm.provider === 'ollama' ? undefined : llm.api_key;
}

function checkApiKey(context: ValidationContext, llm: LlmConfig, tablePath: PathSegment[], message: string): void {
  if (apiKeyOf(llm) !== '') return;
  const keyPath = [...tablePath, 'api_key'];
  const variable = KEY_VARIABLES[llm.provider] ?? 'API_KEY';
  const templated = context.envUsages.get(formatKeyPath(keyPath));
  const hint =
    valueAtPath(context.raw, tablePath) === undefined
      ? `add an [${formatKeyPath(tablePath)}] table, e.g. provider = "openai", model = "gpt-4o", api_key = "{{ env.OPENAI_API_KEY }}"`
      : templated !== undefined
        ? `{{ env.${templated[0]} }} resolved to an empty value; export ${templated[0]} with your key`
        : `set api_key = "{{ env.${variable} }}" and export ${variable}`;
  context.out.push(error(keyPath, message, hint));
}

function checkWorkers(context: ValidationContext): void {
  for (const [name, worker] of Object.entries(context.config.orchestration?.worker ?? {})) {
    const base: PathSegment[] = ['orchestration', 'worker', name];
    if (worker.llm !== undefined) {
      checkApiKey(
        context,
        worker.llm,
        [...base, 'llm'],
        `LLM API key is required for [orchestration.worker.${name}.llm]`,
      );
    }
    if (worker.skills !== undefined) {
      checkSkills(
        context,
        worker.skills,
        [...base, 'skills'],
        `Skill source path cannot be empty for worker '${name}'`,
      );
    }
  }
}

function checkSkills(context: ValidationContext, skills: SkillsConfig, path: PathSegment[], message: string): void {
  skills.local.forEach((entry, index) => {
    if (entry.source === '') {
      context.out.push(
        error([...path, 'local', index, 'source'], message, 'set source to a skills directory, e.g. "./skills"'),
      );
    }
  });
}

function checkVectorStores(context: ValidationContext): void {
  context.config.vector_stores.forEach((store, index) => {
    if (store.type === 'bedrock_kb') return;
    const model = store.embedding_model;
    const path: PathSegment[] = ['vector_stores', index, 'embedding_model'];
    if (model.provider === 'openai' && model.api_key === '') {
      context.out.push(
        error([...path, 'api_key'], `Embedding model API key is required for vector store '${store.name}'`),
      );
    }
    if (model.provider === 'bedrock' && model.region === '') {
      context.out.push(
        error(
          [...path, 'region'],
          `Embedding model region is required for Bedrock provider in vector store '${store.name}'`,
        ),
      );
    }
  });
}

function checkScratchpad(context: ValidationContext): void {
  const { config } = context;
  const agentEnabled = config.agent.scratchpad?.enabled === true;
  const workers = config.orchestration?.enabled === true ? Object.entries(config.orchestration.worker) : [];
  const enabledWorkers = workers.filter(([, worker]) => effectiveWorkerScratchpad(config, worker)?.enabled === true);
  checkMargin(context, config.agent.scratchpad, ['agent', 'scratchpad']);
  for (const [name, worker] of workers) {
    checkMargin(context, worker.scratchpad, ['orchestration', 'worker', name, 'scratchpad']);
  }
  if (!agentEnabled && enabledWorkers.length === 0) return;
  if (effectiveMemoryDir(config) === undefined) {
    const first = enabledWorkers[0];
    const path: PathSegment[] =
      agentEnabled || first === undefined || first[1].scratchpad === undefined
        ? ['agent', 'scratchpad', 'enabled']
        : ['orchestration', 'worker', first[0], 'scratchpad', 'enabled'];
    context.out.push(
      error(
        path,
        'Scratchpad enabled but top-level `memory_dir` is not set',
        'add memory_dir = "/var/lib/aura" at the top of the file, above the first [table] header',
      ),
    );
  }
  if (agentEnabled && config.agent.llm.context_window === undefined) {
    context.out.push(
      error(
        ['agent', 'llm', 'context_window'],
        'Scratchpad enabled but [agent.llm].context_window is not set',
        "set context_window in [agent.llm] to the model's context window in tokens, e.g. 128000",
      ),
    );
  }
  for (const [name, worker] of enabledWorkers) {
    if (effectiveWorkerLlm(config, worker).context_window !== undefined) continue;
    // An inherited LLM without context_window is already reported for [agent.llm] above.
    if (worker.llm === undefined && agentEnabled) continue;
    const own = worker.llm !== undefined;
    context.out.push(
      error(
        own ? ['orchestration', 'worker', name, 'llm', 'context_window'] : ['orchestration', 'worker', name],
        `Scratchpad enabled for worker '${name}' but its effective LLM has no context_window`,
        own
          ? `set context_window in [orchestration.worker.${name}.llm]`
          : 'set context_window in [agent.llm] (the worker inherits it)',
      ),
    );
  }
}

function checkMargin(context: ValidationContext, scratchpad: ScratchpadConfig | undefined, path: PathSegment[]): void {
  const margin = scratchpad?.context_safety_margin;
  if (margin === undefined || (margin >= 0 && margin <= 0.95)) return;
  context.out.push(
    warning(
      [...path, 'context_safety_margin'],
      `context_safety_margin ${margin} is outside [0, 0.95] and will be clamped at run time`,
    ),
  );
}

function checkTimeouts(context: ValidationContext): void {
  const orchestration = context.config.orchestration;
  if (orchestration?.enabled !== true) return;
  const { per_call_timeout_secs: perCall, stream_inactivity_timeout_secs: inactivity } = orchestration.timeouts;
  if (perCall === 0 && inactivity === 0) {
    context.out.push(
      warning(
        ['orchestration', 'timeouts'],
        "both orchestration timeouts are 0 (disabled): only the server's streaming timeout bounds a hung provider call",
        'set per_call_timeout_secs in [orchestration.timeouts], e.g. 120',
      ),
    );
  }
  if (perCall > 0 && inactivity >= perCall) {
    context.out.push(
      warning(
        ['orchestration', 'timeouts', 'stream_inactivity_timeout_secs'],
        `stream_inactivity_timeout_secs (${inactivity}) ≥ per_call_timeout_secs (${perCall}): the inactivity timeout can never fire`,
        'make it smaller than per_call_timeout_secs',
      ),
    );
  }
  const hitlTimeout = context.config.hitl?.route.timeout_secs;
  if (perCall > 0 && hitlTimeout !== undefined && hitlTimeout >= perCall) {
    context.out.push(
      warning(
        ['hitl', 'route', 'timeout_secs'],
        `HITL route timeout (${hitlTimeout}s) ≥ orchestration per_call_timeout_secs (${perCall}s): a parked approval would be cut off by the per-call timer`,
        'make the approval timeout shorter than the per-call timeout',
      ),
    );
  }
}

function checkStoreReferences(context: ValidationContext): void {
  const orchestration = context.config.orchestration;
  if (orchestration?.enabled !== true) return;
  const storeNames = context.config.vector_stores.map((store) => store.name);
  const checkStores = (names: readonly string[], path: PathSegment[]): void => {
    names.forEach((name, index) => {
      if (storeNames.includes(name)) return;
      const suggestion = closestMatch(name, storeNames);
      context.out.push(
        warning(
          [...path, index],
          `vector store '${name}' is not defined in [[vector_stores]]`,
          suggestion === undefined ? undefined : `did you mean \`${suggestion}\`?`,
        ),
      );
    });
  };
  checkStores(orchestration.coordinator_vector_stores, ['orchestration', 'coordinator_vector_stores']);
  for (const [name, worker] of Object.entries(orchestration.worker)) {
    checkStores(worker.vector_stores, ['orchestration', 'worker', name, 'vector_stores']);
  }
}

function checkWorkerNames(context: ValidationContext): void {
  const orchestration = context.config.orchestration;
  if (orchestration === undefined) return;
  const seen = new Map<string, string>();
  for (const name of Object.keys(orchestration.worker)) {
    const path: PathSegment[] = ['orchestration', 'worker', name];
    if (name.trim() === '') {
      context.out.push(
        error(path, 'Empty worker name in [orchestration.worker.*]; worker section headers must have a non-empty name'),
      );
      continue;
    }
    const lower = name.toLowerCase();
    const existing = seen.get(lower);
    if (existing !== undefined) {
      context.out.push(
        error(
          path,
          `Duplicate worker name in [orchestration.worker.*]: '${existing}' and '${name}' collide (names must be unique case-insensitively to avoid filesystem collisions in artifact persistence)`,
          'rename one of the workers',
        ),
      );
      continue;
    }
    seen.set(lower, name);
  }
}

function checkNoEffect(context: ValidationContext): void {
  const noEffect = (path: PathSegment[], key: string): DraftIssue => ({
    severity: 'warning',
    code: 'no_effect',
    path,
    message: `\`${key}\` has no effect (accepted for compatibility with the reference)`,
    hint: 'remove it',
  });
  if (context.config.agent.context.length > 0) context.out.push(noEffect(['agent', 'context'], 'context'));
  if ((context.config.tools?.custom_tools.length ?? 0) > 0) {
    context.out.push(noEffect(['tools', 'custom_tools'], 'custom_tools'));
  }
}
