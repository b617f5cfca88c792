/**
 * The turn source shared by the scripted model and the mock provider server: queued turns first (in order),
 * then the first matching rule that still has uses left.
 */
import type { ConversationView } from '../conversation/conversation-view.js';
import type { ModelTurn } from './model-turn.js';
import { type MockRule, matchesRule } from './rules.js';

/** A chosen turn and where it came from (`'queue'` or `'rule:<name or index>'`). */
export interface SelectedTurn {
  readonly turn: ModelTurn;
  readonly source: string;
}

/** Queue + rules. Not thread-safe by design: JavaScript runs one selection at a time. */
export class TurnScript {
  #queue: ModelTurn[] = [];
  #rules: readonly MockRule[] = [];
  #uses = new Map<MockRule, number>();

  constructor(turns: readonly ModelTurn[] = [], rules: readonly MockRule[] = []) {
    this.#queue = [...turns];
    this.#rules = [...rules];
  }

  /** Number of queued turns not yet played. */
  get pending(): number {
    return this.#queue.length;
  }

  /** Appends turns to the queue. */
  enqueue(...turns: ModelTurn[]): void {
    this.#queue.push(...turns);
  }

  /** Replaces the rules (and their use counts). */
  setRules(rules: readonly MockRule[]): void {
    this.#rules = [...rules];
    this.#uses = new Map();
  }

  /** Empties the queue, then installs `rules`. */
  reset(rules: readonly MockRule[]): void {
    this.#queue = [];
    this.setRules(rules);
  }

  /** The next turn for `view`, or `undefined` when nothing was scripted for it. Rule reply errors propagate. */
  async select(view: ConversationView): Promise<SelectedTurn | undefined> {
    const queued = this.#queue.shift();
    if (queued !== undefined) return { turn: queued, source: 'queue' };
    for (const [index, rule] of this.#rules.entries()) {
      const used = this.#uses.get(rule) ?? 0;
      if (rule.times !== undefined && used >= rule.times) continue;
      if (!matchesRule(rule.match, view)) continue;
      this.#uses.set(rule, used + 1);
      const turn = typeof rule.reply === 'function' ? await rule.reply(view) : rule.reply;
      return { turn, source: `rule:${rule.name ?? index}` };
    }
    return undefined;
  }
}
