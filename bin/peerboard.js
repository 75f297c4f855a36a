#!/usr/bin/env node
// The `peerboard` command. It runs the build in dist/ (made by `npm install` / `npm ci` through
// the `prepare` script, or `npm run build`) while that build is fresh: plain JavaScript, so a
// command starts without compiling TypeScript. When a source has changed since the build (you
// are developing), or there is no build, or PEERBOARD_FROM_SOURCE=1, it runs the TypeScript
// sources through tsx's loader instead, exactly as before: an edit is never hidden by a stale
// build, and nothing needs rebuilding by hand.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildIsFresh } from './build-freshness.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

let main;
if (buildIsFresh(root)) {
  ({ main } = await import('../dist/cli/cli.js'));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../jobs/cli.ts'));
}
const code = await main(process.argv.slice(2));
if (typeof code === 'number') process.exitCode = code;
