import type { ToolOutput } from '../tools/tool.js';
import { MCP_TOOL_ERROR_PREFIX } from '../tools/tool-error-detection.js';
import { isJsonObject } from '../util/json-value.js';
import { stableStringify } from '../util/stable-stringify.js';
import { decodeUtf8, encodeUtf8, floorCharBoundary } from '../util/utf8.js';

/**
 * The parts of an MCP `CallToolResult` that become tool-result text. Structural, so results from any MCP
 * SDK version (or a test double) fit; content items are validated while rendering.
 */
export interface McpCallToolResultLike {
  readonly content?: readonly unknown[];
  readonly structuredContent?: unknown;
  readonly isError?: boolean;
}

/** Budget for an MCP error text shown to the model (reference `MAX_TOOL_ERROR_BYTES`). */
export const MAX_TOOL_ERROR_BYTES = 8192;
/** Budget for one embedded resource's text (reference `MAX_RESOURCE_CONTENT_BYTES`). */
export const MAX_RESOURCE_CONTENT_BYTES = 100_000;

/**
 * Renders an MCP tool result as the text the model sees (core-spec §4.5, case 62):
 *
 * - `structuredContent` (not `null`/absent) wins: pretty JSON with recursively sorted keys; `content` ignored;
 * - otherwise every content item is rendered and the items joined with `\n`: text → the text; image →
 *   `[Image: <mimeType> (<base64 length>)]`; embedded resource → {@link renderResourceContents}; resource link →
 *   `[Resource link: <name> (<uri>)]`; anything else (audio, malformed items) → `[Unsupported content type]`;
 * - `isError: true` → the text is bounded to 8 KiB ({@link boundErrorContent}) and prefixed with
 *   `Tool returned an error: `, and the output is marked `isError`.
 *
 * Never throws; empty content is a successful `""`.
 */
export function extractToolResultText(result: McpCallToolResultLike): ToolOutput {
  const isError = result.isError === true;
  let text: string;
  if (result.structuredContent !== undefined && result.structuredContent !== null) {
    text = stableStringify(result.structuredContent, { pretty: true });
  } else {
    text = (result.content ?? []).map(renderContentItem).join('\n');
  }
  if (!isError) return { text, isError: false };
  return { text: `${MCP_TOOL_ERROR_PREFIX}${boundErrorContent(text)}`, isError: true };
}

function renderContentItem(item: unknown): string {
  if (!isJsonObject(item)) return '[Unsupported content type]';
  switch (item.type) {
    case 'text':
      return typeof item.text === 'string' ? item.text : '[Unsupported content type]';
    case 'image':
      return typeof item.data === 'string' && typeof item.mimeType === 'string'
        ? `[Image: ${item.mimeType} (${encodeUtf8(item.data).length})]`
        : '[Unsupported content type]';
    case 'resource':
      return renderResourceContents(item.resource);
    case 'resource_link':
      return typeof item.name === 'string' && typeof item.uri === 'string'
        ? `[Resource link: ${item.name} (${item.uri})]`
        : '[Unsupported content type]';
    default:
      return '[Unsupported content type]';
  }
}

const TEXT_MIME_TYPES = new Set(['application/json', 'application/xml', 'application/yaml']);

/**
 * Text of an embedded resource (reference `extract_resource_contents`): a text resource gives its text; a
 * blob whose MIME type is `text/*`, `application/json`, `application/xml` or `application/yaml` is base64-
 * decoded (strict, canonical base64) as UTF-8 — `[Binary resource: <uri> (invalid base64)]` /
 * `[Binary resource: <uri> (not valid UTF-8)]` on failure; other blobs give
 * `[Binary resource: <uri> (mime: <mimeType|unknown>)]`. Text over 100 000 bytes is cut on a character
 * boundary and suffixed with `\n\n[Resource truncated: showing 100000 of <N> bytes]`.
 */
export function renderResourceContents(resource: unknown): string {
  if (!isJsonObject(resource)) return '[Unsupported content type]';
  const uri = typeof resource.uri === 'string' ? resource.uri : '';
  const mimeType = typeof resource.mimeType === 'string' ? resource.mimeType : undefined;
  let raw: string;
  if (typeof resource.text === 'string') {
    raw = resource.text;
  } else if (typeof resource.blob === 'string') {
    const textual = mimeType !== undefined && (mimeType.startsWith('text/') || TEXT_MIME_TYPES.has(mimeType));
    if (!textual) return `[Binary resource: ${uri} (mime: ${mimeType ?? 'unknown'})]`;
    const bytes = decodeBase64Strict(resource.blob);
    if (bytes === undefined) return `[Binary resource: ${uri} (invalid base64)]`;
    const decoded = decodeUtf8Strict(bytes);
    if (decoded === undefined) return `[Binary resource: ${uri} (not valid UTF-8)]`;
    raw = decoded;
  } else {
    return '[Unsupported content type]';
  }
  const bytes = encodeUtf8(raw);
  if (bytes.length <= MAX_RESOURCE_CONTENT_BYTES) return raw;
  const cut = decodeUtf8(bytes, 0, floorCharBoundary(bytes, MAX_RESOURCE_CONTENT_BYTES));
  return `${cut}\n\n[Resource truncated: showing ${MAX_RESOURCE_CONTENT_BYTES} of ${bytes.length} bytes]`;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Standard, padded, canonical base64 (like Rust's `base64::STANDARD`), or `undefined`. */
function decodeBase64Strict(text: string): Uint8Array | undefined {
  if (!BASE64.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : undefined;
}

const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function decodeUtf8Strict(bytes: Uint8Array): string | undefined {
  try {
    return strictDecoder.decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * Bounds an error text to about `maxBytes` UTF-8 bytes, keeping the head (¾ of the budget — the top-level
 * error) and the tail (the deepest cause), exactly like the reference's `bound_error_content`:
 * `<head>\n\n[tool error truncated: <omitted> of <total> bytes omitted]\n\n<tail>`. Both cuts move back to a
 * character boundary (so the tail may be a few bytes longer). Text within the budget is returned unchanged.
 */
export function boundErrorContent(text: string, maxBytes: number = MAX_TOOL_ERROR_BYTES): string {
  const bytes = encodeUtf8(text);
  const total = bytes.length;
  if (total <= maxBytes) return text;
  const headBudget = Math.floor((maxBytes * 3) / 4);
  const tailBudget = maxBytes - headBudget;
  const headEnd = floorCharBoundary(bytes, headBudget);
  const tailStart = floorCharBoundary(bytes, total - tailBudget);
  const omitted = Math.max(0, tailStart - headEnd);
  return `${decodeUtf8(bytes, 0, headEnd)}\n\n[tool error truncated: ${omitted} of ${total} bytes omitted]\n\n${decodeUtf8(bytes, tailStart)}`;
}
