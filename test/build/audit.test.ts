// CI's audit (scripts/audit.ts, run by .ci/run) against a registry of the test's own on loopback:
// a high or critical advisory on a production dependency fails; one on a dev dependency, a moderate
// one, or a registry that cannot answer the audit do not.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/run-cli.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** How the registry answers the audit: an advisory per package, or a bare HTTP status. */
type Answer = { advisories: Record<string, { severity: string; title: string }> } | { status: number };

let answer: Answer = { advisories: {} };
let registry: Server;
let registryUrl: string;
let cache: string;

beforeAll(async () => {
  registry = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      if (!request.url?.endsWith('/-/npm/v1/security/advisories/bulk')) return response.writeHead(404).end('{}');
      if ('status' in answer) return response.writeHead(answer.status).end();
      const body = Object.fromEntries(
        Object.entries(answer.advisories).map(([name, { severity, title }], n) => [
          name,
          [
            {
              id: 1000 + n,
              url: `https://github.com/advisories/GHSA-test-${n}`,
              title,
              severity,
              vulnerable_versions: '<999.0.0',
              cwe: [],
              cvss: { score: 0 },
            },
          ],
        ]),
      );
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => registry.listen(0, '127.0.0.1', resolve));
  registryUrl = `http://127.0.0.1:${(registry.address() as AddressInfo).port}/`;
  // npm keeps what it fetched in its cache: this run's own, so nothing of the fake registry outlives it.
  cache = await mkdtemp(path.join(tmpdir(), 'wirefeed-audit-'));
});

afterAll(async () => {
  await new Promise((resolve) => registry?.close(resolve));
  await rm(cache, { recursive: true, force: true });
});

function audit(registryAt = registryUrl): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env, npm_config_registry: registryAt, npm_config_cache: cache, npm_config_fetch_retries: '0' };
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'scripts/audit.ts'], { cwd: ROOT, env }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}

describe('scripts/audit.ts', () => {
  it('fails on a high advisory against a production dependency, naming it', async () => {
    answer = { advisories: { yaml: { severity: 'high', title: 'Prototype pollution in yaml' } } };
    const { code, stderr } = await audit();
    expect(code).toBe(1);
    expect(stderr).toContain('npm audit: high or critical advisories in the production dependencies:\n');
    expect(stderr).toContain('  yaml (high): Prototype pollution in yaml (versions <999.0.0) https://github.com/advisories/GHSA-test-0\n');
  });

  it('fails on a critical one too', async () => {
    answer = { advisories: { express: { severity: 'critical', title: 'Remote code execution' } } };
    const { code, stderr } = await audit();
    expect(code).toBe(1);
    expect(stderr).toMatch(/^ {2}express \(critical\): Remote code execution/m);
  });

  it('passes with a dev dependency advised against, or a moderate advisory, saying what it found', async () => {
    answer = { advisories: { vitest: { severity: 'critical', title: 'Only in tests' }, zod: { severity: 'moderate', title: 'Slow regex' } } };
    const { code, stdout } = await audit();
    expect(code).toBe(0);
    expect(stdout).toBe('npm audit: no high or critical advisory in the production dependencies (1 moderate)\n');
  });

  it('warns and passes when the registry does not serve the audit (405), or cannot be reached', async () => {
    answer = { status: 405 };
    const refused = await audit();
    expect(refused.code).toBe(0);
    expect(refused.stderr).toMatch(
      /^warning: npm audit did not run, the registry gave no audit report \(405 Method Not Allowed - POST .*\); the production dependencies were NOT audited$/m,
    );
    const closed = await audit(`http://127.0.0.1:${await freePort()}/`);
    expect(closed.code).toBe(0);
    expect(closed.stderr).toMatch(/^warning: npm audit did not run, .*the production dependencies were NOT audited$/m);
  });
});
