/**
 * `provider = "bedrock"`: AWS Bedrock Runtime (Converse / ConverseStream) through `@ai-sdk/amazon-bedrock`,
 * signed with SigV4 using the AWS credential chain.
 */
import type { JSONObject, JSONValue } from '@ai-sdk/provider';
import type { BedrockLlmConfig } from '@aura/config';
import { isJsonObject } from '../../util/json-value.js';
import { lazyLanguageModel } from '../lazy-language-model.js';
import { toJsonObject } from '../request-body-merge.js';
import { callSettingsOf, type ProviderBuild, type ProviderBuildOptions } from './provider-build.js';

/** Credentials as `@ai-sdk/amazon-bedrock` takes them from a `credentialProvider`. */
interface AwsCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

/**
 * Builds the Bedrock model (`@ai-sdk/amazon-bedrock` is imported on the first call).
 *
 * - `region` → the client region (endpoint `bedrock-runtime.<region>.amazonaws.com`, or `endpointOverride`).
 * - Credentials: `options.credentials` when given (tests); else the AWS default chain
 *   (`fromNodeProviderChain`: env, SSO, `~/.aws/credentials` + `config`, process, web identity, ECS/EC2
 *   metadata), with `profile` selecting the named profile. The chain is loaded lazily on the first call and
 *   memoised (it refreshes expiring credentials). As in the AI SDK, a set `AWS_BEARER_TOKEN_BEDROCK` takes
 *   precedence (Bedrock API keys).
 * - `temperature`, `max_tokens` → call settings (`inferenceConfig`).
 * - `additional_params` → `providerOptions.bedrock.additionalModelRequestFields`, verbatim (how Claude thinking
 *   is enabled on Bedrock). A `thinking = { type = "enabled", budget_tokens = n }` (or `type = "adaptive"`) is
 *   also mirrored into `providerOptions.bedrock.reasoningConfig` so the SDK adds the budget to `maxTokens` and
 *   drops `temperature` for Anthropic models, as the API requires.
 * @throws AuraError `CONFIG_INVALID` when `additional_params` holds a value that is not JSON.
 */
export function createBedrockModel(llm: BedrockLlmConfig, options: ProviderBuildOptions): ProviderBuild {
  const fields = toJsonObject(llm.additional_params, 'additional_params');
  const reasoningConfig = fields.thinking === undefined ? undefined : toReasoningConfig(fields.thinking);
  const bedrockOptions: JSONObject = {
    ...(Object.keys(fields).length === 0 ? {} : { additionalModelRequestFields: fields }),
    ...(reasoningConfig === undefined ? {} : { reasoningConfig }),
  };
  const credentials = options.credentials;
  const model = lazyLanguageModel({
    provider: 'amazon-bedrock',
    modelId: llm.model,
    load: async () => {
      const { createAmazonBedrock } = await import('@ai-sdk/amazon-bedrock');
      return createAmazonBedrock({
        region: llm.region,
        ...(options.endpointOverride === undefined ? {} : { baseURL: options.endpointOverride }),
        ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
        ...(credentials === undefined
          ? { credentialProvider: awsCredentialChain(llm.profile) }
          : {
              accessKeyId: credentials.accessKeyId,
              secretAccessKey: credentials.secretAccessKey,
              ...(credentials.sessionToken === undefined ? {} : { sessionToken: credentials.sessionToken }),
            }),
      })(llm.model);
    },
  });
  return {
    model,
    callSettings: callSettingsOf(llm.temperature, llm.max_tokens),
    providerOptions: Object.keys(bedrockOptions).length === 0 ? {} : { bedrock: bedrockOptions },
    warnings: [],
    secrets: credentials === undefined ? [] : [credentials.secretAccessKey],
  };
}

/**
 * A memoised credential provider over the AWS default chain (optionally for `profile`). The AWS SDK module is
 * imported on first use, so configurations without Bedrock never load it.
 */
function awsCredentialChain(profile: string | undefined): () => Promise<AwsCredentials> {
  let provider: Promise<() => Promise<AwsCredentials>> | undefined;
  return async () => {
    provider ??= import('@aws-sdk/credential-providers').then(({ fromNodeProviderChain }) => {
      const chain = fromNodeProviderChain(profile === undefined ? {} : { profile });
      return async () => {
        const identity = await chain();
        return {
          accessKeyId: identity.accessKeyId,
          secretAccessKey: identity.secretAccessKey,
          ...(identity.sessionToken === undefined ? {} : { sessionToken: identity.sessionToken }),
        };
      };
    });
    return (await provider)();
  };
}

function toReasoningConfig(thinking: JSONValue): JSONObject | undefined {
  if (!isJsonObject(thinking)) return undefined;
  const budget = thinking.budget_tokens ?? thinking.budgetTokens;
  if (thinking.type === 'enabled' && typeof budget === 'number') return { type: 'enabled', budgetTokens: budget };
  if (thinking.type === 'adaptive') return { type: 'adaptive' };
  return undefined;
}
