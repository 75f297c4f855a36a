import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

let dir = '';
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Resolves true when nothing listens on the port any more (we can listen on it ourselves). */
function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

describe('npm start under a supervisor', () => {
  it('stops within 10 s and frees the port when SIGTERM is sent to the npm process', async () => {
    dir = await mkdtemp(join(tmpdir(), 'peerboard-npm-start-'));
    const child = spawn('npm', ['start', '--silent'], {
      cwd: join(import.meta.dirname, '..'),
      env: { ...process.env, DATA_DIR: join(dir, 'data'), PORT: '0', HOST: '127.0.0.1', SCHEDULER: 'off', NODE_ENV: 'test', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const port = await new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`npm start did not listen within 60 s: ${out} ${err}`)), 60_000);
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /Peerboard API: http:\/\/127\.0\.0\.1:(\d+)\/graphql/.exec(out);
          if (m) {
            clearTimeout(timer);
            resolve(Number(m[1]));
          }
        });
        void exited.then(() => reject(new Error(`npm start exited early: ${err}`)));
      });
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
      expect(await portIsFree(port)).toBe(false);

      const sent = Date.now();
      child.kill('SIGTERM');
      const code = await Promise.race([exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 10_000))]);
      expect(code, err).not.toBe('timeout');
      expect(Date.now() - sent).toBeLessThan(10_000);
      // The node process itself is gone too: the port is free (a few tries: the kernel may lag).
      let free = false;
      for (let i = 0; i < 20 && !free; i++) {
        free = await portIsFree(port);
        if (!free) await new Promise((r) => setTimeout(r, 100));
      }
      expect(free).toBe(true);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 90_000);
});
