import { describe, expect, it } from 'vitest';
import {
  buildWorkerPreamble,
  buildWorkerTaskPrompt,
  NO_CUSTOM_INSTRUCTIONS,
  WORKER_CORRECTION_MESSAGE,
  WORKER_TASK_GUIDANCE,
} from './worker-prompts.js';

describe('buildWorkerTaskPrompt (orchestration-spec §2.4, case 4)', () => {
  it('lays out completed dependencies byte-exactly', () => {
    const prompt = buildWorkerTaskPrompt({
      description: 'Multiply the two results',
      completedDependencies: [
        { id: 0, description: 'Compute the mean', result: '20' },
        { id: 1, description: 'Compute the median', result: '20\nexact' },
      ],
    });
    expect(prompt).toBe(
      `YOUR TASK: Multiply the two results\n\nCOMPLETED — Task 0 (Compute the mean):\n20\n\n---\n\nCOMPLETED — Task 1 (Compute the median):\n20\nexact\n\n\n\n${WORKER_TASK_GUIDANCE}\n`,
    );
  });

  it('has an empty context block without completed dependencies', () => {
    expect(buildWorkerTaskPrompt({ description: 'T', completedDependencies: [] })).toBe(
      `YOUR TASK: T\n\n\n\n${WORKER_TASK_GUIDANCE}\n`,
    );
  });

  it('guides towards tools, read_artifact and submit_result', () => {
    expect(WORKER_TASK_GUIDANCE).toContain('[Tool output saved to artifact:');
    expect(WORKER_TASK_GUIDANCE).toContain('read_artifact');
    expect(WORKER_TASK_GUIDANCE).toContain('submit_result');
  });
});

describe('buildWorkerPreamble (orchestration-spec §2.1)', () => {
  it('uses the placeholder for a generic worker without instructions', () => {
    const prompt = buildWorkerPreamble({});
    expect(prompt.startsWith('# Worker Agent\n')).toBe(true);
    expect(prompt).toContain(`## Instructions\n\n${NO_CUSTOM_INSTRUCTIONS}\n`);
    expect(NO_CUSTOM_INSTRUCTIONS).toBe('(No custom instructions provided)');
  });

  it('states the mandatory submit_result contract and the other rules', () => {
    const prompt = buildWorkerPreamble({ customInstructions: 'You are a statistics expert.' });
    expect(prompt).toContain('You are a statistics expert.');
    expect(prompt).toContain('`submit_result`');
    for (const word of [
      '`summary`',
      '`result`',
      '`high`',
      '`medium`',
      '`low`',
      'fabricate',
      'read_artifact',
      'Scope',
    ]) {
      expect(prompt).toContain(word);
    }
    expect(prompt).not.toContain('Available Knowledge Bases');
  });

  it('appends knowledge bases, scratchpad instructions and the skill catalog in that order', () => {
    const prompt = buildWorkerPreamble({
      customInstructions: 'x',
      knowledgeBases: [{ name: 'runbooks', contextPrefix: 'SRE runbooks' }, { name: 'misc' }],
      scratchpadBlock: '\n\n## Scratchpad\nuse it',
      skillCatalog: '\n\n## Skills\nskill list',
    });
    expect(prompt).toContain('- **runbooks**: SRE runbooks (search with `vector_search_runbooks`)');
    expect(prompt).toContain('- **misc**: No description provided (search with `vector_search_misc`)');
    const order = ['## Available Knowledge Bases', '## Scratchpad', '## Skills'].map((part) => prompt.indexOf(part));
    expect(order.every((index) => index > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });
});

describe('WORKER_CORRECTION_MESSAGE (§2.5)', () => {
  it('is tagged and names submit_result', () => {
    expect(WORKER_CORRECTION_MESSAGE.startsWith('[SYSTEM CORRECTION]')).toBe(true);
    expect(WORKER_CORRECTION_MESSAGE).toContain('submit_result');
  });
});
