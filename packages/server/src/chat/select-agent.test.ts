import { AuraError } from '@aura/events';
import { describe, expect, it } from 'vitest';
import { auraErrorToHttp, selectAgent } from '../index.js';

const a = { id: 'a' };
const b = { id: 'b', hidden: true };

function httpOf(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AuraError);
    return auraErrorToHttp(error);
  }
  throw new Error('expected a rejection');
}

describe('selectAgent (§7.3)', () => {
  it('always picks the only agent, whatever model says (§16 case 8)', () => {
    expect(selectAgent({ agents: [a], model: 'anything' })).toBe(a);
    expect(selectAgent({ agents: [a] })).toBe(a);
  });

  it('matches model against effective ids, hidden agents included', () => {
    expect(selectAgent({ agents: [a, b], model: 'b' })).toBe(b);
  });

  it('falls back to DEFAULT_AGENT when model is absent or blank (§16 case 7)', () => {
    expect(selectAgent({ agents: [a, b], defaultAgent: 'b' })).toBe(b);
    expect(selectAgent({ agents: [a, b], model: ' ', defaultAgent: 'b' })).toBe(b);
    expect(selectAgent({ agents: [a, b], model: 'a', defaultAgent: 'b' })).toBe(a);
  });

  it('answers an unknown model with the OpenAI 404 body (format B)', () => {
    expect(httpOf(() => selectAgent({ agents: [a, b], model: 'gpt-5' }))).toEqual({
      status: 404,
      body: {
        error: {
          message: 'The model `gpt-5` does not exist or you do not have access to it.',
          type: 'invalid_request_error',
          param: 'model',
          code: 'model_not_found',
        },
      },
    });
  });

  it('answers a missing model without a default with 400 in format A (quirk Q3 kept)', () => {
    expect(httpOf(() => selectAgent({ agents: [a, b] }))).toEqual({
      status: 400,
      body: { error: { message: 'you must provide a model parameter', type: 'invalid_request_error' } },
    });
  });

  it('reports an empty agent list as a server failure', () => {
    expect(httpOf(() => selectAgent({ agents: [] }))).toMatchObject({ status: 500 });
  });
});
