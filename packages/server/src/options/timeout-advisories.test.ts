import { defineConfig } from '@aura/config';
import { describe, expect, it } from 'vitest';
import { resolveServerOptions } from '../server-options.js';
import { timeoutAdvisories } from './timeout-advisories.js';

const llm = { provider: 'openai', api_key: 'sk-test', model: 'gpt-4o' } as const;
const single = defineConfig({ agent: { name: 'single', system_prompt: 'S', llm } });
const orchestrated = defineConfig({
  agent: { name: 'orch', system_prompt: 'S', llm },
  orchestration: {
    enabled: true,
    timeouts: { per_call_timeout_secs: 1000, stream_inactivity_timeout_secs: 60 },
    worker: { ops: { description: 'Ops work', preamble: 'You do ops.' } },
  },
});

describe('timeout advisories', () => {
  it('warns about per-call >= total and a server inactivity window on orchestrated agents', () => {
    const warnings = timeoutAdvisories(
      [
        { id: 'single', config: single },
        { id: 'orch', config: orchestrated },
      ],
      resolveServerOptions({ streamingTimeoutSecs: 900, streamInactivityTimeoutSecs: 30 }),
    );
    expect(warnings).toEqual([
      "Agent 'orch': [orchestration.timeouts].per_call_timeout_secs (1000 s) >= STREAMING_TIMEOUT_SECS (900 s); a task cannot finish inside the request budget",
      "Agent 'orch' is orchestrated and STREAM_INACTIVITY_TIMEOUT_SECS is 30 s, and it is not above [orchestration.timeouts].stream_inactivity_timeout_secs (60 s); long planning or worker phases without streamed output may trip it",
    ]);
  });

  it('says nothing for consistent settings or disabled timeouts', () => {
    expect(
      timeoutAdvisories([{ id: 'orch', config: orchestrated }], resolveServerOptions({ streamingTimeoutSecs: 0 })),
    ).toEqual([]);
    expect(
      timeoutAdvisories([{ id: 'single', config: single }], resolveServerOptions({ streamInactivityTimeoutSecs: 5 })),
    ).toEqual([]);
  });
});
