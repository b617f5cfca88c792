import type { CallToolResult, ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';

/** A raw JSON Schema object, served verbatim in `tools/list`. */
export type JsonSchemaObject = { readonly [key: string]: unknown };

/** What a tool handler learns about the call it serves. */
export interface TestMcpToolContext {
  /** The JSON-RPC id of the `tools/call` request. */
  readonly requestId: string | number;
  /** The MCP session id (HTTP transports), else `undefined`. */
  readonly sessionId: string | undefined;
  /** The `progressToken` from the request's `_meta`, if the client asked for progress. */
  readonly progressToken: string | number | undefined;
  /** Inbound HTTP request headers of this call (lower-case names, repeated values joined by `, `); `undefined` off HTTP. */
  readonly headers: Readonly<Record<string, string>> | undefined;
  /** Fires when the client cancels the request (`notifications/cancelled`) or the connection closes. */
  readonly signal: AbortSignal;
  /**
   * Sends `notifications/progress` for this call and records a `progress` log event. Does nothing when the
   * client sent no `progressToken` or the request was already cancelled.
   */
  sendProgress(update: {
    readonly progress: number;
    readonly total?: number;
    readonly message?: string;
  }): Promise<void>;
}

/**
 * One tool of a test MCP server, described by a raw JSON Schema so that awkward schemas (bare `true`,
 * `$ref`, `anyOf` with `null`, open dictionaries) reach clients exactly as written. `call` returns an MCP
 * `CallToolResult`; a thrown error becomes a JSON-RPC error response (its `message` is the error message).
 */
export interface TestMcpTool {
  readonly name: string;
  readonly title?: string;
  readonly description?: string;
  readonly inputSchema: JsonSchemaObject;
  readonly outputSchema?: JsonSchemaObject;
  readonly annotations?: ToolAnnotations;
  call(args: Readonly<Record<string, unknown>>, context: TestMcpToolContext): CallToolResult | Promise<CallToolResult>;
}

/** Definition accepted by {@link defineTestMcpTool}. */
export interface TestMcpToolDefinition<S extends z.ZodObject> {
  readonly name: string;
  readonly title?: string;
  readonly description?: string;
  /** Parses the arguments; its JSON Schema (zod `toJSONSchema`, input side, without `$schema`) is the listed schema. */
  readonly input: S;
  readonly outputSchema?: JsonSchemaObject;
  readonly annotations?: ToolAnnotations;
  call(args: z.output<S>, context: TestMcpToolContext): CallToolResult | Promise<CallToolResult>;
}

/**
 * Builds a {@link TestMcpTool} from a zod object schema. Arguments that fail to parse produce a tool-error
 * result (`isError: true`, text `Invalid arguments for tool <name>: <issues>`), as the MCP spec asks for
 * input validation failures; the handler is not called.
 */
export function defineTestMcpTool<S extends z.ZodObject>(definition: TestMcpToolDefinition<S>): TestMcpTool {
  const { input, call, ...rest } = definition;
  const { $schema: _dialect, ...inputSchema } = z.toJSONSchema(input, { io: 'input' });
  return {
    ...rest,
    inputSchema,
    call: (args, context) => {
      const parsed = input.safeParse(args);
      if (!parsed.success) {
        return mcpToolError(`Invalid arguments for tool ${definition.name}: ${z.prettifyError(parsed.error)}`);
      }
      return call(parsed.data, context);
    },
  };
}

/** A tool-error result with one text item. */
export function mcpToolError(message: string): CallToolResult {
  return { content: [{ type: 'text', text: message }], isError: true };
}

/** A successful result with one text item. */
export function mcpTextResult(text: string): CallToolResult {
  return { content: [{ type: 'text', text }] };
}
