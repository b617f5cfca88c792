import { ConfigError } from '@aura/config';
import { parseBooleanValue } from '@aura/server';

/** The environment variable that turns demo mode on (`--demo` does the same; the flag wins). */
export const DEMO_ENV = 'AURA_DEMO';

/**
 * Whether demo mode is requested: the `--demo` flag, else `AURA_DEMO` (the boolean vocabulary of every serve
 * option; blank counts as unset).
 * @throws ConfigError `CONFIG_INVALID` naming `AURA_DEMO` when its value is not a boolean.
 */
export function demoRequested(flag: unknown, env: NodeJS.ProcessEnv): boolean {
  if (flag === true) return true;
  const value = env[DEMO_ENV];
  if (value === undefined || value.trim() === '') return false;
  const parsed = parseBooleanValue(value);
  if (parsed.ok) return parsed.value;
  throw new ConfigError(
    'CONFIG_INVALID',
    [
      {
        severity: 'error',
        code: 'invalid_value',
        path: DEMO_ENV,
        message: `invalid value '${value}' for --demo / ${DEMO_ENV}`,
        expected: parsed.expected,
      },
    ],
    { summary: `Invalid server option: ${DEMO_ENV}` },
  );
}
