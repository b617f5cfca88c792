/**
 * How long a provider asked us to wait: `retry-after-ms`, `Retry-After` (delta seconds or an HTTP date), or
 * Google's `RetryInfo.retryDelay` in the error body.
 */

/** Headers as the AI SDK reports them (`APICallError.responseHeaders`, lower-cased names) or a `Headers`. */
export type RetryAfterHeaders = Readonly<Record<string, string | undefined>> | Headers;

/**
 * The wait in milliseconds a response asked for, or `undefined` when it named none (or nothing parseable).
 *
 * Order: `retry-after-ms` (OpenAI/Anthropic; float milliseconds), then `retry-after` as delta seconds
 * (decimals allowed), then `retry-after` as an HTTP date (relative to `now`; a date in the past gives 0),
 * then a Google `"retryDelay": "12.5s"` in `body`. Negative values are ignored. Never throws.
 */
export function parseRetryAfter(
  headers: RetryAfterHeaders | undefined,
  options: { readonly body?: string | undefined; readonly now?: number } = {},
): number | undefined {
  const read = (name: string): string | undefined => {
    if (headers === undefined) return undefined;
    if (headers instanceof Headers) return headers.get(name) ?? undefined;
    const direct = headers[name];
    if (direct !== undefined) return direct;
    const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
    return key === undefined ? undefined : headers[key];
  };
  const milliseconds = parseNumber(read('retry-after-ms'));
  if (milliseconds !== undefined) return milliseconds;
  const retryAfter = read('retry-after')?.trim();
  if (retryAfter !== undefined && retryAfter !== '') {
    const seconds = parseNumber(retryAfter);
    if (seconds !== undefined) return seconds * 1000;
    // HTTP dates (IMF-fixdate, RFC 850, asctime) all start with a day name.
    const date = /^[A-Za-z]{3}/.test(retryAfter) ? Date.parse(retryAfter) : Number.NaN;
    if (!Number.isNaN(date)) return Math.max(0, date - (options.now ?? Date.now()));
  }
  return parseGoogleRetryDelay(options.body);
}

function parseNumber(value: string | undefined): number | undefined {
  if (value === undefined || !/^\s*\d+(\.\d+)?\s*$/.test(value)) return undefined;
  const parsed = Number(value);
  return Number.isFinite(parsed) && parsed >= 0 ? parsed : undefined;
}

/** Gemini's 429 body carries `details: [{ "@type": "…RetryInfo", "retryDelay": "30s" }]`. */
function parseGoogleRetryDelay(body: string | undefined): number | undefined {
  if (body === undefined) return undefined;
  const match = /"retryDelay"\s*:\s*"(\d+(?:\.\d+)?)s"/.exec(body);
  return match?.[1] === undefined ? undefined : Number(match[1]) * 1000;
}
