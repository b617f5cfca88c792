/**
 * What a stream's mapper remembers about tool calls: the chunk index of each call sent to the client, the calls
 * whose results are not shown (suppressed kinds) and the client-side calls. The collections are made with the
 * first call that needs them: most streams have no tool call, and each empty collection would be kept (and marked
 * by every full collection) for the life of the stream.
 */
export class ToolCallBook {
  #indexes: Map<string, number> | undefined;
  #suppressed: Set<string> | undefined;
  #client: Set<string> | undefined;

  /** Records the chunk index a call was sent with. */
  setIndex(toolCallId: string, index: number): void {
    this.#indexes ??= new Map();
    this.#indexes.set(toolCallId, index);
  }

  /** The chunk index a call was sent with, if it was sent. */
  indexOf(toolCallId: string): number | undefined {
    return this.#indexes?.get(toolCallId);
  }

  suppress(toolCallId: string): void {
    this.#suppressed ??= new Set();
    this.#suppressed.add(toolCallId);
  }

  isSuppressed(toolCallId: string): boolean {
    return this.#suppressed?.has(toolCallId) === true;
  }

  markClient(toolCallId: string): void {
    this.#client ??= new Set();
    this.#client.add(toolCallId);
  }

  isClient(toolCallId: string): boolean {
    return this.#client?.has(toolCallId) === true;
  }

  /** Whether any client-side call was made (the stream then ends with `finish_reason: "tool_calls"`). */
  hasClientCalls(): boolean {
    return (this.#client?.size ?? 0) > 0;
  }
}
