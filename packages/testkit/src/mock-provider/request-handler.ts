/**
 * Handles one HTTP request of the mock provider server: reads and records it, picks the turn, and writes the
 * answer in the route's wire format. It never throws into `node:http`: unexpected failures become a 500
 * (or a dropped connection once streaming has begun) and are reported to the logger.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { lastUserText } from '../conversation/conversation-view.js';
import type { ModelTurn } from '../script/model-turn.js';
import { planTurn } from '../script/turn-plan.js';
import type { TurnScript } from '../script/turn-script.js';
import type { TestkitLogger } from '../util/logger.js';
import type { ChatWire, WireContext } from './chat-wire.js';
import {
  type EmbeddingFormat,
  embeddingErrorResponse,
  embeddingResponse,
  parseEmbeddingRequest,
} from './embeddings-route.js';
import type { MutableRecordedRequest } from './recorded-request.js';
import { answerJson, answerPreFault, answerStream, type ResponseControl, writeJson } from './response-writer.js';
import { matchRoute } from './routes.js';

/** Server state the handler reads and updates. */
export interface HandlerState {
  readonly script: TurnScript;
  /** Turns for embeddings requests (only `fault` and `timing` apply). */
  readonly embeddingTurns: ModelTurn[];
  readonly embeddingDimensions: number;
  readonly logger: TestkitLogger | undefined;
  /** Stores a new record and returns its index. */
  readonly record: (request: Omit<MutableRecordedRequest, 'index'>) => MutableRecordedRequest;
  /** Tells waiters that a record changed. */
  readonly changed: () => void;
  readonly nextToolCallId: (prefix: string) => string;
}

const MAX_BODY_BYTES = 32 * 1024 * 1024;
const NO_SHAPE = { firstTokenDelayMs: 0, chunkDelayMs: 0, fault: undefined };

/** Creates the `node:http` request listener. */
export function createRequestHandler(
  state: HandlerState,
): (request: IncomingMessage, response: ServerResponse) => void {
  return (request, response) => {
    handle(state, request, response).catch((error: unknown) => {
      if (response.destroyed) return; // the client left while we were reading or answering
      state.logger?.error('mock provider: request handling failed', { error, url: request.url });
      if (!response.headersSent) writeJson(response, 500, { error: { message: `mock provider: ${String(error)}` } });
      else response.destroy();
    });
  };
}

async function handle(state: HandlerState, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const gone = new AbortController();
  let dropped = false;
  let recorded: MutableRecordedRequest | undefined;
  response.on('close', () => {
    if (recorded !== undefined) {
      recorded.aborted = !response.writableFinished && !dropped;
      recorded.dropped = dropped;
      if (response.headersSent) recorded.status = response.statusCode;
    }
    gone.abort(new Error('mock provider: client connection closed'));
    state.changed();
  });
  response.on('finish', () => {
    if (recorded === undefined) return;
    recorded.completed = true;
    recorded.status = response.statusCode;
    state.changed();
  });
  const control: ResponseControl = {
    response,
    signal: gone.signal,
    drop: () => {
      dropped = true;
      response.destroy();
    },
  };

  const rawBody = await readBody(request);
  const url = new URL(request.url ?? '/', 'http://mock.invalid');
  const method = request.method ?? 'GET';
  const route = matchRoute(method, url.pathname);
  const body = parseBody(rawBody);
  const base = {
    method,
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers: headersOf(request),
    body,
    rawBody,
    receivedAt: new Date(),
    turn: undefined,
    source: undefined,
    status: undefined,
    completed: false,
    aborted: false,
    dropped: false,
    view: undefined,
    embeddingInputs: undefined,
    provider: undefined,
  };
  try {
    if (route === undefined) {
      recorded = state.record({ ...base, kind: 'unknown' });
      writeJson(response, 404, {
        error: { message: `mock provider: no route for ${method} ${url.pathname}`, type: 'not_found' },
      });
    } else if (route.kind === 'embeddings') {
      const parsed = parseEmbeddingRequest(body);
      recorded = state.record({ ...base, kind: 'embeddings', embeddingInputs: parsed.inputs });
      await answerEmbeddings(state, control, route.format, () =>
        embeddingResponse(parsed, route.format, state.embeddingDimensions),
      );
    } else {
      const view = route.wire.view(body, { model: route.model, stream: route.stream });
      recorded = state.record({ ...base, kind: 'chat', provider: route.wire.provider, view });
      await answerChat(state, control, route.wire, recorded);
    }
  } catch (error) {
    if (gone.signal.aborted) return; // the client left mid-answer: nothing more to do
    throw error;
  }
}

async function answerChat(
  state: HandlerState,
  control: ResponseControl,
  wire: ChatWire,
  recorded: MutableRecordedRequest,
): Promise<void> {
  const view = recorded.view;
  if (view === undefined) return;
  if (typeof recorded.body !== 'object' || recorded.body === null) {
    const shaped = wire.errorResponse(400, 'mock provider: request body is not a JSON object');
    writeJson(control.response, 400, shaped.body, { ...shaped.headers });
    return;
  }
  const selected = await state.script.select(view);
  if (selected === undefined) {
    const message =
      `mock provider: nothing scripted for ${recorded.method} ${recorded.path} (request #${recorded.index + 1}, ` +
      `${view.provider}, model "${view.model}"): the queue is empty and no rule matched; last user message: ` +
      JSON.stringify(lastUserText(view) ?? null);
    const shaped = wire.errorResponse(500, message);
    writeJson(control.response, 500, shaped.body, { ...shaped.headers, 'x-should-retry': 'false' });
    return;
  }
  recorded.turn = selected.turn;
  recorded.source = selected.source;
  state.changed();
  const plan = planTurn(selected.turn, {
    promptChars: recorded.rawBody.length,
    nextToolCallId: () => state.nextToolCallId(wire.toolCallIdPrefix),
  });
  const context: WireContext = {
    model: view.model,
    responseId: `mock-${recorded.index + 1}`,
    created: Math.floor(recorded.receivedAt.getTime() / 1000),
    body: recorded.body,
  };
  if (await answerPreFault(control, plan, wire.errorResponse)) return;
  if (view.stream) {
    const chunks = wire.encodeStream(plan, context);
    await answerStream(control, plan, wire.streamContentType, chunks, (message, type) =>
      wire.streamError(message, type, context),
    );
  } else {
    await answerJson(control, plan, () => wire.encodeJson(plan, context), wire.errorResponse);
  }
}

async function answerEmbeddings(
  state: HandlerState,
  control: ResponseControl,
  format: EmbeddingFormat,
  body: () => unknown,
): Promise<void> {
  const turn = state.embeddingTurns.shift();
  const shape =
    turn === undefined
      ? NO_SHAPE
      : {
          firstTokenDelayMs: turn.timing?.firstTokenDelayMs ?? 0,
          chunkDelayMs: 0,
          fault: turn.fault,
        };
  const errorResponse = (status: number, message: string) => embeddingErrorResponse(format, status, message);
  if (await answerPreFault(control, shape, errorResponse)) return;
  await answerJson(control, shape, body, errorResponse);
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new RangeError(`request body over ${MAX_BODY_BYTES} bytes`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseBody(rawBody: string): unknown {
  if (rawBody === '') return undefined;
  try {
    return JSON.parse(rawBody);
  } catch {
    return rawBody;
  }
}

function headersOf(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}
