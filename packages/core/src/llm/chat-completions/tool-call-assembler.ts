/**
 * Streamed Chat Completions `tool_calls` deltas → `tool-input-start` / `tool-input-delta` parts as they arrive,
 * and `tool-input-end` + `tool-call` for every call when the stream ends (calls are only known to be complete
 * then). Tolerates what OpenAI-compatible servers do: arguments before the name, no `index` (Gemini), a repeated
 * or missing `id`, a new call reusing an index, `arguments` sent whole in the first delta.
 */

import { randomUUID } from 'node:crypto';
import { InvalidResponseDataError, type LanguageModelV3StreamPart } from '@ai-sdk/provider';

/** One `choices[0].delta.tool_calls[]` entry (already type-checked). */
export interface ToolCallDelta {
  readonly index?: number | null | undefined;
  readonly id?: string | null | undefined;
  readonly function?: { readonly name?: string | null | undefined; readonly arguments?: string | null | undefined };
  /** Gemini's OpenAI compatibility: `{ google: { thought_signature } }`. */
  readonly extra_content?: { readonly google?: { readonly thought_signature?: string | null } | null } | null;
}

interface ToolCall {
  readonly id: string;
  readonly wireId: string | undefined;
  readonly index: number | undefined;
  readonly sequence: number;
  readonly name: string;
  arguments: string;
  readonly thoughtSignature: string | undefined;
}

interface Pending {
  wireId: string | undefined;
  arguments: string;
  thoughtSignature: string | undefined;
}

/** Assembles the tool calls of one streamed response. */
export class ToolCallAssembler {
  readonly #calls: ToolCall[] = [];
  readonly #byIndex = new Map<number, ToolCall>();
  // Calls whose name has not arrived yet, by index (their argument text is held back until it does).
  readonly #pending = new Map<number, Pending>();
  readonly #usedIds = new Set<string>();

  /** @param metadataKey key of a call's `providerMetadata` (Gemini thought signatures). */
  constructor(private readonly metadataKey: string) {}

  /** Parts for one delta, appended to `parts`. */
  push(delta: ToolCallDelta, parts: LanguageModelV3StreamPart[]): void {
    const wireId = nonBlank(delta.id);
    const name = delta.function?.name;
    const argumentsDelta = delta.function?.arguments ?? undefined;
    const signature = delta.extra_content?.google?.thought_signature ?? undefined;
    const index = delta.index ?? undefined;

    const call = this.#existing(index, wireId, name);
    if (call === undefined && index !== undefined && nonBlank(name) === undefined) {
      // No name yet: hold the arguments until the name arrives (some servers send them first).
      const pending = this.#pending.get(index) ?? { wireId: undefined, arguments: '', thoughtSignature: undefined };
      pending.wireId ??= wireId;
      pending.thoughtSignature ??= signature;
      if (argumentsDelta != null) pending.arguments += argumentsDelta;
      this.#pending.set(index, pending);
      return;
    }
    if (call === undefined) {
      const callName = nonBlank(name);
      if (callName === undefined) return; // a nameless delta that matches no call: nothing to attach it to
      const pending = index === undefined ? undefined : this.#pending.get(index);
      if (index !== undefined) this.#pending.delete(index);
      this.#start(
        callName,
        wireId ?? pending?.wireId,
        index,
        signature ?? pending?.thoughtSignature,
        (pending?.arguments ?? '') + (argumentsDelta ?? ''),
        parts,
      );
      return;
    }
    if (argumentsDelta != null && argumentsDelta !== '') {
      call.arguments += argumentsDelta;
      parts.push({ type: 'tool-input-delta', id: call.id, delta: argumentsDelta });
    }
  }

  /**
   * The stream ended: `tool-input-end` and `tool-call` for every call, in index order. A call whose name never
   * arrived is reported as an `error` part.
   */
  finish(parts: LanguageModelV3StreamPart[]): void {
    for (const [index, pending] of this.#pending) {
      parts.push({
        type: 'error',
        error: new InvalidResponseDataError({
          data: { index, id: pending.wireId, function: { arguments: pending.arguments } },
          message: `Expected 'function.name' to be a string.`,
        }),
      });
    }
    this.#pending.clear();
    const ordered = this.#calls.every((call) => call.index !== undefined)
      ? [...this.#calls].sort((a, b) => (a.index ?? 0) - (b.index ?? 0) || a.sequence - b.sequence)
      : this.#calls;
    for (const call of ordered) {
      parts.push({ type: 'tool-input-end', id: call.id });
      parts.push({
        type: 'tool-call',
        toolCallId: call.id,
        toolName: call.name,
        input: call.arguments,
        ...(call.thoughtSignature
          ? { providerMetadata: { [this.metadataKey]: { thoughtSignature: call.thoughtSignature } } }
          : {}),
      });
    }
  }

  /**
   * The call a delta continues: by index (unless it names a new call — a different wire id with a name), else by
   * wire id, else — without index, id and name — the one call started last.
   */
  #existing(
    index: number | undefined,
    wireId: string | undefined,
    name: string | null | undefined,
  ): ToolCall | undefined {
    if (index !== undefined) {
      const call = this.#byIndex.get(index);
      if (call === undefined) return undefined;
      const startsAnother = nonBlank(name) !== undefined && wireId !== undefined && wireId !== call.wireId;
      return startsAnother ? undefined : call;
    }
    if (wireId !== undefined) return this.#calls.findLast((call) => call.wireId === wireId);
    return nonBlank(name) === undefined ? this.#calls.at(-1) : undefined;
  }

  #start(
    name: string,
    wireId: string | undefined,
    index: number | undefined,
    thoughtSignature: string | undefined,
    initialArguments: string,
    parts: LanguageModelV3StreamPart[],
  ): ToolCall {
    const id = wireId !== undefined && !this.#usedIds.has(wireId) ? wireId : this.#freshId();
    this.#usedIds.add(id);
    const call: ToolCall = {
      id,
      wireId,
      index,
      sequence: this.#calls.length,
      name,
      arguments: initialArguments,
      thoughtSignature,
    };
    this.#calls.push(call);
    if (index !== undefined) this.#byIndex.set(index, call);
    parts.push({ type: 'tool-input-start', id, toolName: name });
    if (initialArguments !== '') parts.push({ type: 'tool-input-delta', id, delta: initialArguments });
    return call;
  }

  #freshId(): string {
    let id: string;
    do id = `call_${randomUUID().replaceAll('-', '').slice(0, 24)}`;
    while (this.#usedIds.has(id));
    return id;
  }
}

function nonBlank(value: string | null | undefined): string | undefined {
  return value != null && value.trim() !== '' ? value : undefined;
}
