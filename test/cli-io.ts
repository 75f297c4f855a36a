import { PassThrough } from 'node:stream';
import type { CliIO } from '../jobs/commands/command.ts';

/**
 * In-memory streams for running a `peerboard` command in-process: what the command wrote is read
 * back with `out()` / `err()`; `input` (if given) is its whole stdin.
 */
export function captureIO(env: Record<string, string | undefined> = {}, input?: string): { io: CliIO; out: () => string; err: () => string } {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  if (input !== undefined) stdin.end(input);
  return { io: { stdin, stdout, stderr, env }, out: () => out, err: () => err };
}
