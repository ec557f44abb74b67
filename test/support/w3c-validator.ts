import { execFile, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

// The W3C Feed Validator (its MIT code and a wrapper) lives beside the repository in the shared tools,
// which a user's clone does not have; test/render/feed-rules.test.ts checks the same rules everywhere.
// It reads XML only (it answers "valid" to any input that is not XML): JSON Feed has its own checker.
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const validator = resolve(repoRoot, '../shared/tools/validate-feed');
const python = '/usr/bin/python3';

/** Whether the validator and the Python packages it needs are here. */
export const hasValidator = existsSync(validator) && existsSync(python) && spawnSync(python, ['-c', 'import lxml, html5lib']).status === 0;

const run = promisify(execFile);

/**
 * The validator's verdict on a feed body, validated as if fetched from its own self link (so the self
 * link is checked too): "valid", or its findings one per line.
 */
export async function validateFeed(dir: string, name: string, body: string, selfUrl: string): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, body);
  try {
    return (await run(validator, [file, selfUrl])).stdout.trim();
  } catch (error) {
    return String((error as { stdout?: string }).stdout ?? error).trim();
  }
}
