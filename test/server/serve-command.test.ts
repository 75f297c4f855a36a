import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { command, serveWithRuntime } from '../../jobs/commands/serve.ts';
import { loadConfig } from '../../schema/config.ts';
import type { RunningServer } from '../../server/app.ts';
import { openRuntime } from '../../store/runtime.ts';
import { captureIO } from '../cli-io.ts';

function testIO(env: Record<string, string> = {}) {
  return captureIO(env);
}

async function serveOnce(sourcesFileContent: string | null) {
  const dataDir = await mkdtemp(join(tmpdir(), 'peerboard-serve-'));
  const sourcesFile = join(dataDir, 'sources.json');
  if (sourcesFileContent !== null) await writeFile(sourcesFile, sourcesFileContent);
  const env = { NODE_ENV: 'test', PORT: '0', DATA_DIR: dataDir, SCHEDULER: 'on', SOURCES_FILE: sourcesFile };
  const config = loadConfig(env);
  const runtime = await openRuntime(config);
  const t = testIO(env);
  const controller = new AbortController();
  let health = 0;
  const code = await serveWithRuntime({
    config,
    runtime,
    io: t.io,
    handleSignals: false,
    signal: controller.signal,
    onListening: (server: RunningServer) => {
      void fetch(`${server.url}/healthz`)
        .then((r) => (health = r.status))
        .finally(() => controller.abort());
    },
  });
  // serve closed the runtime: the store refuses work now.
  const closedAfter = await runtime.store.ping().then(
    () => false,
    () => true,
  );
  await rm(dataDir, { recursive: true, force: true });
  return { code, health, closedAfter, out: t.out(), err: t.err() };
}

describe('peerboard serve', () => {
  it('serves the API when the sources file is missing, saying why nothing is scheduled', async () => {
    const r = await serveOnce(null);
    expect(r.code).toBe(0);
    expect(r.health).toBe(200);
    expect(r.out).toMatch(/^Peerboard API: http:\/\/127\.0\.0\.1:\d+\/graphql/m);
    expect(r.err).toMatch(/scheduler: not started: .*sources\.json: cannot read the sources file \(ENOENT\)/);
    expect(r.err).toMatch(/the API serves meanwhile/);
    expect(r.err).toMatch(/stop requested: shutting down/);
    expect(r.err).toMatch(/peerboard serve: stopped/);
    expect(r.closedAfter).toBe(true);
  });

  it('serves the API when the sources file is broken', async () => {
    const r = await serveOnce('[{ "id": "x", "kind": "nonsense" ');
    expect(r.code).toBe(0);
    expect(r.health).toBe(200);
    expect(r.err).toMatch(/scheduler: not started: .*not valid JSON/);
  });

  it('schedules the sources of a valid file and stops them on shutdown', async () => {
    const r = await serveOnce(JSON.stringify([{ id: 'harbor-careers', kind: 'jsonld', url: 'http://127.0.0.1:9/careers', schedule: '0 3 * * *', enabled: false }]));
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/scheduler: 0 of 1 sources scheduled/);
    expect(r.err).not.toMatch(/scheduler: not started/);
  });

  it('rejects unknown options with exit code 2', async () => {
    const t = testIO();
    expect(await command.run(['--verbose'], t.io)).toBe(2);
    expect(t.err()).toMatch(/usage: peerboard serve/);
  });
});
