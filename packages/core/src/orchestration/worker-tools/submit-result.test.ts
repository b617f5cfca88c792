import { describe, expect, it } from 'vitest';
import { createSubmitResultTool } from './submit-result.js';

const context = () => ({ toolCallId: 'call-1', signal: new AbortController().signal });

describe('submit_result (orchestration-spec §2.5, case 24)', () => {
  it('keeps the first submission and reports later calls', async () => {
    const { tool, state } = createSubmitResultTool();
    expect(state.submission).toBeUndefined();
    const first = await tool.execute({ summary: 'mean=20', result: '20', confidence: 'HIGH' }, context());
    expect(first).toEqual({ text: '{"status":"Result submitted."}', isError: false });
    const second = await tool.execute({ summary: 'other', result: '21', confidence: 'low' }, context());
    expect(second).toEqual({ text: '{"status":"Result already submitted (first submission kept)."}', isError: false });
    expect(state.submission).toEqual({ summary: 'mean=20', result: '20', confidence: 'high' });
  });

  it.each([
    ['weird', 'medium'],
    ['Low', 'low'],
    ['medium', 'medium'],
    ['', 'medium'],
  ])('normalises confidence %j to %s', async (confidence, expected) => {
    const { tool, state } = createSubmitResultTool();
    await tool.execute({ summary: 's', result: 'r', confidence }, context());
    expect(state.submission?.confidence).toBe(expected);
  });

  it('rejects missing arguments without recording anything', async () => {
    const { tool, state } = createSubmitResultTool();
    const output = await tool.execute({ summary: 's', confidence: 'high' }, context());
    expect(output.isError).toBe(true);
    expect(output.text).toMatch(/^JsonError: invalid arguments for tool 'submit_result': result/);
    expect(state.submission).toBeUndefined();
  });

  it('advertises the three required parameters and is an orchestration tool', () => {
    const { tool } = createSubmitResultTool();
    expect(tool.name).toBe('submit_result');
    expect(tool.kind).toBe('orchestration');
    expect(tool.inputSchema).toMatchObject({
      required: ['summary', 'result', 'confidence'],
      properties: { confidence: { enum: ['high', 'medium', 'low'] } },
    });
  });

  it('gives every instance its own state', async () => {
    const a = createSubmitResultTool();
    const b = createSubmitResultTool();
    await a.tool.execute({ summary: 's', result: 'r', confidence: 'high' }, context());
    expect(b.state.submission).toBeUndefined();
  });
});
