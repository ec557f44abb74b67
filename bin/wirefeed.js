#!/usr/bin/env node
// Runs the compiled CLI in dist/ when `npm run build` made it from the current sources (a faster
// start: nothing to transpile), else the TypeScript sources through tsx, so `npm install && npm start`
// needs no build step and an edited source is never shadowed by an older build.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// First of all: a SIGINT or SIGTERM arriving while the CLI loads (a second or more through tsx)
// would end the process with 130/143 before any handler of its own exists. It is held here and
// handed to the CLI, which stops a service cleanly (exit 0) as at any later moment. A SIGHUP
// (a reload, to a running service) is ignored until then.
const held = [];
const hold = (signal) => held.push(signal);
const ignore = () => undefined;
process.on('SIGINT', hold);
process.on('SIGTERM', hold);
process.on('SIGHUP', ignore);
const handOver = {
  take() {
    process.off('SIGINT', hold);
    process.off('SIGTERM', hold);
    process.off('SIGHUP', ignore);
    return held[0];
  },
};
if (process.env.LOG_LEVEL === 'debug' || process.env.LOG_LEVEL === 'trace') {
  // The moment from which a signal is taken care of, for whoever watches the start (the tests do).
  process.stderr.write(`${JSON.stringify({ level: 20, time: Date.now(), service: 'wirefeed', msg: 'stop signals held while the CLI loads' })}\n`);
}

const root = fileURLToPath(new URL('..', import.meta.url));
const built = path.join(root, 'dist', 'cli', 'main.js');
const sources = path.join(root, 'src');

function newestSource() {
  let newest = 0;
  for (const entry of readdirSync(sources, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

async function loadCli() {
  if (existsSync(built) && (!existsSync(sources) || statSync(built).mtimeMs >= newestSource())) return import(built);
  const { register } = await import('tsx/esm/api');
  register();
  return import('../src/cli/main.ts');
}

const { main } = await loadCli();
process.exitCode = await main(process.argv.slice(2), process.env, handOver);
