import type { JsonSchema } from '../../tools/tool.js';
import type { ToolNameProvider } from '../../tools/tool-name.js';
import { toAnthropicSchema } from './anthropic-schema.js';
import { toGeminiSchema } from './gemini-schema.js';
import { toOpenAiSchema } from './openai-schema.js';
import type { SchemaIssue } from './schema-issue.js';
import { type SchemaDialect, validateSchemaStructure } from './schema-structure.js';

/** The schema dialect a provider needs. OpenRouter and Ollama speak the OpenAI wire format; Bedrock Anthropic's. */
export function schemaDialectFor(provider: ToolNameProvider): SchemaDialect {
  if (provider === 'gemini') return 'gemini';
  if (provider === 'anthropic' || provider === 'bedrock') return 'anthropic';
  return 'openai';
}

/** Options for {@link toProviderSchema} and {@link checkToolSchema}. */
export interface ProviderSchemaOptions {
  readonly onIssue?: (issue: SchemaIssue) => void;
  /** Gemini only: expansions of a recursive `$ref` before it is cut (default 3). */
  readonly maxRefDepth?: number;
}

/** Applies the provider's dialect converter ({@link toOpenAiSchema}, {@link toAnthropicSchema} or {@link toGeminiSchema}). Pure. */
export function toProviderSchema(
  schema: JsonSchema,
  provider: ToolNameProvider,
  options: ProviderSchemaOptions = {},
): JsonSchema {
  const dialect = schemaDialectFor(provider);
  const onIssue = options.onIssue === undefined ? {} : { onIssue: options.onIssue };
  if (dialect === 'gemini') {
    return toGeminiSchema(schema, {
      ...onIssue,
      ...(options.maxRefDepth === undefined ? {} : { maxRefDepth: options.maxRefDepth }),
    });
  }
  return dialect === 'anthropic' ? toAnthropicSchema(schema, onIssue) : toOpenAiSchema(schema, onIssue);
}

/** Outcome of {@link checkToolSchema} for one tool. */
export interface ToolSchemaCheck {
  readonly toolName: string;
  readonly provider: ToolNameProvider;
  /** `false` when any issue is an `error`: the provider would reject the tool even after conversion. */
  readonly ok: boolean;
  /** The converted schema to send (meaningful when `ok`). */
  readonly schema: JsonSchema;
  /** Repairs made (warnings) and remaining problems (errors), each with a JSON-pointer path. */
  readonly issues: readonly SchemaIssue[];
}

/**
 * Converts one tool's parameters schema to `provider`'s dialect and validates the result structurally, so
 * the agent builder can report (or drop) a tool that cannot be made valid, by name, before the first request
 * instead of failing mid-conversation. Never throws.
 */
export function checkToolSchema(
  tool: { readonly name: string; readonly inputSchema: JsonSchema },
  provider: ToolNameProvider,
  options: ProviderSchemaOptions = {},
): ToolSchemaCheck {
  const issues: SchemaIssue[] = [];
  const collect = (issue: SchemaIssue): void => {
    issues.push(issue);
    options.onIssue?.(issue);
  };
  const schema = toProviderSchema(tool.inputSchema, provider, { ...options, onIssue: collect });
  const seen = new Set(
    issues.filter((issue) => issue.severity === 'error').map((issue) => `${issue.path}\u0000${issue.message}`),
  );
  for (const issue of validateSchemaStructure(schema, schemaDialectFor(provider))) {
    if (!seen.has(`${issue.path}\u0000${issue.message}`)) collect(issue);
  }
  return { toolName: tool.name, provider, ok: !issues.some((issue) => issue.severity === 'error'), schema, issues };
}

/** {@link checkToolSchema} for every tool, in order. */
export function checkToolSchemas(
  tools: ReadonlyArray<{ readonly name: string; readonly inputSchema: JsonSchema }>,
  provider: ToolNameProvider,
  options: ProviderSchemaOptions = {},
): ToolSchemaCheck[] {
  return tools.map((tool) => checkToolSchema(tool, provider, options));
}
