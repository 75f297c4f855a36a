#!/usr/bin/env node
// `npm test`: runs the checks one after another (`npm run typecheck`, `npm run lint`, then the
// tests), saying which one runs and how long it has been running, so the minute the type check
// and the type-aware lint take is not a minute of silence. Steps after `--` print their own
// progress (vitest) and get no heartbeat. Stops at the first that fails, with its exit code.
/* global setInterval, clearInterval */
import { spawn } from 'node:child_process';

const args = process.argv.slice(2);
const split = args.indexOf('--');
const steps = args.filter((a) => a !== '--');
const talkative = new Set(split < 0 ? [] : args.slice(split + 1));
const HEARTBEAT_MS = 10_000;
const started = Date.now();
const seconds = (ms) => `${Math.round(ms / 1000)} s`;

for (const [i, step] of steps.entries()) {
  const t0 = Date.now();
  process.stderr.write(`[${i + 1}/${steps.length}] ${step} ...\n`);
  const beat = talkative.has(step) ? undefined : setInterval(() => process.stderr.write(`[${i + 1}/${steps.length}] ${step}: still running (${seconds(Date.now() - t0)})\n`), HEARTBEAT_MS);
  const code = await new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', step], { stdio: 'inherit' });
    child.once('error', () => resolve(1));
    child.once('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0)));
  });
  clearInterval(beat);
  if (code !== 0) {
    process.stderr.write(`[${i + 1}/${steps.length}] ${step}: failed (exit ${code}) after ${seconds(Date.now() - t0)}\n`);
    process.exit(code);
  }
  process.stderr.write(`[${i + 1}/${steps.length}] ${step}: ok in ${seconds(Date.now() - t0)}\n`);
}
process.stderr.write(`all checks passed in ${seconds(Date.now() - started)}\n`);
