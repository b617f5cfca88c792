import type { LlmConfig } from '@aura/config';
import { defineConfig } from '@aura/config';
import {
  type MockProviderServer,
  reasoning,
  startMockProvider,
  startTestMcpHttpServer,
  type TestMcpHttpServer,
  text,
  toolCall,
  toolResults,
  turn,
  usage,
} from '@aura/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgentRuntime } from '../src/runtime/create-agent-runtime.js';
import { collect, first, llmFor, mockRuntime } from './runtime-fixtures.js';

const PROVIDERS: readonly LlmConfig['provider'][] = [
  'openai',
  'anthropic',
  'gemini',
  'ollama',
  'openrouter',
  'bedrock',
];

describe('one agent per provider wire: text, reasoning and an MCP tool call end to end', () => {
  let mock: MockProviderServer;
  let mcp: TestMcpHttpServer;
  beforeAll(async () => {
    mock = await startMockProvider();
    mcp = await startTestMcpHttpServer({ transport: 'streamable-http' });
  });
  afterAll(async () => {
    await mock.close();
    await mcp.close();
  });

  for (const provider of PROVIDERS) {
    it(`${provider}`, async () => {
      mock.reset();
      mock.enqueue(
        turn(
          reasoning('I should echo it.', { signature: 'sig-1' }),
          toolCall('echo', { message: `hi ${provider}` }),
          usage(50, 8),
        ),
        turn(text('The tool said hi back.'), usage(70, 6)),
      );
      const runtime = mockRuntime(mock, [
        {
          id: 'agent',
          config: {
            agent: { name: 'agent', system_prompt: `You test ${provider}.`, llm: llmFor(provider) },
            mcp: { servers: { test: { transport: 'http_streamable', url: mcp.url } } },
          },
        },
      ]);
      try {
        const events = await collect(runtime, { agentId: 'agent', query: 'Say hi through the echo tool.' });
        const types = events.map((event) => event.type);
        expect(types[0]).toBe('run-start');
        expect(types[1]).toBe('mcp-status');
        expect(types.at(-1)).toBe('run-finish');
        expect(first(events, 'run-start').model).toBe(`${provider}/${llmFor(provider)?.model}`);
        expect(first(events, 'mcp-status').servers).toEqual([
          expect.objectContaining({ serverName: 'test', status: 'connected' }),
        ]);
        // OpenAI's Chat Completions API never streams reasoning (see the compatible-server case below).
        expect(events.some((event) => event.type === 'reasoning-delta')).toBe(provider !== 'openai');
        expect(first(events, 'tool-call')).toMatchObject({
          toolName: 'echo',
          arguments: { message: `hi ${provider}` },
        });
        const result = first(events, 'tool-result');
        expect(result).toMatchObject({ toolName: 'echo', toolKind: 'mcp', success: true });
        expect(result.output).toContain(`hi ${provider}`);
        expect(
          events
            .filter((event) => event.type === 'text-delta')
            .map((event) => event.delta)
            .join(''),
        ).toBe('The tool said hi back.');
        const finish = first(events, 'run-finish');
        expect(finish).toMatchObject({ text: 'The tool said hi back.', finishReason: 'stop' });
        expect(finish.usage.inputTokens).toBe(120);
        expect(finish.usage.outputTokens).toBe(14);
        // The provider saw the tool result on its second call, through its own wire format.
        const second = mock.chatRequests[1];
        expect(second).toBeDefined();
        if (second !== undefined) expect(JSON.stringify(toolResults(second))).toContain(`hi ${provider}`);
      } finally {
        await runtime.close();
      }
    });
  }

  it('openai with base_url (an OpenAI-compatible server) streams reasoning_content as reasoning', async () => {
    mock.reset();
    mock.enqueue(turn(reasoning('Thinking it over.'), text('Done.'), usage(10, 3)));
    const runtime = createAgentRuntime({
      agents: [
        {
          id: 'compat',
          config: defineConfig({
            agent: {
              name: 'compat',
              system_prompt: 'S',
              llm: { provider: 'openai', api_key: 'k', model: 'qwen3', base_url: mock.urls.openai },
            },
          }),
        },
      ],
    });
    try {
      const events = await collect(runtime, { agentId: 'compat', query: 'hi' });
      const reasoningText = events
        .filter((event) => event.type === 'reasoning-delta')
        .map((event) => event.delta)
        .join('');
      expect(reasoningText).toBe('Thinking it over.');
      expect(first(events, 'run-finish').text).toBe('Done.');
    } finally {
      await runtime.close();
    }
  });
});
