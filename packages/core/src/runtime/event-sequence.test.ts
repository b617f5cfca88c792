import { describe, expect, it } from 'vitest';
import { eventSequence, type SequenceTail } from './event-sequence.js';

/** A tail generator that records whether its clean-up ran; it is started (first event taken) by the head. */
function tracked(events: readonly string[]): { tail: AsyncGenerator<string, string, undefined>; log: string[] } {
  const log: string[] = [];
  async function* tail(): AsyncGenerator<string, string, undefined> {
    try {
      for (const event of events) yield event;
      return 'tail result';
    } finally {
      log.push('tail finally');
    }
  }
  return { tail: tail(), log };
}

async function* head(
  prefix: readonly string[],
  tail: AsyncGenerator<string, unknown, undefined> | undefined,
  log: string[] = [],
): AsyncGenerator<string, SequenceTail<string> | undefined, undefined> {
  let handedOver = false;
  try {
    for (const event of prefix) yield event;
    if (tail === undefined) return undefined;
    const first = await tail.next();
    if (first.done === true) return undefined;
    yield first.value;
    handedOver = true;
    return tail;
  } finally {
    log.push('head finally');
    if (!handedOver) await tail?.return(undefined);
  }
}

async function drain(sequence: AsyncGenerator<string, void, undefined>): Promise<string[]> {
  const seen: string[] = [];
  for await (const event of sequence) seen.push(event);
  return seen;
}

describe('eventSequence', () => {
  it("reads the head's events, then the tail's, and ends with the tail (its result not passed on)", async () => {
    const { tail, log } = tracked(['t1', 't2', 't3']);
    const sequence = eventSequence(head(['h1', 'h2'], tail));
    expect(await drain(sequence)).toEqual(['h1', 'h2', 't1', 't2', 't3']);
    expect(log).toEqual(['tail finally']);
    expect(await sequence.next()).toEqual({ done: true, value: undefined });
  });

  it('ends with the head when it returns no tail', async () => {
    expect(await drain(eventSequence(head(['h1'], undefined)))).toEqual(['h1']);
  });

  it("hands out the tail's own next() promises once handed over", async () => {
    const { tail } = tracked(['t1', 't2']);
    const sequence = eventSequence(head([], tail));
    expect(await sequence.next()).toEqual({ done: false, value: 't1' });
    // Handed over at the head's end: the next call goes to the tail.
    expect(await sequence.next()).toEqual({ done: false, value: 't2' });
    const spy = tail.next.bind(tail);
    let calls = 0;
    tail.next = (...args) => {
      calls += 1;
      return spy(...args);
    };
    expect(await sequence.next()).toEqual({ done: true, value: 'tail result' });
    expect(calls).toBe(1);
  });

  it('return() during the head runs the clean-up of the head and of the started tail', async () => {
    const headLog: string[] = [];
    const { tail, log } = tracked(['t1', 't2']);
    const sequence = eventSequence(head(['h1'], tail, headLog));
    expect(await sequence.next()).toEqual({ done: false, value: 'h1' });
    expect(await sequence.next()).toEqual({ done: false, value: 't1' });
    // Still in the head (suspended at the tail's first event): both clean up.
    expect(await sequence.return(undefined)).toEqual({ done: true, value: undefined });
    expect(headLog).toEqual(['head finally']);
    expect(log).toEqual(['tail finally']);
    expect(await sequence.next()).toEqual({ done: true, value: undefined });
  });

  it('return() once handed over finishes the tail (its finally runs)', async () => {
    const { tail, log } = tracked(['t1', 't2', 't3']);
    const sequence = eventSequence(head([], tail));
    await sequence.next();
    await sequence.next();
    expect(log).toEqual([]);
    expect(await sequence.return(undefined)).toEqual({ done: true, value: undefined });
    expect(log).toEqual(['tail finally']);
  });

  it('return() while the hand-over is in flight still finishes the tail instead of reading it', async () => {
    const { tail, log } = tracked(['t1', 't2']);
    const sequence = eventSequence(head([], tail));
    await sequence.next(); // t1: the head is suspended at its yield
    const pending = sequence.next(); // the head returns the tail: hand-over in flight
    const stopped = sequence.return(undefined);
    expect(await stopped).toEqual({ done: true, value: undefined });
    expect(await pending).toEqual({ done: true, value: undefined });
    expect(log).toEqual(['tail finally']);
  });

  it('throw() goes to the current generator', async () => {
    const { tail, log } = tracked(['t1', 't2', 't3']);
    const sequence = eventSequence(head([], tail));
    await sequence.next();
    await sequence.next();
    await expect(sequence.throw(new Error('boom'))).rejects.toThrow('boom');
    expect(log).toEqual(['tail finally']);
  });
});
