/** Agent selection by the request's `model` (server-spec §7.3). */
import { AuraError } from '@aura/events';
import type { HttpErrorData } from '../errors-to-http.js';

/** A loaded agent as routing sees it. */
export interface SelectableAgent {
  /** Effective id: `agent.alias` if set, else `agent.name`. */
  readonly id: string;
  /** Hidden agents are absent from `/v1/models` but still selectable. */
  readonly hidden?: boolean;
}

/** Options of {@link selectAgent}. */
export interface SelectAgentOptions<A extends SelectableAgent = SelectableAgent> {
  readonly agents: readonly A[];
  /** The request's `model`; blank counts as absent. */
  readonly model?: string | undefined;
  /** `DEFAULT_AGENT`, used when `model` is absent. */
  readonly defaultAgent?: string | undefined;
}

/**
 * Picks the agent that serves a request:
 * - exactly one agent loaded → it, whatever `model` says;
 * - else `model` (or `DEFAULT_AGENT` when absent) must equal an effective id exactly (hidden agents
 *   included; an aliased agent is not reachable by its name).
 *
 * @returns the selected agent.
 * @throws {AuraError} `MODEL_NOT_FOUND` (404, OpenAI body; `data.model` = the name) when nothing
 *   matches; `REQUEST_INVALID` (400) `you must provide a model parameter` when neither `model` nor a
 *   default is set; `INTERNAL` when no agent is loaded.
 */
export function selectAgent<A extends SelectableAgent>(options: SelectAgentOptions<A>): A {
  const { agents } = options;
  const only = agents.length === 1 ? agents[0] : undefined;
  if (only !== undefined) return only;
  if (agents.length === 0) throw new AuraError('INTERNAL', 'No agent configuration is loaded');
  const requested = options.model?.trim();
  const name = requested === undefined || requested === '' ? options.defaultAgent : requested;
  if (name === undefined || name === '') {
    throw new AuraError<HttpErrorData>('REQUEST_INVALID', 'you must provide a model parameter');
  }
  const match = agents.find((agent) => agent.id === name);
  if (match === undefined) {
    throw new AuraError<HttpErrorData>(
      'MODEL_NOT_FOUND',
      `The model \`${name}\` does not exist or you do not have access to it.`,
      { data: { model: name, param: 'model' } },
    );
  }
  return match;
}
