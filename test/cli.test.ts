import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../jobs/cli.ts';

function io() {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  return { io: { stdin: new PassThrough(), stdout, stderr, env: {} }, out: () => out, err: () => err };
}

describe('peerboard command', () => {
  it('lists its commands with --help', async () => {
    const t = io();
    expect(await main(['--help'], t.io)).toBe(0);
    for (const c of ['serve', 'normalize', 'import', 'scrape', 'runs', 'reindex', 'demo']) expect(t.out()).toContain(c);
  });
  it('rejects an unknown command with exit code 2', async () => {
    const t = io();
    expect(await main(['frobnicate'], t.io)).toBe(2);
    expect(t.err()).toContain('unknown command "frobnicate"');
  });
});
