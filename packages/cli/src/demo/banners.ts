/**
 * What `aura start` and `aura serve --demo` print on stdout once the server listens: what is served, whether the
 * answers are scripted (demo mode) and how to use a real model instead, and a `curl` line to try.
 */
/** The first line of the demo banner (tests and users look for it). */
export const DEMO_MODE_HEADLINE = "DEMO MODE: answers are scripted by Aura's test kit; no model is called.";

/** The question the printed `curl` line asks. */
export const TRY_QUESTION = 'Why is checkout slow?';

/** Options of {@link curlCommand}. */
export interface CurlCommandOptions {
  /** The server's URL, e.g. `http://127.0.0.1:8080` (a wildcard bind address is shown as loopback). */
  readonly url: string;
  /** The agent id to ask (the request's `model`). */
  readonly model: string;
  /** Whether API keys are required (adds an `Authorization` header with a placeholder). */
  readonly auth: boolean;
}

/** A streaming `curl` request for {@link TRY_QUESTION}, ready to paste into a POSIX shell. */
export function curlCommand(options: CurlCommandOptions): string {
  const url = options.url.replace('://0.0.0.0:', '://127.0.0.1:').replace('://[::]:', '://127.0.0.1:');
  const body = JSON.stringify({
    model: options.model,
    stream: true,
    messages: [{ role: 'user', content: TRY_QUESTION }],
  });
  const auth = options.auth ? ` -H "Authorization: Bearer $AURA_API_KEY"` : '';
  return `curl -N ${url}/v1/chat/completions -H 'Content-Type: application/json'${auth} -d '${body.replace(/'/g, "'\\''")}'`;
}

/** How to leave demo mode: `start` (provider keys in the environment) or `serve` (a real `[agent.llm]`). */
export type RealModelHint = 'start' | 'serve';

/** The demo-mode block: the headline, what plays the model and the tools, and how to use a real model. */
export function demoModeLines(hint: RealModelHint, mcpServerName: string, toolNames: readonly string[]): string[] {
  const howTo =
    hint === 'start'
      ? [
          '  To use a real model, set one of OPENAI_API_KEY, ANTHROPIC_API_KEY, GEMINI_API_KEY (or GOOGLE_API_KEY),',
          '  OPENROUTER_API_KEY, OLLAMA_HOST (or run Ollama locally), AWS credentials (AWS_ACCESS_KEY_ID or AWS_PROFILE),',
          '  or LLM_PROVIDER + LLM_API_KEY + LLM_MODEL, in the shell or in .env, and run `npm start` again.',
        ]
      : [
          '  To use a real model, run without --demo / AURA_DEMO, with a config whose [agent.llm] names a real model,',
          '  e.g. provider = "openai", api_key = "{{ env.OPENAI_API_KEY }}", model = "gpt-4.1" (set OPENAI_API_KEY, or',
          '  ANTHROPIC_API_KEY, GEMINI_API_KEY, OPENROUTER_API_KEY, ... for the provider you name).',
        ];
  return [
    DEMO_MODE_HEADLINE,
    "  Every agent and worker runs on the scripted model openai/aura-demo (the test kit's mock provider), and the",
    `  demo MCP server '${mcpServerName}' serves canned SRE data: ${toolNames.join(', ')}.`,
    ...howTo,
  ];
}

/** Options of {@link serveDemoBanner}. */
export interface ServeDemoBannerOptions extends CurlCommandOptions {
  readonly mcpServerName: string;
  /** The demo MCP server's tools. */
  readonly toolNames: readonly string[];
  /** Whether `aura.*` events are on (`AURA_CUSTOM_EVENTS`). */
  readonly customEvents: boolean;
}

/** The banner of `aura serve --demo`. */
export function serveDemoBanner(options: ServeDemoBannerOptions): string {
  return [
    ...demoModeLines('serve', options.mcpServerName, options.toolNames),
    ...(options.customEvents
      ? []
      : ['  Set AURA_CUSTOM_EVENTS=true to also stream the plan, tool calls and progress as aura.* events.']),
    '',
    'Try it:',
    `  ${curlCommand(options)}`,
    '',
  ].join('\n');
}

/** Options of {@link startBanner}. */
export interface StartBannerOptions extends CurlCommandOptions {
  /** The config served, as the user would type it. */
  readonly configPath: string;
  /** e.g. `orchestrator with 3 workers (a, b, c)`. */
  readonly agentDescription: string;
  /** `provider/model (from VARIABLE)` of a real model; `undefined` in demo mode. */
  readonly modelSource: string | undefined;
  /** The demo MCP server's name and tools in demo mode, else `undefined`. */
  readonly demo: { readonly mcpServerName: string; readonly toolNames: readonly string[] } | undefined;
  readonly customEvents: boolean;
  /** Whether any MCP server is configured besides the demo's (a hint is printed when there is none). */
  readonly hasOwnMcpServers: boolean;
  /** A note from provider detection (e.g. a local Ollama without models). */
  readonly detectionNote?: string | undefined;
}

/** The banner of `aura start`. */
export function startBanner(options: StartBannerOptions): string {
  const lines = [
    `Aura quickstart: ${options.configPath} → agent '${options.model}', ${options.agentDescription}`,
    `Serving the OpenAI-compatible API on ${options.url} (/v1/chat/completions, /v1/models, /aura/info, /health)`,
  ];
  if (options.demo === undefined) {
    lines.push(`Model: ${options.modelSource ?? 'from the config'}`);
    if (!options.hasOwnMcpServers) {
      lines.push(
        'No MCP servers are configured, so workers cannot query live systems yet: add them under [mcp.servers] in',
        `${options.configPath} (see examples/sre-agent.toml), or try the scripted demo with AURA_DEMO=1.`,
      );
    }
  } else {
    lines.push('', ...demoModeLines('start', options.demo.mcpServerName, options.demo.toolNames));
  }
  if (options.detectionNote !== undefined) lines.push(`  Note: ${options.detectionNote}`);
  lines.push(
    '',
    options.customEvents
      ? 'The plan → workers → answer flow streams as aura.orchestrator.* SSE events (AURA_CUSTOM_EVENTS=true; set it to false to turn them off).'
      : 'aura.* events are off (AURA_CUSTOM_EVENTS=false): clients see only the answer.',
    '',
    'Try it:',
    `  ${curlCommand(options)}`,
    '',
    'Press Ctrl-C to stop.',
    '',
  );
  return lines.join('\n');
}
