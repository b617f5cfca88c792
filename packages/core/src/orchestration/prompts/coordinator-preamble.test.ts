import { describe, expect, it } from 'vitest';
import { flattenSteps } from '../plan/flatten-steps.js';
import { stepsSchema } from '../plan/step.js';
import { buildCoordinatorPreamble, type CoordinatorPreambleOptions } from './coordinator-preamble.js';

const base: CoordinatorPreambleOptions = {
  customInstructions: 'You help the SRE team of ACME.',
  reconTools: false,
  listPriorRuns: false,
  escapeHatch: true,
};

describe('buildCoordinatorPreamble (orchestration-spec §1.3)', () => {
  it('names the routing and artifact tools and requires exactly one routing call', () => {
    const text = buildCoordinatorPreamble(base);
    expect(text).toContain('`respond_directly`, `create_plan`, `request_clarification`');
    expect(text).toContain('one artifact tool (`read_artifact`)');
    expect(text).toMatch(/exactly one routing tool/);
    expect(text).toContain('## Custom Instructions\n\nYou help the SRE team of ACME.');
    expect(text).not.toContain('list_tools');
    expect(text).toMatch(/not tools you can call/);
  });

  it('mentions recon tools only when they are registered, with guidance against overusing them', () => {
    const text = buildCoordinatorPreamble({ ...base, reconTools: true, listPriorRuns: true });
    expect(text).toContain('two reconnaissance tools (`list_tools`, `inspect_tool_params`)');
    expect(text).toContain('two artifact/history tools (`read_artifact`, `list_prior_runs`)');
    expect(text).toContain('## Reconnaissance');
    expect(text).toMatch(/turn budget/);
  });

  it('drops the tool-gap rule when the escape hatch is off', () => {
    expect(buildCoordinatorPreamble(base)).toContain('Resolve tool gaps pragmatically');
    expect(buildCoordinatorPreamble({ ...base, escapeHatch: false })).not.toContain('Resolve tool gaps pragmatically');
  });

  it('teaches task-description quality and both artifact footers', () => {
    const text = buildCoordinatorPreamble(base);
    expect(text).toMatch(/do NOT see the conversation history/);
    expect(text).toMatch(/pronouns/);
    expect(text).toContain('[Full result (N chars) saved to artifact: <file>]');
    expect(text).toContain('[Tool output saved to artifact: <file>]');
    expect(text).toContain('`read_artifact`');
  });

  it('contains two JSON step examples that are valid plans (sequential; parallel then sequential)', () => {
    const examples = [...buildCoordinatorPreamble(base).matchAll(/```json\n([\s\S]*?)\n```/g)].map((match) =>
      stepsSchema.parse(JSON.parse(match[1] ?? '')),
    );
    expect(examples).toHaveLength(2);
    const [sequential, mixed] = examples.map((steps) => flattenSteps(steps));
    expect(sequential?.ok && sequential.tasks.map((task) => task.dependencies)).toEqual([[], [0]]);
    expect(mixed?.ok && mixed.tasks.map((task) => task.dependencies)).toEqual([[], [], [1], [0, 2]]);
  });

  it('layers skills, knowledge bases and session history after the template, in that order', () => {
    const text = buildCoordinatorPreamble({
      ...base,
      customInstructions: '   ',
      skillCatalog: '\n## Skills\n- triage',
      knowledgeBases: [{ name: 'kb', contextPrefix: 'Runbooks' }],
      sessionHistory: '## Session History\n\nturns',
    });
    expect(text).not.toContain('## Custom Instructions');
    const order = ['## Skills', '## Available Knowledge Bases', '## Session History'].map((part) => text.indexOf(part));
    expect(order.every((index) => index > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(text).toContain('- **kb**: Runbooks (search with `vector_search_kb`)');
    expect(text.endsWith('\n\n## Session History\n\nturns')).toBe(true);
  });

  it('adds nothing for absent optional parts', () => {
    const text = buildCoordinatorPreamble({ ...base, knowledgeBases: [], sessionHistory: '', skillCatalog: '' });
    expect(text).toBe(buildCoordinatorPreamble(base));
    expect(text.endsWith('\n')).toBe(true);
    expect(text).not.toMatch(/undefined/);
  });
});
