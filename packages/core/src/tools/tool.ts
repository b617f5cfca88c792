/**
 * The one tool contract of the runtime. MCP tools, client (passthrough) tools, filesystem tools,
 * vector search, scratchpad and orchestration tools all implement it, and the agent loop only ever
 * sees this shape.
 */

/** JSON Schema object as exchanged with providers and MCP servers. */
export type JsonSchema = { readonly [key: string]: unknown };

/** Where a tool comes from; drives event filtering, wrappers and telemetry. */
export type ToolKind =
  | 'mcp'
  | 'client'
  | 'filesystem'
  | 'vector'
  | 'scratchpad'
  | 'skill'
  | 'orchestration'
  | 'builtin';

/** A progress notification produced while a tool runs (MCP `notifications/progress`). */
export interface ToolProgress {
  readonly progressToken: string | number;
  readonly progress: number;
  readonly total?: number;
  readonly message?: string;
}

/** Per-call context handed to {@link Tool.execute}. */
export interface ToolCallContext {
  /** The provider's id for this call (stable across events). */
  readonly toolCallId: string;
  /** Aborts the call: MCP tools send `notifications/cancelled`; others stop as soon as they can. */
  readonly signal: AbortSignal;
  /** Called once the request is actually on the wire (MCP), with its progress token if any. */
  readonly onStart?: (info: { readonly progressToken?: string | number }) => void;
  /** Called for each progress notification. */
  readonly onProgress?: (progress: ToolProgress) => void;
}

/**
 * What the model will see. `isError` marks an application-level failure whose `text` already carries the
 * reference prefix (`Tool returned an error: ` for MCP `isError`, `ToolCallError: ` for a thrown failure).
 */
export interface ToolOutput {
  readonly text: string;
  readonly isError: boolean;
}

export interface Tool {
  /** The name offered to the model: already sanitised for the provider's naming rules. */
  readonly name: string;
  /** The name at the source (e.g. the MCP server's tool name), used when calling it. */
  readonly originalName: string;
  readonly description: string;
  /** JSON Schema of the arguments (an object schema), already sanitised when sanitising is on. */
  readonly inputSchema: JsonSchema;
  readonly kind: ToolKind;
  /** Source label, e.g. the MCP server name. */
  readonly source?: string;
  /**
   * Runs the tool. Implementations return `{ isError: true }` for failures they can describe and may throw
   * for unexpected ones; the agent loop turns a throw into `ToolCallError: <message>`.
   */
  execute(args: Record<string, unknown>, context: ToolCallContext): Promise<ToolOutput>;
}
