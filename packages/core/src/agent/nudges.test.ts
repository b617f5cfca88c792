import { describe, expect, it } from 'vitest';
import { createTurnNudger, lastTurnNudgeText, wrapUpNudgeText } from './nudges.js';

describe('createTurnNudger (core-spec §3.5, case 59)', () => {
  it('is off when both flags are off', () => {
    expect(createTurnNudger(undefined, 3)).toBeUndefined();
    expect(createTurnNudger({ lastTurn: false, variant: 'agent' }, 3)).toBeUndefined();
  });

  it('max_depth 3, last turn only: nothing in turns 1-3, FINAL once in turn 4, nothing in turn 5', () => {
    const nudger = createTurnNudger({ lastTurn: true, variant: 'agent' }, 3);
    for (const turn of [1, 2, 3]) expect(nudger?.nudgeFor(turn)).toBeUndefined();
    expect(nudger?.nudgeFor(4)).toBe(`\n\n---\n${lastTurnNudgeText('agent')}`);
    expect(nudger?.nudgeFor(4)).toBeUndefined();
    expect(nudger?.nudgeFor(5)).toBeUndefined();
  });

  it('max_depth 4, threshold 3: turn 2 none, turns 3/4/5 count down 3/2/1', () => {
    const nudger = createTurnNudger({ lastTurn: false, turnsRemaining: 3, variant: 'agent' }, 4);
    expect(nudger?.nudgeFor(2)).toBeUndefined();
    expect(nudger?.nudgeFor(3)).toContain('Only 3 turn(s) remain');
    expect(nudger?.nudgeFor(4)).toContain('Only 2 turn(s) remain');
    expect(nudger?.nudgeFor(5)).toContain('Only 1 turn(s) remain');
    expect(nudger?.nudgeFor(6)).toBeUndefined();
  });

  it('both flags, max_depth 2: turn 3 gets the FINAL notice', () => {
    const nudger = createTurnNudger({ lastTurn: true, turnsRemaining: 2, variant: 'agent' }, 2);
    expect(nudger?.nudgeFor(2)).toContain('Only 2 turn(s) remain');
    expect(nudger?.nudgeFor(3)).toContain('[TURN LIMIT — FINAL TURN]');
  });

  it('threshold 0 never warns, not even on the second-to-last turn', () => {
    const nudger = createTurnNudger({ lastTurn: false, turnsRemaining: 0, variant: 'agent' }, 1);
    expect([1, 2, 3].map((turn) => nudger?.nudgeFor(turn))).toEqual([undefined, undefined, undefined]);
  });

  it('uses submit_result wording for workers', () => {
    const nudger = createTurnNudger({ lastTurn: true, turnsRemaining: 2, variant: 'worker' }, 2);
    expect(nudger?.nudgeFor(2)).toContain('submit your findings via the `submit_result` tool before the limit');
    expect(nudger?.nudgeFor(3)).toContain('Call the `submit_result` tool NOW with your findings');
  });

  it('has the reference texts', () => {
    expect(lastTurnNudgeText('agent')).toBe(
      '[TURN LIMIT — FINAL TURN] Your next turn is the LAST one before this task is terminated and all work is lost. Respond with your final answer now — do not call any more tools. Partial results are better than none.',
    );
    expect(wrapUpNudgeText('agent', 2)).toBe(
      '[TURN LIMIT WARNING] Only 2 turn(s) remain before this task is forcibly terminated. Start wrapping up: make only the most essential remaining tool calls, then deliver your final answer before the limit is reached.',
    );
  });
});
