import { describe, expect, it } from 'vitest';
import { main } from '../jobs/cli.ts';
import { captureIO } from './cli-io.ts';

function io() {
  return captureIO();
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

describe('peerboard command catalogue', () => {
  it('lists each command with the summary the command itself gives', async () => {
    const { COMMANDS } = await import('../jobs/cli.ts');
    for (const entry of COMMANDS) {
      const cmd = await entry.load();
      expect(cmd.name).toBe(entry.name);
      expect(cmd.summary).toBe(entry.summary);
    }
  });
});
