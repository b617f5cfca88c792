import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  AURA_EVENT_NAMES,
  type AuraEventData,
  type AuraEventName,
  type AuraToolRequestedData,
  type AuraWireEvent,
  approvalEvent,
  auraEvent,
  isAuraEventName,
  isAuraWireEvent,
  orchestratorEvent,
} from './index.js';

describe('AuraWireEvent', () => {
  it('has one member per event name', () => {
    expectTypeOf<AuraWireEvent['event']>().toEqualTypeOf<AuraEventName>();
    expectTypeOf<AuraEventData<'aura.tool_requested'>>().toEqualTypeOf<AuraToolRequestedData>();
  });

  it('has a constructor for every event name, and names are unique', () => {
    const names = Object.values(AURA_EVENT_NAMES);
    expect(new Set(names).size).toBe(names.length);
    const constructors = Object.keys(auraEvent).length + Object.keys(orchestratorEvent).length;
    expect(constructors + Object.keys(approvalEvent).length).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^aura\.([a-z_]+\.)?[a-z_]+$/);
  });

  it('recognises known names only', () => {
    expect(isAuraEventName('aura.tool_complete')).toBe(true);
    expect(isAuraEventName('aura.orchestrator.plan_created')).toBe(true);
    expect(isAuraEventName('aura.context_usage')).toBe(false);
    expect(isAuraEventName('aura.orchestrator.phase_started')).toBe(false);
  });

  it('narrows by event name in a switch', () => {
    const event: AuraWireEvent = auraEvent.usage({
      prompt_tokens: 1,
      completion_tokens: 2,
      total_tokens: 3,
      session_id: 's',
    });
    let total = 0;
    if (event.event === 'aura.usage') total = event.data.total_tokens;
    expect(total).toBe(3);
  });

  it('guards the { event, data } shape', () => {
    expect(isAuraWireEvent(auraEvent.reasoning({ content: 'x', agent_id: 'main', session_id: 's' }))).toBe(true);
    expect(isAuraWireEvent({ event: 'aura.usage', data: [] })).toBe(false);
    expect(isAuraWireEvent({ event: 'aura.nope', data: {} })).toBe(false);
    expect(isAuraWireEvent({ event: 'aura.usage' })).toBe(false);
    expect(isAuraWireEvent(null)).toBe(false);
  });
});
