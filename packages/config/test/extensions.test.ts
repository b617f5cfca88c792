import { describe, expect, it } from 'vitest';
import { load, loadError, MINIMAL } from './helpers.js';

describe('Aura extension keys', () => {
  it('MCP supervisor settings parse with defaults and are checked', () => {
    const { config, warnings } = load(`${MINIMAL}
[mcp]
connect = "lazy"

[mcp.servers.k8s]
transport = "http_streamable"
url = "http://k8s/mcp"
call_timeout_secs = 30
prefix_tools = true

[mcp.servers.local]
transport = "stdio"
cmd = ["node", "server.js"]
isolation = "per_request"
`);
    expect(warnings).toEqual([]);
    expect(config.mcp?.connect).toBe('lazy');
    expect(config.mcp?.servers.k8s).toMatchObject({ call_timeout_secs: 30, prefix_tools: true });
    expect(config.mcp?.servers.local).toMatchObject({ isolation: 'per_request', prefix_tools: false });
    const bad = loadError(`${MINIMAL}\n[mcp.servers.s]\ntransport = "stdio"\ncmd = ["x"]\nisolation = "per-request"\n`);
    expect(bad.issues[0]).toMatchObject({ path: 'mcp.servers.s.isolation', line: 13 });
  });

  it('isolation only means something for stdio: on an HTTP server it is an ignored key with a warning', () => {
    const { warnings } = load(
      `${MINIMAL}\n[mcp.servers.h]\ntransport = "sse"\nurl = "http://h/sse"\nisolation = "per_request"\n`,
    );
    expect(warnings).toEqual([expect.objectContaining({ code: 'unknown_key', path: 'mcp.servers.h.isolation' })]);
  });

  it('[agent].parallel_tool_calls defaults to false and is strictly boolean', () => {
    expect(load(MINIMAL).config.agent.parallel_tool_calls).toBe(false);
    const on = load(MINIMAL.replace('system_prompt = "S"', 'system_prompt = "S"\nparallel_tool_calls = true'));
    expect(on.config.agent.parallel_tool_calls).toBe(true);
    const bad = loadError(MINIMAL.replace('system_prompt = "S"', 'system_prompt = "S"\nparallel_tool_calls = "yes"'));
    expect(bad.issues[0]).toMatchObject({ code: 'invalid_type', path: 'agent.parallel_tool_calls' });
  });
});
