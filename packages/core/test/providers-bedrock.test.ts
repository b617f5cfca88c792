import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type MockProviderServer, startMockProvider, toolNames } from '@aura/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLanguageModel } from '../src/llm/model-factory.js';
import { chatBody, runWeather, SYSTEM, toolTurn } from './providers-fixtures.js';

let server: MockProviderServer;
let scratch: string;
beforeAll(async () => {
  server = await startMockProvider();
  scratch = await mkdtemp(join(tmpdir(), 'aura-bedrock-'));
});
afterEach(() => {
  server.reset();
  vi.unstubAllEnvs();
});
afterAll(async () => {
  await server.close();
  await rm(scratch, { recursive: true, force: true });
});

const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const CLAUDE = 'anthropic.claude-3-7-sonnet-20250219-v1:0';

/** An environment where only what a test sets can provide AWS credentials. */
function isolateAwsEnvironment(): void {
  for (const name of [
    'AWS_ACCESS_KEY_ID',
    'AWS_SECRET_ACCESS_KEY',
    'AWS_SESSION_TOKEN',
    'AWS_PROFILE',
    'AWS_BEARER_TOKEN_BEDROCK',
    'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
    'AWS_CONTAINER_CREDENTIALS_FULL_URI',
    'AWS_WEB_IDENTITY_TOKEN_FILE',
  ]) {
    vi.stubEnv(name, undefined);
  }
  vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
  vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', join(scratch, 'missing-credentials'));
  vi.stubEnv('AWS_CONFIG_FILE', join(scratch, 'missing-config'));
}

describe('bedrock', () => {
  it('streams reasoning, a tool call and cache usage; additional_params become additionalModelRequestFields', async () => {
    server.enqueue(toolTurn);
    const resolved = createLanguageModel(
      {
        provider: 'bedrock',
        region: 'eu-west-1',
        model: CLAUDE,
        max_tokens: 500,
        temperature: 0.2,
        additional_params: { thinking: { type: 'enabled', budget_tokens: 1024 }, top_k: 50 },
      },
      { endpointOverride: server.urls.bedrock, credentials },
    );
    expect(resolved.providerOptions).toEqual({
      bedrock: {
        additionalModelRequestFields: { thinking: { type: 'enabled', budget_tokens: 1024 }, top_k: 50 },
        reasoningConfig: { type: 'enabled', budgetTokens: 1024 },
      },
    });

    const run = await runWeather(resolved);
    expect(run.errors).toEqual([]);
    expect(run.reasoningText).toBe('The user wants Paris weather.');
    expect(run.text).toBe('Let me check.');
    expect(run.toolCalls).toEqual([{ toolName: 'weather', input: { city: 'Paris', unit: 'celsius' } }]);
    expect(run.usage).toMatchObject({ inputTokens: 100, outputTokens: 40, totalTokens: 140, cacheReadTokens: 30 });

    const [request] = server.chatRequests;
    expect(request?.path).toBe(`/model/${encodeURIComponent(CLAUDE)}/converse-stream`);
    expect(request?.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/bedrock\/aws4_request/,
    );
    expect(request?.view?.system).toBe(SYSTEM);
    expect(toolNames(request ?? { view: undefined })).toEqual(['weather']);
    expect(request?.body).toMatchObject({
      additionalModelRequestFields: { thinking: { type: 'enabled', budget_tokens: 1024 }, top_k: 50 },
      // The thinking budget is added to the answer budget, and temperature is dropped (the API requires both).
      inferenceConfig: { maxTokens: 1524 },
    });
    expect(chatBody(server).inferenceConfig).not.toHaveProperty('temperature');
  });

  it('sends max_tokens and temperature as inferenceConfig and additional_params verbatim for other models', async () => {
    server.enqueue(toolTurn);
    const resolved = createLanguageModel(
      {
        provider: 'bedrock',
        region: 'us-east-1',
        model: 'amazon.nova-pro-v1:0',
        max_tokens: 800,
        temperature: 0.3,
        additional_params: { inferenceConfig: { topK: 20 } },
      },
      { endpointOverride: server.urls.bedrock, credentials },
    );
    const run = await runWeather(resolved);
    expect(run.errors).toEqual([]);
    expect(server.chatRequests[0]?.body).toMatchObject({
      inferenceConfig: { maxTokens: 800, temperature: 0.3 },
      additionalModelRequestFields: { inferenceConfig: { topK: 20 } },
    });
  });

  it('signs with the AWS default credential chain (environment) when no credentials are passed', async () => {
    isolateAwsEnvironment();
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIAENVEXAMPLE000001');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'env-secret-key-example');
    server.enqueue(toolTurn);
    const resolved = createLanguageModel(
      { provider: 'bedrock', region: 'us-west-2', model: CLAUDE },
      { endpointOverride: server.urls.bedrock },
    );
    const run = await runWeather(resolved);
    expect(run.errors).toEqual([]);
    expect(server.chatRequests[0]?.headers.authorization).toMatch(
      /Credential=AKIAENVEXAMPLE000001\/\d{8}\/us-west-2\/bedrock\/aws4_request/,
    );
  });

  it('uses the named profile from the shared credentials file', async () => {
    isolateAwsEnvironment();
    const file = join(scratch, 'credentials');
    await writeFile(
      file,
      '[default]\naws_access_key_id = AKIADEFAULTEXAMPLE01\naws_secret_access_key = default-secret\n\n' +
        '[aura-test]\naws_access_key_id = AKIAPROFILEEXAMPLE01\naws_secret_access_key = profile-secret\n',
    );
    vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', file);
    server.enqueue(toolTurn);
    const resolved = createLanguageModel(
      { provider: 'bedrock', region: 'us-east-1', model: CLAUDE, profile: 'aura-test' },
      { endpointOverride: server.urls.bedrock },
    );
    const run = await runWeather(resolved);
    expect(run.errors).toEqual([]);
    expect(server.chatRequests[0]?.headers.authorization).toMatch(/Credential=AKIAPROFILEEXAMPLE01\//);
  });

  it('reports missing credentials as PROVIDER_AUTH without calling the endpoint', async () => {
    isolateAwsEnvironment();
    const resolved = createLanguageModel(
      { provider: 'bedrock', region: 'us-east-1', model: CLAUDE, profile: 'no-such-profile' },
      { endpointOverride: server.urls.bedrock },
    );
    const run = await runWeather(resolved);
    expect(run.errors).toEqual([expect.objectContaining({ code: 'PROVIDER_AUTH', retryable: false })]);
    expect(server.requests).toHaveLength(0);
  });
});
