/** The computed fields of `aura.progress` (server-spec §9.3). */

/**
 * `percent` of `aura.progress`: `floor(progress / total * 100)` clamped to 0–100; `100` when `total` is 0
 * (or negative); `undefined` (field omitted) when `total` is unknown or the ratio is not a finite number.
 *
 * @example progressPercent(3, 5) // 60
 */
export function progressPercent(progress: number, total: number | undefined): number | undefined {
  if (total === undefined) return undefined;
  if (total <= 0) return 100;
  const percent = Math.floor((progress / total) * 100);
  if (!Number.isFinite(percent)) return undefined;
  return Math.min(100, Math.max(0, percent));
}

/**
 * `message` of `aura.progress`: the notification's own message when non-empty, else
 * `Progress: <progress>/<total>` with plain numbers, or `Progress: <progress>` when the total is unknown.
 * (The reference renders the total with Rust's debug format, `Progress: 5/Some(10.0)`: quirk Q8, fixed.)
 */
export function progressMessage(input: {
  readonly progress: number;
  readonly total?: number | undefined;
  readonly message?: string | undefined;
}): string {
  if (input.message !== undefined && input.message !== '') return input.message;
  return input.total === undefined ? `Progress: ${input.progress}` : `Progress: ${input.progress}/${input.total}`;
}
