/**
 * Start-up and memory of the real service (`peerboard serve` in its own process, NODE_ENV=production)
 * over an embedded DATA_DIR of 100,000 postings (bench/posting-corpus.ts; 10,000 with --quick):
 *
 * - the first start (no index snapshot yet: the index is built from the store, then saved),
 * - a restart (snapshot loaded, change feed applied after its seq): time from spawn to /readyz 200,
 * - RSS after a round of searches and statistics (VmRSS and the peak VmHWM from /proc),
 * - search and statistics latency through HTTP/GraphQL (result cache off by varying queries),
 * - an import by another process while it serves: time until searchable and counted.
 *
 * Targets (issue 11): ready ≤ 3 s and RSS ≤ 500 MB at 100,000 postings.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openEmbeddedStore } from '../store/embedded/embedded-store.ts';
import { EMBEDDED_INDEX_FILE } from '../store/search/open-search.ts';
import { generatePostings } from './posting-corpus.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;

interface Served {
  child: ChildProcess;
  url: string;
  readyMs: number;
  stderr: () => string;
}

async function serve(dataDir: string): Promise<Served> {
  const started = performance.now();
  const child = spawn(process.execPath, [join(root, 'bin/peerboard.js'), 'serve', '--port', '0'], {
    env: { ...process.env, NODE_ENV: 'production', DATA_DIR: dataDir, SCHEDULER: 'off', RATE_LIMIT_PER_MINUTE: '100000000' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  for (;;) {
    if (child.exitCode !== null) throw new Error(`serve exited (${child.exitCode}): ${err}`);
    const m = /health: (http:\/\/[^/\s]+)\/healthz/.exec(out);
    if (m) {
      const res = await fetch(`${m[1]}/readyz`).catch(() => null);
      if (res?.status === 200) return { child, url: m[1]!, readyMs: performance.now() - started, stderr: () => err };
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function stop(s: Served): Promise<void> {
  const exited = new Promise((r) => s.child.once('exit', r));
  s.child.kill('SIGTERM');
  await exited;
}

async function rssKb(pid: number): Promise<{ rss: number; hwm: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const get = (k: string) => Number(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: get('VmRSS'), hwm: get('VmHWM') };
}

async function gql(url: string, query: string): Promise<{ ms: number; data: Record<string, unknown> }> {
  const t = performance.now();
  const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  const body = (await res.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors).slice(0, 500));
  return { ms: performance.now() - t, data: body.data ?? {} };
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

const WORDS = ['peer support', 'recovery coach', 'crisis', 'navigator', 'bilingual', 'overnight', 'supervision', 'medication', 'harm reduction', 'youth'];
const STATES = ['OH', 'PA', 'KY', 'MI', 'IN', 'WV', 'NY', 'IL'];

export async function run(options: { quick: boolean }): Promise<void> {
  const n = options.quick ? 10_000 : 100_000;
  const dataDir = await mkdtemp(join(tmpdir(), 'peerboard-startup-bench-'));
  try {
    {
      const store = await openEmbeddedStore({ dataDir });
      const t = performance.now();
      for (let i = 0; i < n; i += 5_000) await store.putPostings(generatePostings(Math.min(5_000, n - i), 42 + i, i));
      console.log(`store: ${n.toLocaleString('en-US')} postings written in ${((performance.now() - t) / 1000).toFixed(1)} s; database ${mb((await stat(join(dataDir, 'peerboard.db'))).size / 1024)}`);
      await store.close();
    }

    // The process's own start (node, tsx, Express, Apollo, the normaliser) over an empty DATA_DIR:
    // what any start costs on this machine before the data counts.
    const emptyDir = await mkdtemp(join(tmpdir(), 'peerboard-startup-empty-'));
    try {
      const empty = await serve(emptyDir);
      console.log(`baseline: ready in ${(empty.readyMs / 1000).toFixed(2)} s from spawn over an empty DATA_DIR`);
      await stop(empty);
    } finally {
      await rm(emptyDir, { recursive: true, force: true });
    }

    const first = await serve(dataDir);
    console.log(`first start (no index snapshot: built from the store): ready in ${(first.readyMs / 1000).toFixed(1)} s`);
    await stop(first);
    console.log(`index snapshot saved at shutdown: ${mb((await stat(join(dataDir, EMBEDDED_INDEX_FILE))).size / 1024)}`);

    const s = await serve(dataDir);
    const runtimeLine = /runtime: .*/.exec(s.stderr())?.[0] ?? '';
    console.log(`restart (snapshot + change feed): ready in ${(s.readyMs / 1000).toFixed(2)} s from spawn  [target ≤ 3 s]`);
    if (runtimeLine) console.log(`  ${runtimeLine}`);
    try {
      const searchMs: number[] = [];
      const statsMs: number[] = [];
      for (let i = 0; i < 60; i++) {
        const word = WORDS[i % WORDS.length]!;
        const state = STATES[i % STATES.length]!;
        searchMs.push(
          (await gql(s.url, `{ searchJobs(first: 20, query: "${word}", filter: { states: ["${state}"] }) { totalCount edges { node { id title employer } highlights { field snippet } } } }`)).ms,
        );
        statsMs.push((await gql(s.url, `{ salaryStats(filter: { states: ["${state}"] }, groupBy: [SETTING]) { count hourly { median p90 } } }`)).ms);
      }
      console.log(`searchJobs over HTTP (20 hits with highlights, varied): p50 ${pct(searchMs, 50).toFixed(1)} ms, p95 ${pct(searchMs, 95).toFixed(1)} ms`);
      console.log(`salaryStats over HTTP (varied): p50 ${pct(statsMs, 50).toFixed(1)} ms, p95 ${pct(statsMs, 95).toFixed(1)} ms`);
      const mem = await rssKb(s.child.pid!);
      console.log(`RSS after the queries: ${mb(mem.rss)} (peak ${mb(mem.hwm)})  [target ≤ 500 MB]`);

      // Another process imports while the service runs.
      const file = join(dataDir, 'import.jsonl');
      const lines = Array.from({ length: 500 }, (_, i) =>
        JSON.stringify({ source: 'bench-import', sourceId: `imp-${i}`, title: 'Peer Support Specialist', employer: `Zanzibar Wellness Collective ${i}`, location: 'Columbus, OH', pay: '$19 - $23 per hour', description: 'Peer support in a zanzibarian outpatient program.' }),
      );
      await writeFile(file, lines.join('\n'));
      const before = (await gql(s.url, `{ salaryStats { count } }`)).data as { salaryStats: { count: number }[] };
      const t = performance.now();
      const imp = spawn(process.execPath, [join(root, 'bin/peerboard.js'), 'import', file], { env: { ...process.env, DATA_DIR: dataDir }, stdio: 'ignore' });
      const code = await new Promise((r) => imp.once('exit', r));
      const imported = performance.now();
      if (code !== 0) throw new Error(`import exited ${String(code)}`);
      for (;;) {
        const d = (await gql(s.url, `{ searchJobs(first: 1, query: "zanzibar") { totalCount } salaryStats { count } }`)).data as {
          searchJobs: { totalCount: number };
          salaryStats: { count: number }[];
        };
        if (d.searchJobs.totalCount >= 500 && d.salaryStats[0]!.count >= before.salaryStats[0]!.count + 500) break;
        if (performance.now() - imported > 30_000) throw new Error('the import never reached the service');
        await new Promise((r) => setTimeout(r, 25));
      }
      console.log(
        `import of 500 by another process while serving: import took ${((imported - t) / 1000).toFixed(1)} s; searchable and counted ${((performance.now() - imported) / 1000).toFixed(2)} s after it finished  [target ≤ 2 s]`,
      );
      const after = await rssKb(s.child.pid!);
      console.log(`RSS at the end: ${mb(after.rss)} (peak ${mb(after.hwm)})`);
    } finally {
      await stop(s);
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}
