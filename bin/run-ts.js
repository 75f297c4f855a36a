#!/usr/bin/env node
// Runs a TypeScript entry point with tsx's loader, so no build step is needed.
import { register } from 'tsx/esm/api';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

register();
const entry = process.argv[2];
if (!entry) {
  console.error('usage: run-ts <file.ts> [args...]');
  process.exit(2);
}
// The entry takes run-ts's place in argv, as if node had run it directly: argv[1] names the entry
// (so `resolve(process.argv[1]) === thisFile` tells a script run directly from one imported).
process.argv.splice(1, 2, resolve(entry));
await import(pathToFileURL(resolve(entry)).href);
