/**
 * Two-phase graceful shutdown (server-spec §11.7): close the gate (new requests 503, `/health` included),
 * give in-flight runs `SHUTDOWN_TIMEOUT_SECS`, cancel the rest (streams get the closing sequence and
 * `[DONE]`), close the runtime (MCP connections, stdio children), then close the HTTP server without waiting
 * forever on keep-alive sockets.
 */
import type { ServerLogger } from '../http/server-logger.js';
import { silentServerLogger } from '../http/server-logger.js';
import type { NodeServer } from './serve-node.js';
import type { DrainResult, ServerController } from './server-controller.js';

/** Options of {@link createGracefulShutdown}. */
export interface GracefulShutdownOptions {
  readonly controller: ServerController;
  /** Closed after the drain (`AgentRuntime.close`). */
  readonly runtime: { close(options?: { readonly signal?: AbortSignal }): Promise<void> };
  readonly server: NodeServer;
  /** Grace period of in-flight runs, in seconds (fractions allowed). */
  readonly shutdownTimeoutSecs: number;
  /** How long cancelled runs may take to wind down. Default 5000 ms. */
  readonly cancelGraceMs?: number;
  /** Bound on closing the runtime. Default 5000 ms. */
  readonly runtimeCloseTimeoutMs?: number;
  /** How long responses still being written may take before connections are destroyed. Default 5000 ms. */
  readonly closeGraceMs?: number;
  readonly logger?: ServerLogger;
}

/** A shutdown sequence that runs once. */
export interface GracefulShutdown {
  /** Starts the sequence (idempotent) and resolves when it has finished. Never rejects. */
  shutdown(reason?: string): Promise<void>;
  /** Resolves when the sequence has finished (the server is closed). */
  readonly done: Promise<void>;
  /** Whether the sequence has started. */
  readonly started: boolean;
}

/** Creates the shutdown sequence of one served app. */
export function createGracefulShutdown(options: GracefulShutdownOptions): GracefulShutdown {
  const logger = options.logger ?? silentServerLogger;
  let running: Promise<void> | undefined;
  let markDone: () => void = () => undefined;
  const done = new Promise<void>((resolve) => {
    markDone = resolve;
  });

  const run = async (reason: string): Promise<void> => {
    options.controller.beginShutdown();
    const active = options.controller.activeRuns;
    logger.info(
      `Shutting down (${reason}): new requests get 503; ${active} in-flight request(s) get up to ${options.shutdownTimeoutSecs} s`,
    );
    let drained: DrainResult = { completed: 0, cancelled: 0, abandoned: 0 };
    try {
      drained = await options.controller.drain({
        timeoutMs: options.shutdownTimeoutSecs * 1000,
        cancelGraceMs: options.cancelGraceMs ?? 5000,
      });
    } catch (error) {
      logger.error('Draining in-flight requests failed', { error });
    }
    if (drained.cancelled > 0) {
      logger.warn(`Cancelled ${drained.cancelled} request(s) still running after ${options.shutdownTimeoutSecs} s`);
    }
    try {
      await options.runtime.close({ signal: AbortSignal.timeout(options.runtimeCloseTimeoutMs ?? 5000) });
    } catch (error) {
      logger.warn('Closing MCP connections did not finish cleanly', { error });
    }
    await options.server.close({ graceMs: options.closeGraceMs ?? 5000 });
    logger.info('Server stopped');
  };

  return {
    shutdown(reason = 'shutdown requested') {
      running ??= run(reason).finally(markDone);
      return running;
    },
    done,
    get started() {
      return running !== undefined;
    },
  };
}

/** Options of {@link installShutdownSignals}. */
export interface ShutdownSignalsOptions {
  /** Called on the first signal. */
  readonly onSignal: (signal: NodeJS.Signals) => void;
  /** Called on any later signal. Default: exit at once with status 1. */
  readonly onRepeat?: (signal: NodeJS.Signals) => void;
  /** Default `['SIGTERM', 'SIGINT']`. */
  readonly signals?: readonly NodeJS.Signals[];
}

/**
 * Installs process signal handlers: the first SIGTERM/SIGINT starts the graceful shutdown, a second one exits
 * immediately. Returns the function that removes the handlers.
 */
export function installShutdownSignals(options: ShutdownSignalsOptions): () => void {
  const signals = options.signals ?? ['SIGTERM', 'SIGINT'];
  let received = false;
  const handler = (signal: NodeJS.Signals): void => {
    if (received) {
      (options.onRepeat ?? (() => process.exit(1)))(signal);
      return;
    }
    received = true;
    options.onSignal(signal);
  };
  for (const signal of signals) process.on(signal, handler);
  return () => {
    for (const signal of signals) process.off(signal, handler);
  };
}
