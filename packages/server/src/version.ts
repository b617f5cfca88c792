import { readFileSync } from 'node:fs';

/** The version of the `@aura/server` package (`/health`'s `aura_version`), read from its package.json. */
export const AURA_SERVER_VERSION: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
