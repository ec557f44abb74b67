// Docker is not on these machines: the compose file and the Dockerfile are read instead, and what
// they run is checked against the CLI itself (its command list) and against what the image holds.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/main.ts';

const ROOT = new URL('../../', import.meta.url);
const read = (file: string) => readFileSync(new URL(file, ROOT), 'utf8');

interface Service {
  image?: string;
  build?: unknown;
  command?: string[];
  environment?: Record<string, string>;
  healthcheck?: { test?: string[] };
  deploy?: { replicas?: number };
  depends_on?: Record<string, { condition?: string }>;
  volumes?: string[];
  ports?: string[];
}

// Compose reads YAML 1.1 merge keys (`<<: *wirefeed`), as `merge: true` does.
const compose = parse(read('docker-compose.yml'), { merge: true }) as { services: Record<string, Service>; volumes?: Record<string, unknown> };
const ours = Object.entries(compose.services).filter(([, service]) => service.build !== undefined);

/** The Dockerfile's instructions (continuation lines joined), each as [keyword, rest]. */
function instructions(text: string): [string, string][] {
  return text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const [keyword = '', ...rest] = line.split(/\s+/);
      return [keyword.toUpperCase(), rest.join(' ')];
    });
}

const dockerfile = instructions(read('Dockerfile'));
const lastFrom = dockerfile.map(([keyword]) => keyword).lastIndexOf('FROM');
const buildStage = dockerfile.slice(0, lastFrom);
const runStage = dockerfile.slice(lastFrom);
const valueOf = (stage: [string, string][], keyword: string) => stage.filter(([k]) => k === keyword).map(([, rest]) => rest);

describe('docker-compose.yml', () => {
  it('runs Redis with append-only persistence on a named volume, with a health check', () => {
    const redis = compose.services.redis;
    expect(redis?.image).toMatch(/^redis:7/);
    expect(redis?.command?.join(' ')).toContain('--appendonly yes');
    expect(redis?.volumes).toEqual(['redis-data:/data']);
    expect(Object.keys(compose.volumes ?? {})).toContain('redis-data');
    expect(redis?.healthcheck?.test).toEqual(['CMD', 'redis-cli', 'ping']);
  });

  it('runs several workers and several HTTP servers, each a command of the CLI', () => {
    expect(ours.map(([name, service]) => [name, service.command])).toEqual([
      ['worker', ['worker']],
      ['serve', ['serve']],
    ]);
    for (const [, service] of ours) {
      expect(COMMANDS).toContain(service.command?.[0]);
      expect(service.deploy?.replicas).toBeGreaterThanOrEqual(2);
      expect(service.environment?.REDIS_URL).toBe('redis://redis:6379');
      expect(service.depends_on?.redis?.condition).toBe('service_healthy');
    }
  });

  it("checks each wirefeed container's health on /readyz, at the port it listens on", () => {
    for (const [name, service] of ours) {
      const test = service.healthcheck?.test ?? [];
      expect(test.slice(0, 3)).toEqual(['CMD', 'node', '-e']);
      const url = /fetch\('(http:\/\/127\.0\.0\.1:(\d+)\/readyz)'\)/.exec(test[3] ?? '');
      expect(url, `${name}: ${test[3]}`).not.toBeNull();
      const port = name === 'worker' ? service.environment?.METRICS_PORT : service.environment?.PORT;
      expect(url?.[2]).toBe(port);
    }
    // Replicas of serve cannot share one host port: each takes one of a range.
    expect(compose.services.serve?.ports).toEqual(['8080-8089:8080']);
  });
});

describe('Dockerfile', () => {
  it('builds dist/ in a build stage and leaves the compiler behind', () => {
    expect(valueOf(buildStage, 'FROM')).toEqual(['node:20-bookworm-slim AS build']);
    expect(valueOf(buildStage, 'RUN').join('\n')).toMatch(/npm ci .*\n.*npm run build && npm prune --omit=dev/s);
  });

  it('runs from dist/ as the non-root node user, with the CLI as entry point and a CLI command as CMD', () => {
    const copies = valueOf(runStage, 'COPY');
    expect(copies).toContain('--from=build /app/dist ./dist');
    expect(copies.filter((copy) => /\bsrc\b/.test(copy))).toEqual([]);
    const users = valueOf(runStage, 'USER');
    expect(users).toEqual(['node']);
    expect(runStage.findIndex(([k]) => k === 'USER')).toBeLessThan(runStage.findIndex(([k]) => k === 'ENTRYPOINT'));
    expect(JSON.parse(valueOf(runStage, 'ENTRYPOINT')[0] ?? '')).toEqual(['node', 'bin/wirefeed.js']);
    const [command] = JSON.parse(valueOf(runStage, 'CMD').at(-1) ?? '') as string[];
    expect(COMMANDS).toContain(command);
    expect(valueOf(runStage, 'HEALTHCHECK')[0]).toMatch(/\/readyz'/);
  });

  it('copies only files the build context holds (.dockerignore leaves them in)', () => {
    const ignored = read('.dockerignore')
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
    const sources = valueOf(dockerfile, 'COPY')
      .filter((copy) => !copy.startsWith('--from'))
      .flatMap((copy) => copy.split(' ').slice(0, -1));
    expect(sources).toEqual(['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'src', 'package.json', 'bin', 'config', 'demo']);
    for (const source of sources) {
      expect(existsSync(fileURLToPath(new URL(source, ROOT))), source).toBe(true);
      expect(ignored, source).not.toContain(source);
    }
  });
});
