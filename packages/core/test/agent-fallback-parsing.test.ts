import { createScriptedModel, toolResults, turn } from '@aura/testkit';
import { describe, expect, it } from 'vitest';
import { runAgentLoop } from '../src/agent/run-agent-loop.js';
import { checkTranscript } from '../src/agent/transcript.js';
import { withFallbackToolParsing } from '../src/llm/ollama-text-tool-calls-middleware.js';
import { collect, eventsOf, recordingTool, type ToolExecution } from './agent-test-helpers.js';

describe('agent loop with Ollama fallback tool-call parsing (core-spec §8)', () => {
  for (const agent of [{ agentId: 'main' }, { agentId: 'weather', parentAgentId: 'coordinator', taskId: 2 }]) {
    it(`executes a tool call written as text and feeds the result back (${agent.agentId})`, async () => {
      const log: ToolExecution[] = [];
      const ollama = createScriptedModel({
        provider: 'ollama.chat',
        turns: [turn('{"name":"get_weather","arguments":{"city":"Paris"}}'), turn('It is sunny in Paris.')],
      });
      const tools = [recordingTool('get_weather', log, { reply: 'sunny, 21°C' })];
      const { events, result } = await collect(
        runAgentLoop({
          model: withFallbackToolParsing(ollama),
          system: 'weather bot',
          messages: [{ role: 'user', content: 'Weather in Paris?' }],
          tools,
          agent,
          turnDepth: 3,
          signal: new AbortController().signal,
        }),
      );
      expect(log.map((execution) => execution.args)).toEqual([{ city: 'Paris' }]);
      const call = eventsOf(events, 'tool-call')[0];
      expect(call).toMatchObject({ agent, toolName: 'get_weather', arguments: { city: 'Paris' } });
      expect(call?.toolCallId).toMatch(/^call_[0-9a-f]{24}$/);
      expect(toolResults(ollama.calls[1] ?? { view: undefined })).toEqual([
        { id: call?.toolCallId, name: 'get_weather', content: 'sunny, 21°C', isError: false },
      ]);
      expect(result.text).toBe('It is sunny in Paris.');
      expect(checkTranscript(result.transcript)).toEqual([]);
    });
  }
});
