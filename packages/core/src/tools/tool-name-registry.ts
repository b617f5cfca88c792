import { type ToolNameProvider, type ToolNameRules, toolNameRulesFor, toProviderToolName } from './tool-name.js';

/** Options for {@link createToolNameMap}. */
export interface ToolNameMapOptions {
  /** Naming rules to enforce; default: 64 chars, `[a-zA-Z0-9_-]` (every provider but Gemini). */
  readonly provider?: ToolNameProvider;
  /**
   * `'none'` (default): tools keep their own name; `'server'`: every tool with a source is exposed as
   * `<source>__<name>` (then sanitised), which avoids cross-server collisions up front.
   */
  readonly prefix?: 'none' | 'server';
}

/** One registered tool: the name the model sees and what to call at the source. */
export interface ToolNameEntry {
  /** The provider-valid name offered to the model. */
  readonly name: string;
  /** The name at the source (e.g. the MCP server's tool name) — what `tools/call` must use (quirk Q5). */
  readonly originalName: string;
  /** The source label, e.g. the MCP server name; absent for built-in tools. */
  readonly source?: string;
}

/**
 * Reversible, collision-safe mapping between provider-facing tool names and original (source, name) pairs.
 *
 * Collision rule (deterministic; the reference silently lets the last registration win, quirk Q7): the first
 * registration of a provider name keeps it. A later tool whose name is taken is exposed as
 * `<source>__<name>` when it has a source and that is free, otherwise with the smallest free numeric suffix
 * `_2`, `_3`, … (cut to the length cap). Every renaming is recorded in {@link ToolNameRegistry.warnings}.
 * Registering the same (source, original name) again returns the existing entry.
 *
 * Not thread-shared state: build one per agent construction (names depend on the provider's rules).
 */
export class ToolNameRegistry {
  readonly #rules: ToolNameRules;
  readonly #prefix: 'none' | 'server';
  readonly #byName = new Map<string, ToolNameEntry>();
  readonly #byOriginal = new Map<string, ToolNameEntry>();
  readonly #warnings: string[] = [];

  constructor(options: ToolNameMapOptions = {}) {
    this.#rules = toolNameRulesFor(options.provider);
    this.#prefix = options.prefix ?? 'none';
  }

  /** Human-readable notes about every tool that could not keep its preferred name, in registration order. */
  get warnings(): readonly string[] {
    return this.#warnings;
  }

  /** Registers a tool and returns the name to offer the model. Never throws. */
  register(originalName: string, source?: string): ToolNameEntry {
    const key = originalKey(originalName, source);
    const existing = this.#byOriginal.get(key);
    if (existing !== undefined) return existing;

    const preferred = this.#sanitize(
      this.#prefix === 'server' && source !== undefined ? `${source}__${originalName}` : originalName,
    );
    let name = preferred;
    if (this.#byName.has(name) && source !== undefined && this.#prefix === 'none') {
      name = this.#sanitize(`${source}__${originalName}`);
    }
    if (this.#byName.has(name)) name = this.#withNumericSuffix(preferred);

    const entry: ToolNameEntry = source === undefined ? { name, originalName } : { name, originalName, source };
    if (name !== preferred) {
      const holder = this.#byName.get(preferred);
      this.#warnings.push(
        `Tool name collision: ${describeTool(originalName, source)} maps to '${preferred}', already used by ` +
          `${holder === undefined ? 'another tool' : describeTool(holder.originalName, holder.source)}; exposed as '${name}'`,
      );
    }
    this.#byName.set(name, entry);
    this.#byOriginal.set(key, entry);
    return entry;
  }

  /** The entry for a provider-facing name (what the model called), or `undefined`. */
  resolve(name: string): ToolNameEntry | undefined {
    return this.#byName.get(name);
  }

  /** The entry registered for (original name, source), or `undefined`. */
  lookup(originalName: string, source?: string): ToolNameEntry | undefined {
    return this.#byOriginal.get(originalKey(originalName, source));
  }

  /** All entries in registration order. */
  entries(): readonly ToolNameEntry[] {
    return [...this.#byName.values()];
  }

  #sanitize(name: string): string {
    return toProviderToolName(name, this.#rules);
  }

  #withNumericSuffix(base: string): string {
    for (let counter = 2; ; counter += 1) {
      const suffix = `_${counter}`;
      const candidate = `${base.slice(0, this.#rules.maxLength - suffix.length)}${suffix}`;
      if (!this.#byName.has(candidate)) return candidate;
    }
  }
}

/** Creates an empty {@link ToolNameRegistry}. */
export function createToolNameMap(options: ToolNameMapOptions = {}): ToolNameRegistry {
  return new ToolNameRegistry(options);
}

function originalKey(originalName: string, source: string | undefined): string {
  return `${source ?? ''}\u0000${source === undefined ? '0' : '1'}\u0000${originalName}`;
}

function describeTool(originalName: string, source: string | undefined): string {
  return source === undefined ? `'${originalName}'` : `'${originalName}' from '${source}'`;
}
