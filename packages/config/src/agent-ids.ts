import { ConfigError, type ConfigIssue, makeIssue } from './config-issue.js';
import { quoteList } from './draft-issue.js';
import type { LoadedConfig } from './loaded-config.js';
import { closestMatch } from './suggest.js';

/** Where a key of a loaded config sits (file, line, column), for messages. */
export type LocateKey = (
  loaded: LoadedConfig,
  key: 'alias' | 'name',
) => { file?: string | undefined; line?: number | undefined; column?: number | undefined };

/**
 * The reference's identifier uniqueness check for a multi-config load (core-spec §1.13), in load
 * order: a repeated alias → ``Duplicate alias '<id>'! ...``; otherwise an id (alias or name)
 * already used by any config → ``Multiple configurations with the same agent name '<id>'! ...``.
 * Returns one error per clash (all of them, not just the first).
 */
export function checkUniqueIds(configs: readonly LoadedConfig[], locate: LocateKey): ConfigIssue[] {
  const aliases = new Map<string, LoadedConfig>();
  const ids = new Map<string, LoadedConfig>();
  const issues: ConfigIssue[] = [];
  const where = (loaded: LoadedConfig, key: 'alias' | 'name'): string => {
    const at = locate(loaded, key);
    return [at.file ?? '<config>', at.line, at.column].filter((part) => part !== undefined).join(':');
  };
  for (const loaded of configs) {
    const { alias, name } = loaded.config.agent;
    const id = alias ?? name;
    const key = alias === undefined ? 'name' : 'alias';
    const firstAlias = alias === undefined ? undefined : aliases.get(alias);
    const firstId = ids.get(id);
    if (firstAlias !== undefined || firstId !== undefined) {
      const first = firstAlias ?? firstId;
      const duplicateAlias = firstAlias !== undefined;
      const message = duplicateAlias
        ? `Duplicate alias '${id}'! Configurations must have a unique alias.`
        : `Multiple configurations with the same agent name '${id}'! Use an alias to differentiate between two agents with the same name.`;
      const firstAt = first === undefined ? '' : where(first, first.config.agent.alias === id ? 'alias' : 'name');
      const at = locate(loaded, key);
      issues.push(
        makeIssue({
          severity: 'error',
          code: 'duplicate_id',
          path: `agent.${key}`,
          message,
          file: at.file,
          line: at.line,
          column: at.column,
          hint: `'${id}' is already used by ${firstAt}; ${duplicateAlias ? 'give one of them a different alias' : 'add a distinct alias = "..." to one of them'}`,
        }),
      );
    }
    if (alias !== undefined) aliases.set(alias, loaded);
    if (!ids.has(id)) ids.set(id, loaded);
  }
  return issues;
}

/**
 * Picks the config named by `DEFAULT_AGENT` (server-spec §7.3): matched against each config's
 * effective id only (alias, else name). Returns `undefined` when `defaultAgent` is unset or empty.
 *
 * @throws ConfigError (`CONFIG_INVALID`, issue code `unknown_agent`) when no config has that id;
 *   the message lists the available ids and suggests the nearest one.
 */
export function resolveDefaultAgent(
  configs: readonly LoadedConfig[],
  defaultAgent?: string | undefined,
): LoadedConfig | undefined {
  if (defaultAgent === undefined || defaultAgent === '') return undefined;
  const match = configs.find((loaded) => loaded.id === defaultAgent);
  if (match !== undefined) return match;
  const ids = configs.map((loaded) => loaded.id);
  const byName = configs.find((loaded) => loaded.config.agent.name === defaultAgent);
  const suggestion = closestMatch(defaultAgent, ids);
  const hint =
    byName !== undefined
      ? `agent '${defaultAgent}' has alias '${byName.id}'; agents with an alias are selected by their alias`
      : suggestion !== undefined
        ? `did you mean \`${suggestion}\`?`
        : undefined;
  const issue = makeIssue({
    severity: 'error',
    code: 'unknown_agent',
    path: 'DEFAULT_AGENT',
    message: `DEFAULT_AGENT '${defaultAgent}' does not match any loaded agent`,
    expected: ids.length > 0 ? `one of ${quoteList(ids)}` : 'a loaded agent id (none loaded)',
    hint,
  });
  throw new ConfigError('CONFIG_INVALID', [issue], {
    summary: `DEFAULT_AGENT '${defaultAgent}' does not match any loaded agent id (available: ${ids.join(', ') || 'none'})`,
  });
}
