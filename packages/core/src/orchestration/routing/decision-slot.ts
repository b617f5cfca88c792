import type { RoutingDecision } from './routing-decision.js';

/**
 * The routing tools' shared decision slot (orchestration-spec §1.4): first write wins until {@link clear}.
 * The driver clears it at the start of every coordinator attempt and stops the coordinator's stream as soon as
 * {@link decision} is set. Tool calls of one turn run in sequence or in parallel; either way `trySet` is
 * synchronous, so exactly one call wins.
 */
export class DecisionSlot {
  #decision: RoutingDecision | undefined;

  /** The stored decision, or `undefined` when no routing tool has succeeded since the last {@link clear}. */
  get decision(): RoutingDecision | undefined {
    return this.#decision;
  }

  /** Stores `decision` if the slot is empty; returns whether it was stored. */
  trySet(decision: RoutingDecision): boolean {
    if (this.#decision !== undefined) return false;
    this.#decision = decision;
    return true;
  }

  /** Empties the slot. */
  clear(): void {
    this.#decision = undefined;
  }
}
