/**
 * What the mock provider server remembers about each request, so tests can assert exactly what was sent.
 */
import type { ConversationView, ProviderName } from '../conversation/conversation-view.js';
import type { ModelTurn } from '../script/model-turn.js';

/**
 * One request as received. The last four fields change while the response is in flight (they are live
 * views of the same object); everything else is fixed once recorded.
 */
export interface RecordedRequest {
  /** Zero-based arrival order since start or the last `reset()`. */
  readonly index: number;
  readonly method: string;
  /** Path without the query string. */
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  /** Lower-cased header names; repeated headers joined with `, `. */
  readonly headers: Readonly<Record<string, string>>;
  /** The body parsed as JSON, or the raw text when it is not JSON. */
  readonly body: unknown;
  readonly rawBody: string;
  readonly kind: 'chat' | 'embeddings' | 'unknown';
  /** Wire format of a chat request. */
  readonly provider: ProviderName | undefined;
  /** Normalised conversation of a chat request (`undefined` for other kinds or unparseable bodies). */
  readonly view: ConversationView | undefined;
  /** Inputs of an embeddings request. */
  readonly embeddingInputs: readonly string[] | undefined;
  readonly receivedAt: Date;
  /** The turn that answered (`undefined` if nothing was scripted). */
  readonly turn: ModelTurn | undefined;
  /** `'queue'`, `'rule:<name>'`, or `undefined`. */
  readonly source: string | undefined;
  /** HTTP status sent, once the response ends or closes; `undefined` while pending or if no headers went out. */
  readonly status: number | undefined;
  /** The response was sent completely. */
  readonly completed: boolean;
  /** The client went away before the response was complete (a deliberate `disconnect` fault does not count). */
  readonly aborted: boolean;
  /** The server dropped the connection on purpose (`disconnect` fault). */
  readonly dropped: boolean;
}

/** The server's own writable copy. */
export type MutableRecordedRequest = { -readonly [Key in keyof RecordedRequest]: RecordedRequest[Key] };
