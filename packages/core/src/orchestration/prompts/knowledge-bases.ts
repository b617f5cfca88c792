/** The `## Available Knowledge Bases` prompt block (orchestration-spec §1.3 item 3, §2.1). */

/** A vector store as the prompt describes it. */
export interface KnowledgeBaseInfo {
  /** `[[vector_stores]].name`; the search tool is `vector_search_<name>`. */
  readonly name: string;
  /** `[[vector_stores]].context_prefix`: what the store contains. */
  readonly contextPrefix?: string | undefined;
}

/**
 * A block appended to a system prompt: a blank line, `## Available Knowledge Bases`, then per store
 * `- **<name>**: <context_prefix or "No description provided"> (search with \`vector_search_<name>\`)`.
 * Returns `""` for no stores.
 */
export function buildKnowledgeBaseBlock(stores: readonly KnowledgeBaseInfo[]): string {
  if (stores.length === 0) return '';
  const lines = stores.map(
    (store) =>
      `- **${store.name}**: ${store.contextPrefix ?? 'No description provided'} (search with \`vector_search_${store.name}\`)`,
  );
  return `\n\n## Available Knowledge Bases\n\nSearch these stores before answering from memory when a question touches their subject.\n\n${lines.join('\n')}\n`;
}
