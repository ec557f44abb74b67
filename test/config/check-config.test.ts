// `wirefeed check-config`: summary on success, every problem on stderr, exit status.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkConfigCommand } from '../../src/cli/check-config.ts';

const SHIPPED = fileURLToPath(new URL('../../config/feeds.yaml', import.meta.url));
let dir: string;

async function run(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const status = await checkConfigCommand(args, { stdout, stderr });
  stdout.end();
  stderr.end();
  return { status, stdout: String(stdout.read() ?? ''), stderr: String(stderr.read() ?? '') };
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'wirefeed-check-config-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('checkConfigCommand', () => {
  it('summarises a valid file and exits 0', async () => {
    const result = await run([SHIPPED]);
    expect(result).toMatchObject({ status: 0, stderr: '' });
    expect(result.stdout).toMatch(/^.+feeds\.yaml: ok, \d+ sources, 7 regions \(1 taking every story\)\n$/);
  });

  it('prints every problem and exits 1', async () => {
    const file = path.join(dir, 'bad.yaml');
    await writeFile(file, 'regions:\n  - { id: r, title: R, description: r, countries: [ZZ] }\nsources: []\noutput: {}\n');
    expect(await run([file])).toEqual({
      status: 1,
      stdout: '',
      stderr:
        `config: ${file}:2: regions[0].countries[0]: "ZZ" is not an ISO 3166-1 alpha-2 country code\n` +
        `config: ${file}:3: sources: must list at least one source\n` +
        `config: ${file}:4: output.baseUrl: is required\n`,
    });
  });

  it('reports a missing file', async () => {
    const file = path.join(dir, 'missing.yaml');
    expect(await run([file])).toEqual({ status: 1, stdout: '', stderr: `config: ${file}: file not found\n` });
  });
});
