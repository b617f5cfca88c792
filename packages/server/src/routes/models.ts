/** `GET /v1/models` (server-spec §5): the visible agents as OpenAI models. */
import type { AgentDescriptor } from '@aura/core';
import { type ModelList, modelList, modelObject } from '@aura/events';
import type { Hono } from 'hono';
import type { AppEnv } from '../http/app-env.js';

/** The model list: one entry per agent in load order, hidden agents excluded, ids = alias else name. */
export function modelListBody(agents: readonly AgentDescriptor[]): ModelList {
  return modelList(
    agents
      .filter((agent) => !agent.hidden)
      .map((agent) =>
        modelObject({
          id: agent.id,
          created: Math.floor(agent.createdAt / 1000),
          owned_by: agent.ownedBy,
          description: agent.description,
        }),
      ),
  );
}

/** Mounts `GET /v1/models`. */
export function mountModelsRoute(app: Hono<AppEnv>, agents: readonly AgentDescriptor[]): void {
  const body = modelListBody(agents);
  app.get('/v1/models', (c) => c.json(body));
}
