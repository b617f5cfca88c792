/**
 * The `POST /v1/chat/completions` body as Aura accepts it (server-spec §7.1), as a zod schema. Fields
 * Aura uses are type-checked; every other field (`temperature`, `top_p`, …) is accepted and ignored.
 * Unlike the reference, `content` may be an array of text parts (joined with `\n`), as OpenAI allows.
 */
import * as z from 'zod';

/** Separator placed between the text parts of an array `content`. */
export const TEXT_PART_SEPARATOR = '\n';

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * `content`: a string, `null`, or an array of `{type: "text", text}` parts (joined with
 * {@link TEXT_PART_SEPARATOR}). Other part types (images, audio, files) are rejected: Aura's agents take
 * text only, and silently dropping an image the user attached would be worse than saying so.
 */
const contentSchema = z.unknown().transform((value, context): string | null => {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (!Array.isArray(value)) {
    context.addIssue({
      code: 'custom',
      message: `expected a string, null or an array of text parts, got ${describeValue(value)}`,
    });
    return z.NEVER;
  }
  const texts: string[] = [];
  value.forEach((part: unknown, index) => {
    if (!isRecord(part) || typeof part.type !== 'string') {
      context.addIssue({
        code: 'custom',
        message: 'expected a content part object with a string "type"',
        path: [index],
      });
    } else if (part.type !== 'text') {
      context.addIssue({
        code: 'custom',
        message: `content part type "${part.type}" is not supported; only "text" parts are`,
        path: [index, 'type'],
      });
    } else if (typeof part.text !== 'string') {
      context.addIssue({
        code: 'custom',
        message: `expected "text" to be a string, got ${describeValue(part.text)}`,
        path: [index, 'text'],
      });
    } else {
      texts.push(part.text);
    }
  });
  return texts.join(TEXT_PART_SEPARATOR);
});

const toolCallSchema = z.looseObject({
  id: z.string(),
  type: z.literal('function').optional(),
  function: z.looseObject({
    name: z.string(),
    /** OpenAI sends a JSON string; an object is accepted too and re-encoded. */
    arguments: z.union([z.string(), z.record(z.string(), z.unknown())]).nullish(),
  }),
});

const messageSchema = z.looseObject({
  /** Any string: unknown roles are accepted here and dropped from history (§7.5). */
  role: z.string(),
  content: contentSchema.optional(),
  tool_calls: z.array(toolCallSchema).nullish(),
  tool_call_id: z.string().nullish(),
  name: z.string().nullish(),
});

const functionToolSchema = z.looseObject({
  type: z.literal('function'),
  function: z.looseObject({
    name: z.string().min(1),
    description: z.string().nullish(),
    parameters: z.record(z.string(), z.unknown()).nullish(),
    strict: z.boolean().nullish(),
  }),
});

const metadataSchema = z.record(z.string(), z.unknown()).superRefine((metadata, context) => {
  const sessionId = metadata.chat_session_id;
  if (sessionId !== undefined && sessionId !== null && typeof sessionId !== 'string') {
    context.addIssue({
      code: 'custom',
      message: `expected a string, got ${describeValue(sessionId)}`,
      path: ['chat_session_id'],
    });
  }
});

const tokenLimitSchema = z.int().positive().nullish();

/** The request body schema. Parse with {@link parseChatRequest} for Aura's error handling. */
export const chatRequestSchema = z.looseObject({
  model: z.string().nullish(),
  messages: z.array(messageSchema),
  stream: z.boolean().nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().nullish() }).nullish(),
  max_tokens: tokenLimitSchema,
  max_completion_tokens: tokenLimitSchema,
  /** Values other than `chat_session_id` are not inspected (the reference 422s non-strings; we do not). */
  metadata: metadataSchema.nullish(),
  user: z.string().nullish(),
  tools: z.array(functionToolSchema).nullish(),
});

/** The body after schema validation (before Aura's normalisation). */
export type ChatRequestBody = z.output<typeof chatRequestSchema>;
