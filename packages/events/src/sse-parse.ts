/**
 * Incremental Server-Sent Events parser following the WHATWG "event stream interpretation" rules:
 * CRLF, CR and LF line endings (a CRLF split across chunks counts once), one leading BOM stripped,
 * `data` lines joined with LF, comments ignored (but reported), `event`/`id`/`retry` fields, unknown
 * fields ignored, a single space after the colon removed. Chunks may split anywhere, including inside a
 * UTF-8 sequence when bytes are fed.
 */

/** One dispatched SSE event. */
export interface SseMessage {
  /** The `event:` field; absent when the event had none (the WHATWG default type `message`). */
  readonly event?: string;
  /** The `data:` lines joined with `\n`. */
  readonly data: string;
  /** The last event id seen on the stream (WHATWG: it persists across events); absent when empty. */
  readonly id?: string;
  /** Reconnection time from a valid `retry:` field in this event's block, in milliseconds. */
  readonly retry?: number;
}

/** Options of {@link createSseParser}. */
export interface SseParserOptions {
  /** Called for each comment line with its text (one leading space removed), e.g. `heartbeat`. */
  readonly onComment?: (text: string) => void;
  /** Called for each valid `retry:` field (ASCII digits only). */
  readonly onRetry?: (milliseconds: number) => void;
  /**
   * At `end()`, dispatch an event whose terminating blank line never arrived. Default `false`: WHATWG
   * discards an incomplete trailing event.
   */
  readonly dispatchIncompleteEvent?: boolean;
}

/** A push parser: feed chunks as they arrive, `end()` when the stream ends. */
export interface SseParser {
  /**
   * Parses a chunk. Strings are taken as decoded text; bytes are decoded as UTF-8 (split sequences are
   * held until completed; invalid bytes become U+FFFD). Do not mix strings and bytes within one stream.
   * Exceptions thrown by callbacks propagate and lose the rest of the chunk.
   */
  feed(chunk: string | Uint8Array): void;
  /** Ends the stream: flushes the decoder, applies `dispatchIncompleteEvent`, and resets for reuse. */
  end(): void;
  /** Forgets all state (pending line, event fields, last event id) without dispatching. */
  reset(): void;
}

const LF = 10;
const CR = 13;
const COLON = 58;
const SPACE = 32;
const BOM = 0xfeff;
const DIGITS = /^[0-9]+$/;

/**
 * Creates an incremental SSE parser that calls `onEvent` synchronously for each dispatched event.
 *
 * @example
 * const messages: SseMessage[] = [];
 * const parser = createSseParser((message) => messages.push(message));
 * parser.feed('event: aura.usage\ndata: {"total_tokens":3}\n\n');
 */
export function createSseParser(onEvent: (message: SseMessage) => void, options: SseParserOptions = {}): SseParser {
  const lineEnd = /[\r\n]/g;
  let decoder: InstanceType<typeof TextDecoder> | undefined;
  let atStreamStart = true;
  let afterCarriageReturn = false;
  let partialLine = '';
  let dataLines: string[] = [];
  let eventType = '';
  let lastEventId = '';
  let retry: number | undefined;

  function feedText(text: string): void {
    let position = 0;
    const length = text.length;
    if (length === 0) return;
    if (atStreamStart) {
      atStreamStart = false;
      if (text.charCodeAt(0) === BOM) position = 1;
    }
    if (afterCarriageReturn && position < length) {
      afterCarriageReturn = false;
      if (text.charCodeAt(position) === LF) position += 1;
    }
    while (position < length) {
      lineEnd.lastIndex = position;
      const match = lineEnd.exec(text);
      if (match === null) {
        partialLine += text.slice(position);
        return;
      }
      const index = match.index;
      const line = partialLine === '' ? text.slice(position, index) : partialLine + text.slice(position, index);
      partialLine = '';
      position = index + 1;
      if (text.charCodeAt(index) === CR) {
        if (position === length) afterCarriageReturn = true;
        else if (text.charCodeAt(position) === LF) position += 1;
      }
      processLine(line);
    }
  }

  function processLine(line: string): void {
    if (line === '') {
      dispatch();
      return;
    }
    if (line.charCodeAt(0) === COLON) {
      options.onComment?.(withoutLeadingSpace(line.slice(1)));
      return;
    }
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? '' : withoutLeadingSpace(line.slice(colon + 1));
    switch (field) {
      case 'data':
        dataLines.push(value);
        break;
      case 'event':
        eventType = value;
        break;
      case 'id':
        if (!value.includes('\0')) lastEventId = value;
        break;
      case 'retry':
        if (DIGITS.test(value)) {
          retry = Number(value);
          options.onRetry?.(retry);
        }
        break;
      default:
        break;
    }
  }

  function dispatch(): void {
    if (dataLines.length === 0) {
      eventType = '';
      retry = undefined;
      return;
    }
    const message: SseMessage = {
      ...(eventType === '' ? {} : { event: eventType }),
      data: dataLines.length === 1 ? (dataLines[0] ?? '') : dataLines.join('\n'),
      ...(lastEventId === '' ? {} : { id: lastEventId }),
      ...(retry === undefined ? {} : { retry }),
    };
    dataLines = [];
    eventType = '';
    retry = undefined;
    onEvent(message);
  }

  function reset(): void {
    decoder = undefined;
    atStreamStart = true;
    afterCarriageReturn = false;
    partialLine = '';
    dataLines = [];
    eventType = '';
    lastEventId = '';
    retry = undefined;
  }

  return {
    feed(chunk) {
      if (typeof chunk === 'string') {
        feedText(chunk);
        return;
      }
      decoder ??= new TextDecoder('utf-8', { ignoreBOM: true });
      feedText(decoder.decode(chunk, { stream: true }));
    },
    end() {
      if (decoder !== undefined) feedText(decoder.decode());
      if (options.dispatchIncompleteEvent === true) {
        if (partialLine !== '') processLine(partialLine);
        partialLine = '';
        dispatch();
      }
      reset();
    },
    reset,
  };
}

function withoutLeadingSpace(value: string): string {
  return value.charCodeAt(0) === SPACE ? value.slice(1) : value;
}
