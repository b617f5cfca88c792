/**
 * The transcript invariant (peers-and-pitfalls §4.2): every tool call in an assistant message is answered by
 * exactly one tool result, so a conversation can always be continued — providers reject orphaned tool calls
 * (Anthropic: "`tool_use` ids were found without `tool_result` blocks").
 */
import type { ModelMessage, ToolModelMessage } from 'ai';

/** A tool result as the transcript records it. */
export interface TranscriptToolResult {
  readonly toolCallId: string;
  readonly toolName: string;
  readonly output: string;
  readonly success: boolean;
}

/**
 * The tool message answering `results` (in the given order), or `undefined` for none. Failures use the
 * `error-text` output type, so providers that mark errors (Anthropic `is_error`, Bedrock `status`) do.
 */
export function toolResultMessage(results: readonly TranscriptToolResult[]): ToolModelMessage | undefined {
  if (results.length === 0) return undefined;
  return {
    role: 'tool',
    content: results.map((result) => ({
      type: 'tool-result',
      toolCallId: result.toolCallId,
      toolName: result.toolName,
      output: { type: result.success ? 'text' : 'error-text', value: result.output },
    })),
  };
}

/** A violation of the transcript invariant. */
export interface TranscriptIssue {
  readonly kind: 'missing-result' | 'duplicate-result' | 'orphan-result' | 'duplicate-call';
  readonly toolCallId: string;
}

/**
 * Checks `messages` against the invariant: each tool call id appears once, gets exactly one result, and every
 * result answers an earlier call. `pending` lists call ids deliberately left open (client tool calls the
 * client is running). Returns every issue found, in message order; an empty list means valid.
 */
export function checkTranscript(messages: readonly ModelMessage[], pending: readonly string[] = []): TranscriptIssue[] {
  const issues: TranscriptIssue[] = [];
  const answered = new Map<string, number>();
  for (const message of messages) {
    if (typeof message.content === 'string') continue;
    for (const part of message.content) {
      if (part.type === 'tool-call' && message.role === 'assistant') {
        if (answered.has(part.toolCallId)) issues.push({ kind: 'duplicate-call', toolCallId: part.toolCallId });
        answered.set(part.toolCallId, 0);
      } else if (part.type === 'tool-result') {
        const count = answered.get(part.toolCallId);
        if (count === undefined) issues.push({ kind: 'orphan-result', toolCallId: part.toolCallId });
        else if (count > 0) issues.push({ kind: 'duplicate-result', toolCallId: part.toolCallId });
        answered.set(part.toolCallId, (count ?? 0) + 1);
      }
    }
  }
  const open = new Set(pending);
  for (const [toolCallId, count] of answered) {
    if (count === 0 && !open.has(toolCallId)) issues.push({ kind: 'missing-result', toolCallId });
  }
  return issues;
}
