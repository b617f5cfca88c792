import { relative } from 'node:path';
import { ConfigError, type ConfigIssue, checkConfigPath, formatConfigIssues, type LoadedConfig } from '@aura/config';
import { agentSummary } from '../agent-summary.js';
import type { CliIo } from '../io.js';

/** Options of `aura validate`. */
export interface ValidateOptions {
  /** Treat unset `{{ env.X }}` variables as errors (as `aura serve` does). */
  readonly requireEnv: boolean;
  readonly json: boolean;
}

/**
 * `aura validate [path...]`: loads each path exactly as the server would (a file, or a directory of
 * `*.toml`) and reports one line per agent, or every issue with file:line:col. Returns the exit code:
 * 0 when every path is valid, 1 otherwise.
 */
export async function validateCommand(paths: readonly string[], options: ValidateOptions, io: CliIo): Promise<number> {
  const results: { path: string; loaded: readonly LoadedConfig[]; issues: readonly ConfigIssue[] }[] = [];
  for (const path of paths) {
    try {
      const checked = await checkConfigPath(path, {
        env: io.env,
        missingEnv: options.requireEnv ? 'error' : 'warn',
      });
      results.push({ path, loaded: checked.loaded, issues: checked.issues });
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      results.push({ path, loaded: [], issues: error.issues });
    }
  }
  const issues = results.flatMap((result) => result.issues);
  const errors = issues.filter((issue) => issue.severity === 'error');
  if (options.json) {
    io.stdout(
      `${JSON.stringify(
        {
          valid: errors.length === 0,
          agents: results.flatMap((result) =>
            result.loaded.map((loaded) => ({
              id: loaded.id,
              name: loaded.config.agent.name,
              file: loaded.file,
              provider: loaded.config.agent.llm.provider,
              model: loaded.config.agent.llm.model,
              orchestration: loaded.config.orchestration?.enabled === true,
            })),
          ),
          issues,
        },
        null,
        2,
      )}\n`,
    );
    return errors.length === 0 ? 0 : 1;
  }
  for (const result of results) {
    for (const loaded of result.loaded) {
      const file = loaded.file === undefined ? '' : `  ${relative(io.cwd, loaded.file)}`;
      io.stdout(`${mark(io, true)} ${agentSummary(loaded)}${file}\n`);
    }
  }
  if (issues.length > 0) io.stderr(`${formatConfigIssues(issues, { color: io.isTty })}\n`);
  const warnings = issues.length - errors.length;
  const agents = results.reduce((count, result) => count + result.loaded.length, 0);
  const tail = warnings > 0 ? `, ${warnings} warning${warnings === 1 ? '' : 's'}` : '';
  if (errors.length > 0) {
    const files = new Set(errors.map((issue) => issue.file ?? '')).size;
    io.stderr(
      `${mark(io, false)} ${errors.length} error${errors.length === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}${tail}\n`,
    );
    return 1;
  }
  io.stdout(`${agents} agent${agents === 1 ? '' : 's'} valid${tail}\n`);
  return 0;
}

function mark(io: CliIo, ok: boolean): string {
  if (!io.isTty) return ok ? 'ok' : 'FAILED';
  return ok ? '\u001b[32m✓\u001b[0m' : '\u001b[31m✗\u001b[0m';
}
