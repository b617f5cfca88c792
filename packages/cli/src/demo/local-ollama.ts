/**
 * `aura start`'s last provider check before the offline demo: is an Ollama server answering on this machine,
 * and which models does it have?
 */

/** Where Ollama listens by default. */
export const LOCAL_OLLAMA_URL = 'http://127.0.0.1:11434';

/** Options of {@link probeLocalOllama}. */
export interface ProbeLocalOllamaOptions {
  /** Ollama's base URL. Default {@link LOCAL_OLLAMA_URL}. */
  readonly url?: string;
  /** Give up after this many milliseconds (the request is aborted). Default 400. */
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

/** A reachable Ollama server. */
export interface LocalOllama {
  /** Its base URL (as probed). */
  readonly url: string;
  /** Installed model names (`GET /api/tags`), possibly empty. */
  readonly models: readonly string[];
}

/**
 * Asks `GET <url>/api/tags`. Resolves with the installed models, or `undefined` when nothing answers in time,
 * the answer is not Ollama's, or `signal` fires. Never throws.
 */
export async function probeLocalOllama(options: ProbeLocalOllamaOptions = {}): Promise<LocalOllama | undefined> {
  const url = (options.url ?? LOCAL_OLLAMA_URL).replace(/\/+$/, '');
  const timeout = AbortSignal.timeout(options.timeoutMs ?? 400);
  const signal = options.signal === undefined ? timeout : AbortSignal.any([timeout, options.signal]);
  try {
    const response = await fetch(`${url}/api/tags`, { signal });
    if (!response.ok) return undefined;
    const body: unknown = await response.json();
    if (typeof body !== 'object' || body === null || !('models' in body) || !Array.isArray(body.models)) {
      return undefined;
    }
    const models = body.models.flatMap((model: unknown) =>
      typeof model === 'object' && model !== null && 'name' in model && typeof model.name === 'string'
        ? [model.name]
        : [],
    );
    return { url, models };
  } catch {
    // Connection refused, timeout, abort or a non-JSON answer all mean "no usable local Ollama".
    return undefined;
  }
}

/** The model `aura start` uses on a local Ollama: `LLM_MODEL`, else `qwen3:8b` when installed, else the first one. */
export function pickOllamaModel(ollama: LocalOllama, requested: string | undefined): string | undefined {
  if (requested !== undefined && requested.trim() !== '') return requested.trim();
  if (ollama.models.includes('qwen3:8b')) return 'qwen3:8b';
  return ollama.models[0];
}
