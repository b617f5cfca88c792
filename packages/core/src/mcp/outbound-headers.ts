import { createHash } from 'node:crypto';
import type { ForwardedHeaders, McpServerSpec } from './mcp-types.js';

/**
 * The headers sent to an HTTP MCP server for one caller (core-spec §4.4, server-spec §11.3):
 *
 * 1. static `headers`, names lower-cased;
 * 2. for every `outbound = "inbound"` pair of `headers_from_request`, the caller's `inbound` header (looked
 *    up case-insensitively) overrides `headers[lowercase(outbound)]`; when the caller did not send it, the
 *    static value (if any) stays — static headers are the fallback.
 *
 * Values are forwarded verbatim (no `Bearer ` stripping). stdio servers have no headers: `{}`. Repeated
 * values in a plain record are joined with `", "`. Never throws. The result is a fresh object with its keys
 * sorted, so equal identities serialise equally.
 */
export function resolveOutboundHeaders(
  spec: McpServerSpec,
  forwarded: ForwardedHeaders | undefined,
): Record<string, string> {
  if (spec.transport === 'stdio') return {};
  const headers = new Map<string, string>();
  for (const [name, value] of Object.entries(spec.headers)) headers.set(name.toLowerCase(), value);
  const mapping = Object.entries(spec.headers_from_request);
  if (mapping.length > 0 && forwarded !== undefined) {
    const inbound = lowerCaseHeaders(forwarded);
    for (const [outbound, inboundName] of mapping) {
      const value = inbound.get(inboundName.toLowerCase());
      if (value !== undefined) headers.set(outbound.toLowerCase(), value);
    }
  }
  return Object.fromEntries([...headers.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Whether the server forwards any caller headers (so different callers may need different connections). */
export function forwardsRequestHeaders(spec: McpServerSpec): boolean {
  return spec.transport !== 'stdio' && Object.keys(spec.headers_from_request).length > 0;
}

/**
 * The identity of a connection: server name plus the resolved outbound headers. Two callers whose resolved
 * headers differ get different connections; equal headers share one. The header values are hashed
 * (SHA-256) so that credentials are not kept around as map keys or written to logs.
 */
export function connectionIdentity(serverName: string, headers: Readonly<Record<string, string>>): string {
  const hash = createHash('sha256');
  hash.update(serverName);
  for (const [name, value] of Object.entries(headers)) hash.update(`\u0000${name}\u0000${value}`);
  return `${serverName}#${hash.digest('hex').slice(0, 32)}`;
}

function lowerCaseHeaders(forwarded: ForwardedHeaders): Map<string, string> {
  const result = new Map<string, string>();
  if (forwarded instanceof Headers) {
    forwarded.forEach((value, name) => {
      result.set(name.toLowerCase(), value);
    });
    return result;
  }
  for (const [name, value] of Object.entries(forwarded)) {
    if (value === undefined) continue;
    const text = typeof value === 'string' ? value : value.join(', ');
    const key = name.toLowerCase();
    const previous = result.get(key);
    // Two spellings of one name (`Authorization` and `authorization`) in a plain record: keep both values.
    result.set(key, previous === undefined ? text : `${previous}, ${text}`);
  }
  return result;
}
