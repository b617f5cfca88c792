import { request as httpRequest, type IncomingMessage } from 'node:http';
import { defineConfig } from '@aura/config';
import { type AgentRuntime, describeAgent, type RunRequest } from '@aura/core';
import { type RuntimeEvent, runtimeEvent } from '@aura/events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAuraServer } from '../src/index.js';
import { agentConfig, TestHarness } from './server-fixtures.js';

const descriptor = describeAgent({ id: 'a', config: defineConfig(agentConfig({ name: 'a' })) });

/** A runtime of one agent `a` whose runs are `run`. */
function fakeRuntime(run: AgentRuntime['run']): AgentRuntime {
  return {
    agents: [descriptor],
    agent: (id) => (id === 'a' ? descriptor : undefined),
    run,
    start: async () => undefined,
    listTools: async () => [],
    mcpStatus: () => [],
    close: async () => undefined,
  };
}

/** A runtime whose runs stream text deltas of `deltaBytes` forever, counting how often they are pulled. */
function endlessRuntime(deltaBytes: number) {
  const state = { pulls: 0, finalized: false, signal: undefined as AbortSignal | undefined };
  const delta = 'x'.repeat(deltaBytes);
  const runtime = fakeRuntime(async function* run(request: RunRequest): AsyncGenerator<RuntimeEvent, void, undefined> {
    state.signal = request.signal;
    try {
      state.pulls += 1;
      yield runtimeEvent.runStart({ runId: 'r', model: descriptor.label, mode: 'single' });
      for (;;) {
        state.pulls += 1;
        yield runtimeEvent.textDelta({ agent: { agentId: 'main' }, delta });
      }
    } finally {
      state.finalized = true;
    }
  });
  return { runtime, state };
}

/**
 * A runtime whose runs deliver text deltas of `deltaBytes` through the request's direct sink (as a model turn with
 * Aura's Chat Completions client does) until it refuses, then wait for its resume; counts the deliveries.
 */
function directRuntime(deltaBytes: number) {
  const state = { delivered: 0, resumes: 0, finalized: false, signal: undefined as AbortSignal | undefined };
  const delta = 'x'.repeat(deltaBytes);
  const agent = { agentId: 'main' };
  const runtime = fakeRuntime(async function* run(request: RunRequest): AsyncGenerator<RuntimeEvent, void, undefined> {
    state.signal = request.signal;
    const sink = request.directEvents;
    if (sink === undefined) throw new Error('the Node-served stream passes no direct sink');
    try {
      yield runtimeEvent.runStart({ runId: 'r', model: descriptor.label, mode: 'single' });
      yield runtimeEvent.stepStart({ agent, step: 1 });
      await new Promise<void>((resolve) => {
        const deliver = (): void => {
          while (!request.signal.aborted) {
            state.delivered += 1;
            if (!sink.event(runtimeEvent.textDelta({ agent, delta }))) {
              sink.onResume(() => {
                state.resumes += 1;
                deliver();
              });
              return;
            }
          }
          resolve();
        };
        request.signal.addEventListener('abort', () => resolve(), { once: true });
        deliver();
      });
    } finally {
      state.finalized = true;
    }
  });
  return { runtime, state };
}

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Waits until `value()` has not changed for `quietMs` (a producer that stalled), or fails after `maxMs`. */
async function stalled(value: () => number, quietMs = 300, maxMs = 10_000): Promise<number> {
  const started = performance.now();
  let last = value();
  let since = performance.now();
  while (performance.now() - started < maxMs) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    const current = value();
    if (current !== last) {
      last = current;
      since = performance.now();
    } else if (performance.now() - since >= quietMs) {
      return current;
    }
  }
  throw new Error(`still changing after ${maxMs} ms (now ${value()})`);
}

const harness = new TestHarness();
afterEach(() => harness.cleanup());

const streamBody = JSON.stringify({ messages: [{ role: 'user', content: 'go' }], stream: true });

describe('backpressure (STREAMING_BUFFER_SIZE)', () => {
  it('a body nobody reads pulls the run only until the buffer is full; reading resumes it; cancelling ends it', async () => {
    const { runtime, state } = endlessRuntime(10);
    const { app } = createAuraServer(runtime, { streamingBufferSize: 8, heartbeatIntervalSecs: 0 });
    const response = await app.request('/v1/chat/completions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: streamBody,
    });
    expect(response.status).toBe(200);
    for (let tick = 0; tick < 20; tick += 1) await settle();
    // run-start (no frame) + 8 text frames fill the queue; nothing more is produced.
    expect(state.pulls).toBe(9);
    const reader = response.body?.getReader();
    if (reader === undefined) throw new Error('no body');
    for (let read = 0; read < 5; read += 1) await reader.read();
    for (let tick = 0; tick < 20; tick += 1) await settle();
    expect(state.pulls).toBe(14);
    await reader.cancel();
    await vi.waitFor(() => expect(state.finalized).toBe(true));
    expect(state.signal?.aborted).toBe(true);
  });

  it('over a socket, a client that stops reading stalls the producer at a bounded amount of memory', async () => {
    const deltaBytes = 64 * 1024;
    const { runtime, state } = endlessRuntime(deltaBytes);
    const server = await harness.serveRuntime(runtime, { streamingBufferSize: 16, heartbeatIntervalSecs: 0 });
    const request = httpRequest(`${server.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
    });
    const gotResponse = new Promise<void>((resolve) => {
      request.on('response', (response) => {
        response.pause();
        resolve();
      });
    });
    request.on('error', () => undefined);
    request.end(streamBody);
    await gotResponse;
    const pulls = await stalled(() => state.pulls);
    // Kernel socket buffers and 16 queued frames hold a few MB at most; an unbounded producer would not stop.
    expect(pulls * deltaBytes).toBeLessThan(64 * 1024 * 1024);
    expect(state.finalized).toBe(false);
    request.destroy();
    await vi.waitFor(() => expect(state.finalized).toBe(true));
    expect(state.signal?.aborted).toBe(true);
    expect(server.controller.activeRuns).toBe(0);
  });

  it('over a socket, direct delivery pauses while the client does not read, resumes when it reads, and ends when it leaves', async () => {
    const deltaBytes = 64 * 1024;
    const { runtime, state } = directRuntime(deltaBytes);
    const server = await harness.serveRuntime(runtime, { streamingBufferSize: 16, heartbeatIntervalSecs: 0 });
    const request = httpRequest(`${server.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
    });
    let received = 0;
    const gotResponse = new Promise<IncomingMessage>((resolve) => {
      request.on('response', (response) => {
        response.pause();
        response.on('data', (chunk: Buffer) => {
          received += chunk.length;
        });
        resolve(response);
      });
    });
    request.on('error', () => undefined);
    request.end(streamBody);
    const response = await gotResponse;
    const paused = await stalled(() => state.delivered);
    expect(paused * deltaBytes).toBeLessThan(64 * 1024 * 1024);
    expect(state.finalized).toBe(false);
    // Reading drains the socket: the pump resumes the paused delivery.
    response.resume();
    await vi.waitFor(() => expect(state.resumes).toBeGreaterThan(0));
    await vi.waitFor(() => expect(state.delivered).toBeGreaterThan(paused + 16));
    expect(received).toBeGreaterThan(0);
    request.destroy();
    await vi.waitFor(() => expect(state.finalized).toBe(true));
    expect(state.signal?.aborted).toBe(true);
    expect(server.controller.activeRuns).toBe(0);
  });
});
