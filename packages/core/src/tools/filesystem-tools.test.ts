import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFilesystemTools, createListDirectoryTool, createReadFileTool } from './filesystem-tools.js';
import type { Tool, ToolCallContext } from './tool.js';

let root: string;

beforeAll(async () => {
  root = await realpath(await mkdtemp(join(tmpdir(), 'aura-fs-')));
  await writeFile(join(root, 'hello.txt'), 'hello world');
  await writeFile(join(root, 'big.txt'), 'x'.repeat(2048));
  await writeFile(join(root, 'binary.bin'), Buffer.from([0xff, 0xfe, 0x00]));
  await mkdir(join(root, 'sub', 'deeper'), { recursive: true });
  await writeFile(join(root, 'sub', 'a.txt'), 'a');
  await writeFile(join(root, 'sub', 'deeper', 'b.txt'), 'bb');
  await mkdir(join(root, '.ssh'));
  await writeFile(join(root, '.ssh', 'id_rsa'), 'secret');
  await symlink(join(root, 'hello.txt'), join(root, 'link.txt'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

function context(signal: AbortSignal = new AbortController().signal): ToolCallContext {
  return { toolCallId: 'call_1', signal };
}

async function call(tool: Tool, args: Record<string, unknown>): Promise<{ text: string; isError: boolean }> {
  return tool.execute(args, context());
}

describe('createFilesystemTools', () => {
  it('creates read_file and list_directory as filesystem tools', () => {
    const [read, list] = createFilesystemTools();
    expect([read.name, read.originalName, read.kind]).toEqual(['read_file', 'read_file', 'filesystem']);
    expect([list.name, list.kind]).toEqual(['list_directory', 'filesystem']);
    expect(read.inputSchema).toEqual({
      type: 'object',
      properties: { path: { type: 'string', description: 'Path to the file to read' } },
      required: ['path'],
      additionalProperties: false,
    });
  });
});

describe('read_file', () => {
  const read = createReadFileTool();

  it('reads a file by absolute path, and by relative path against cwd', async () => {
    expect(await call(read, { path: join(root, 'hello.txt') })).toEqual({ text: 'hello world', isError: false });
    const relative = createReadFileTool({ cwd: root });
    expect(await call(relative, { path: 'sub/a.txt' })).toEqual({ text: 'a', isError: false });
  });

  it('follows symlinks to their canonical target', async () => {
    expect((await call(read, { path: join(root, 'link.txt') })).text).toBe('hello world');
  });

  it('reports a missing path with the path as given', async () => {
    expect(await call(read, { path: 'no/such/file.txt' })).toEqual({
      text: 'ToolCallError: Path not found: no/such/file.txt',
      isError: true,
    });
  });

  it('refuses a directory', async () => {
    expect(await call(read, { path: join(root, 'sub') })).toEqual({
      text: 'ToolCallError: Invalid path: Path is not a file',
      isError: true,
    });
  });

  it('refuses files over the cap, and max_size can only lower it', async () => {
    const small = createReadFileTool({ maxFileSize: 1024 });
    expect(await call(small, { path: join(root, 'big.txt') })).toEqual({
      text: 'ToolCallError: Permission denied: File too large: 2048 bytes (limit: 1024 bytes)',
      isError: true,
    });
    expect((await call(small, { path: join(root, 'big.txt'), max_size: 1_000_000 })).text).toContain(
      '(limit: 1024 bytes)',
    );
    expect((await call(read, { path: join(root, 'hello.txt'), max_size: 5 })).text).toBe(
      'ToolCallError: Permission denied: File too large: 11 bytes (limit: 5 bytes)',
    );
  });

  it('refuses sensitive directories, also when reached through a symlink', async () => {
    expect(await call(read, { path: join(root, '.ssh', 'id_rsa') })).toEqual({
      text: 'ToolCallError: Permission denied: Access denied to sensitive directory: /.ssh',
      isError: true,
    });
    const sneaky = join(root, 'sneaky');
    await symlink('/etc/hostname', sneaky).catch(() => undefined);
    expect((await call(read, { path: sneaky })).text).toMatch(
      /^ToolCallError: (Permission denied: Access denied to sensitive directory: \/etc|Path not found: )/,
    );
  });

  it('matches system directories as prefixes and credential directories as segments, not as substrings', async () => {
    await mkdir(join(root, 'dev', 'etc'), { recursive: true });
    await writeFile(join(root, 'dev', 'etc', 'notes.txt'), 'fine');
    await writeFile(join(root, '.config-backup.txt'), 'also fine');
    expect(await call(read, { path: join(root, 'dev', 'etc', 'notes.txt') })).toEqual({ text: 'fine', isError: false });
    expect((await call(read, { path: join(root, '.config-backup.txt') })).text).toBe('also fine');
    expect((await call(read, { path: '/proc/self/status' })).text).toBe(
      'ToolCallError: Permission denied: Access denied to sensitive directory: /proc',
    );
    await mkdir(join(root, 'home', '.aws'), { recursive: true });
    await writeFile(join(root, 'home', '.aws', 'credentials'), 'secret');
    expect((await call(read, { path: join(root, 'home', '.aws', 'credentials') })).text).toBe(
      'ToolCallError: Permission denied: Access denied to sensitive directory: /.aws',
    );
  });

  it('confines to baseDir when configured', async () => {
    const confined = createReadFileTool({ baseDir: join(root, 'sub') });
    expect((await call(confined, { path: join(root, 'sub', 'a.txt') })).text).toBe('a');
    expect(await call(confined, { path: join(root, 'hello.txt') })).toEqual({
      text: `ToolCallError: Permission denied: Access denied: path outside of base directory ${join(root, 'sub')}`,
      isError: true,
    });
    const broken = createReadFileTool({ baseDir: join(root, 'missing') });
    expect((await call(broken, { path: join(root, 'hello.txt') })).text).toBe(
      `ToolCallError: Invalid path: Invalid base directory: ${join(root, 'missing')}`,
    );
  });

  it('reports non-UTF-8 content as an IO error', async () => {
    expect((await call(read, { path: join(root, 'binary.bin') })).text).toBe(
      'ToolCallError: IO error: stream did not contain valid UTF-8',
    );
  });

  it('reports malformed arguments as JsonError', async () => {
    expect(await call(read, {})).toEqual({ text: 'JsonError: missing field `path`', isError: true });
    expect((await call(read, { path: 3 })).text).toBe('JsonError: invalid type for field `path`: expected a string');
  });

  it('throws the abort reason when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(read.execute({ path: join(root, 'hello.txt') }, context(controller.signal))).rejects.toThrow('stop');
  });
});

describe('list_directory', () => {
  const list = createListDirectoryTool();

  it('lists entries as JSON in struct field order, sorted by name', async () => {
    const output = await call(list, { path: join(root, 'sub') });
    expect(output.isError).toBe(false);
    expect(output.text).toBe(
      JSON.stringify({
        path: join(root, 'sub'),
        entries: [
          { name: 'a.txt', path: join(root, 'sub', 'a.txt'), is_file: true, is_dir: false, size: 1 },
          { name: 'deeper', path: join(root, 'sub', 'deeper'), is_file: false, is_dir: true, size: null },
        ],
        total_count: 2,
      }),
    );
  });

  it('reports symlinks as neither file nor directory', async () => {
    const parsed = JSON.parse((await call(list, { path: root })).text) as { entries: Array<Record<string, unknown>> };
    expect(parsed.entries.find((entry) => entry.name === 'link.txt')).toMatchObject({
      is_file: false,
      is_dir: false,
      size: null,
    });
  });

  it('lists recursively, depth first, without descending into sensitive directories', async () => {
    const parsed = JSON.parse((await call(list, { path: root, recursive: true })).text) as {
      entries: Array<{ path: string }>;
      total_count: number;
      truncated?: boolean;
    };
    const paths = parsed.entries.map((entry) => entry.path.slice(root.length + 1));
    expect(paths).toEqual(
      expect.arrayContaining(['sub', 'sub/a.txt', 'sub/deeper', 'sub/deeper/b.txt', '.ssh', 'hello.txt']),
    );
    expect(paths).not.toContain('.ssh/id_rsa');
    expect(paths.indexOf('sub/a.txt')).toBe(paths.indexOf('sub') + 1);
    expect(parsed.total_count).toBe(parsed.entries.length);
    expect(parsed.truncated).toBeUndefined();
  });

  it('caps the number of entries and says so', async () => {
    const capped = createListDirectoryTool({ maxListEntries: 3 });
    const parsed = JSON.parse((await call(capped, { path: root, recursive: true })).text) as {
      total_count: number;
      truncated?: boolean;
    };
    expect(parsed).toMatchObject({ total_count: 3, truncated: true });
  });

  it('refuses files, missing and sensitive paths', async () => {
    expect((await call(list, { path: join(root, 'hello.txt') })).text).toBe(
      'ToolCallError: Invalid path: Path is not a directory',
    );
    expect((await call(list, { path: join(root, 'nope') })).text).toBe(
      `ToolCallError: Path not found: ${join(root, 'nope')}`,
    );
    expect((await call(list, { path: join(root, '.ssh') })).text).toBe(
      'ToolCallError: Permission denied: Access denied to sensitive directory: /.ssh',
    );
  });
});
