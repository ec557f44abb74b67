#!/usr/bin/env node
// Runs the compiled CLI in dist/ when `npm run build` made it from the current sources (a faster
// start: nothing to transpile), else the TypeScript sources through tsx, so `npm install && npm start`
// needs no build step and an edited source is never shadowed by an older build.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

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

if (existsSync(built) && (!existsSync(sources) || statSync(built).mtimeMs >= newestSource())) {
  await import(built);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
