/**
 * Plays a list of chunks with a turn's timing and cuts it where a fault says so. Shared by the in-process
 * model (chunks are stream parts) and the server (chunks are wire events), so faults mean the same in both.
 */
import { abortableDelay } from '../util/abortable-delay.js';
import type { TurnFault } from './model-turn.js';

/** The chunks to send and whether the connection then drops instead of ending normally. */
export interface CutChunks<T> {
  readonly chunks: readonly T[];
  readonly disconnect: boolean;
}

/**
 * Applies a stream fault: `disconnect` keeps the first `afterChunks` chunks and then drops the connection;
 * `stream-error` keeps the first `afterChunks` chunks and appends the in-band error chunks. Other faults
 * (handled before streaming) leave the chunks as they are.
 */
export function cutForFault<T>(
  chunks: readonly T[],
  fault: TurnFault | undefined,
  errorChunks: (message: string, errorType: string) => readonly T[],
): CutChunks<T> {
  if (fault?.type === 'disconnect') return { chunks: chunks.slice(0, fault.afterChunks), disconnect: true };
  if (fault?.type === 'stream-error') {
    return {
      chunks: [...chunks.slice(0, fault.afterChunks), ...errorChunks(fault.message, fault.errorType ?? 'api_error')],
      disconnect: false,
    };
  }
  return { chunks, disconnect: false };
}

/** Options of {@link playChunks}. */
export interface PlayChunksOptions<T> {
  readonly chunks: readonly T[];
  readonly firstChunkDelayMs: number;
  readonly chunkDelayMs: number;
  /** Stops playback; the returned promise then rejects with `signal.reason`. */
  readonly signal: AbortSignal;
  readonly emit: (chunk: T) => void | Promise<void>;
}

/** Emits each chunk after its delay (the first after `firstChunkDelayMs`, the rest after `chunkDelayMs`). */
export async function playChunks<T>(options: PlayChunksOptions<T>): Promise<void> {
  for (const [index, chunk] of options.chunks.entries()) {
    await abortableDelay(index === 0 ? options.firstChunkDelayMs : options.chunkDelayMs, options.signal);
    options.signal.throwIfAborted();
    await options.emit(chunk);
  }
}
