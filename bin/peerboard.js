#!/usr/bin/env node
// The `peerboard` command. tsx's loader runs the TypeScript sources directly, so
// `npx peerboard <command>` works right after `npm ci` with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../jobs/cli.ts');
const code = await main(process.argv.slice(2));
if (typeof code === 'number') process.exitCode = code;
