/**
 * Rules answer a request by what it contains instead of by arrival order: the first rule whose matcher
 * accepts the {@link ConversationView} supplies the turn. A matcher with no fields accepts everything.
 */
import type { ConversationView, ProviderName } from '../conversation/conversation-view.js';
import type { ModelTurn } from './model-turn.js';

/** Conditions a request must meet; every given field must hold. */
export interface RuleMatcher {
  /** The last user message contains this string, or matches this RegExp. */
  readonly lastUserMessage?: string | RegExp;
  /** A tool of this name is offered. */
  readonly tool?: string;
  /** The system prompt contains this string, or matches this RegExp. */
  readonly system?: string | RegExp;
  /** The model id equals this string, or matches this RegExp. */
  readonly model?: string | RegExp;
  /** The request came in on this wire format (or one of these). */
  readonly provider?: ProviderName | readonly ProviderName[];
  /** Role of the last message: `'tool'` means the model is being shown tool results. */
  readonly lastRole?: 'user' | 'assistant' | 'tool';
  /** Any other condition on the normalised conversation. */
  readonly when?: (view: ConversationView) => boolean;
}

/** A fixed turn, or a function computing one from the conversation. */
export type RuleReply = ModelTurn | ((view: ConversationView) => ModelTurn | Promise<ModelTurn>);

/** One rule. */
export interface MockRule {
  /** Shown in recorded requests and error messages. */
  readonly name?: string;
  readonly match?: RuleMatcher;
  readonly reply: RuleReply;
  /** How many requests this rule may answer. Default: unlimited. */
  readonly times?: number;
}

/** Whether `view` satisfies every condition of `matcher`. */
export function matchesRule(matcher: RuleMatcher | undefined, view: ConversationView): boolean {
  if (matcher === undefined) return true;
  const lastUser = view.messages.findLast((message) => message.role === 'user')?.text;
  if (matcher.lastUserMessage !== undefined && !matchesText(matcher.lastUserMessage, lastUser, 'includes')) {
    return false;
  }
  if (matcher.tool !== undefined && !view.tools.some((tool) => tool.name === matcher.tool)) return false;
  if (matcher.system !== undefined && !matchesText(matcher.system, view.system, 'includes')) return false;
  if (matcher.model !== undefined && !matchesText(matcher.model, view.model, 'equals')) return false;
  if (matcher.provider !== undefined) {
    const providers: readonly ProviderName[] =
      typeof matcher.provider === 'string' ? [matcher.provider] : matcher.provider;
    if (!providers.includes(view.provider)) return false;
  }
  if (matcher.lastRole !== undefined && view.messages.at(-1)?.role !== matcher.lastRole) return false;
  return matcher.when === undefined || matcher.when(view);
}

function matchesText(pattern: string | RegExp, value: string | undefined, mode: 'includes' | 'equals'): boolean {
  if (value === undefined) return false;
  if (typeof pattern !== 'string') {
    pattern.lastIndex = 0;
    return pattern.test(value);
  }
  return mode === 'includes' ? value.includes(pattern) : value === pattern;
}
