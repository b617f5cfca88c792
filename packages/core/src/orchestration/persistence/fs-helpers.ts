/** Small async filesystem helpers shared by the persistence files. */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Whether `error` is a Node system error with the given `code` (e.g. `ENOENT`). */
export function hasErrorCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}

/** The message of any thrown value. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Writes `data` to `path` atomically: the parent directory is created, the content goes to a temporary
 * sibling, and a rename replaces the target, so concurrent readers see the old or the new file, never half
 * of one. Throws the underlying fs error.
 */
export async function writeFileAtomic(path: string, data: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, data, 'utf8');
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => {});
    throw error;
  }
}

/** The UTF-8 text of `path`, or `undefined` when it does not exist. Other fs errors are thrown. */
export async function readTextIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if (hasErrorCode(error, 'ENOENT') || hasErrorCode(error, 'ENOTDIR')) return undefined;
    throw error;
  }
}

/** serde_json `to_string_pretty` layout (2-space indent), which `JSON.stringify` matches for JSON values. */
export function toPrettyJson(value: unknown): string {
  return JSON.stringify(value, null, 2) ?? 'null';
}
