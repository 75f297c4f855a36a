import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig, type Config } from '../../schema/config.ts';
import { ValidationError } from '../../schema/errors.ts';
import { createFetcher } from '../../scrapers/http/index.ts';
import { openRuntime } from '../../store/runtime.ts';
import type { Runtime } from '../../store/runtime-port.ts';
import { demoSamplePostings, DEMO_SAMPLE_SOURCE } from '../demo/demo-sample.ts';
import { startDemoSites } from '../demo/demo-sites.ts';
import { failedEntirely, scrapeSources } from '../scrape-sources.ts';
import { ScrapeProgress } from '../scrape-progress.ts';
import { loadSources } from '../sources-file.ts';
import type { CliIO, Command } from './command.ts';
import { formatSummary } from './scrape.ts';
import { serveWithRuntime } from './serve.ts';

const USAGE = 'peerboard demo [--data DIR] [--port N] [--no-serve]';
/** Written into the demo folder; the folder is wiped at start only when it carries this mark. */
const DEMO_MARK = '.peerboard-demo';

export const command: Command = {
  name: 'demo',
  summary: 'scrape bundled local career sites into ./demo-data and serve the API on them',
  usage: `${USAGE}

  --data DIR   the demo's own data folder, wiped at start (default ./demo-data)
  --port N     port of the API (default PORT, 4000; 0 picks a free one)
  --no-serve   scrape and print the summary, then exit (for CI and trying the pipeline)

Serves realistic career sites and ATS answers (a JSON-LD careers site, a Greenhouse board, a
Lever board, a governmentjobs.com county listing) on 127.0.0.1, scrapes them through the real
pipeline into the demo folder, ingests a bundled sample of a few hundred realistic postings
(all ten settings, twenty states, 20 months of history) and starts the service and its web
pages on it. Nothing reaches the internet.`,
  async run(args, io) {
    let values: { data?: string | undefined; port?: string | undefined; 'no-serve'?: boolean | undefined };
    try {
      ({ values } = parseArgs({
        args,
        options: { data: { type: 'string' }, port: { type: 'string' }, 'no-serve': { type: 'boolean', default: false } },
        strict: true,
        allowPositionals: false,
      }));
    } catch (err) {
      io.stderr.write(`peerboard demo: ${(err as Error).message}\nusage: ${USAGE}\n`);
      return 2;
    }
    const dataDir = resolve(values.data ?? './demo-data');
    await prepareDemoDir(dataDir);

    const sites = await startDemoSites();
    let runtime: Runtime | undefined;
    try {
      const sourcesFile = join(dataDir, 'sources.json');
      await writeFile(sourcesFile, `${JSON.stringify(sites.sources, null, 2)}\n`);
      // The demo is always the embedded store and index in its own folder: it must never write
      // into a real MongoDB or Meilisearch that happens to be configured in the environment.
      const config = loadConfig({
        ...io.env,
        DATA_DIR: dataDir,
        SOURCES_FILE: sourcesFile,
        MONGODB_URI: '',
        MEILI_HOST: '',
        ...(values.port !== undefined ? { PORT: values.port } : {}),
      });
      io.stderr.write(`peerboard demo: local sites on ${Object.values(sites.origins).join(', ')}\n`);
      io.stderr.write(`peerboard demo: scraping ${sites.sources.length} sources into ${dataDir}\n`);

      runtime = await openRuntime(config, { log: (line) => void io.stderr.write(`peerboard demo: ${line}\n`) });
      const failed = await scrapeDemo(runtime, config, sourcesFile, io);
      if (values['no-serve']) return failed ? 1 : 0;
      return await serveDemo(runtime, config, sourcesFile, io);
    } finally {
      await runtime?.close();
      await sites.close();
    }
  },
};

/** Empties the demo folder, refusing to wipe a folder that is not one the demo made. */
async function prepareDemoDir(dir: string): Promise<void> {
  const entries = await readdir(dir).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return null;
    throw err;
  });
  if (entries && entries.length > 0) {
    const marked = await stat(join(dir, DEMO_MARK)).then(
      () => true,
      () => false,
    );
    // Data integrity: `--data ./data` by mistake must not erase someone's real store.
    if (!marked) throw new ValidationError([`--data: ${dir} is not empty and was not made by the demo (no ${DEMO_MARK} file); refusing to wipe it`]);
    await rm(dir, { recursive: true, force: true });
  }
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, DEMO_MARK), 'Made by `peerboard demo`; wiped at each demo start.\n');
}

async function scrapeDemo(runtime: Runtime, config: Config, sourcesFile: string, io: CliIO): Promise<boolean> {
  const sources = await loadSources(sourcesFile);
  // The local sites answer at once; a short pause still shows the per-host pacing at work.
  const fetcher = createFetcher({ contact: config.PEERBOARD_CONTACT, defaultDelayMs: 25, maxRetries: 1 });
  const progress = new ScrapeProgress(io.stderr, sources);
  const outcomes = await scrapeSources(sources, {
    store: runtime.store,
    ingest: runtime.ingest,
    lifecycle: runtime.lifecycle,
    fetcher,
    env: {},
    concurrency: 2,
    onStart: (s) => progress.start(s),
    onProgress: (p) => progress.progress(p),
    onDone: (o) => progress.done(o),
  });
  progress.finish();
  io.stdout.write(formatSummary(outcomes));
  const sample = await ingestSample(runtime);
  io.stdout.write(
    `\nbundled sample (${DEMO_SAMPLE_SOURCE}): ${sample.received} received, ${sample.new} new, ${sample.duplicates} duplicates, ${Object.values(sample.rejected).reduce((a, b) => a + b, 0)} rejected; ${sample.expired} of them past their closing date and expired (they make the pay trends)\n`,
  );
  const active = await runtime.store.countPostings({ statuses: ['active'] });
  const duplicates = outcomes.reduce((n, o) => n + (o.kind === 'ran' ? o.run.counts.duplicates : 0), 0);
  io.stdout.write(`\n${active} active peer postings in the demo store${duplicates ? ` (${duplicates} listed by a second source and stored once)` : ''}.\n`);
  return outcomes.some(failedEntirely);
}

/**
 * Ingests the bundled sample of realistic postings through the real pipeline, then expires those
 * past their closing date as the hourly expiry would.
 */
export async function ingestSample(runtime: Runtime, now = new Date()): Promise<{ received: number; new: number; duplicates: number; rejected: Record<string, number>; expired: number }> {
  const result = await runtime.ingest(demoSamplePostings(now), { source: DEMO_SAMPLE_SOURCE, now, waitForIndex: true });
  await runtime.lifecycle.expireOverdue(now);
  const expired = await runtime.store.countPostings({ source: DEMO_SAMPLE_SOURCE, statuses: ['expired'] });
  return { received: result.received, new: result.new, duplicates: result.duplicates, rejected: result.rejected, expired };
}

/**
 * Serves the API on the demo runtime with `serve`'s own shutdown sequence, and schedules the demo
 * sources like any others (their last runs are fresh, so nothing runs again at start).
 */
async function serveDemo(runtime: Runtime, config: Config, sourcesFile: string, io: CliIO): Promise<number> {
  return serveWithRuntime({
    config,
    runtime,
    io,
    sources: await loadSources(sourcesFile),
    keepRuntimeOpen: true,
    onListening: (server) =>
      io.stdout.write(`\nOpen ${server.url}/ in a browser: jobs, salaries and the employer pages.\n\n${exampleQueries(server.graphqlUrl)}\nCtrl-C stops the demo.\n`),
  });
}

function exampleQueries(url: string): string {
  const q = (query: string) => `curl -s ${url} -H 'content-type: application/json' -d '${JSON.stringify({ query })}'`;
  return [
    'Try:',
    '  # peer jobs in crisis units and emergency departments, best paid first',
    `  ${q('{ searchJobs(query: "peer", filter: { settings: [CRISIS_UNIT, HOSPITAL_ED] }, sort: PAY_HIGH) { totalCount edges { node { title employer pay { hourlyMin hourlyMax } } } } }')}`,
    '  # pay by state (percentiles stay null for groups under STATS_MIN_SAMPLE postings with pay, as public statistics do)',
    `  ${q('{ salaryStats(groupBy: [STATE]) { group { value } count withPay hourly { median p90 } annual { median p90 } } }')}`,
    '  # what each source run did',
    `  ${q('{ scrapeRuns(last: 4) { sourceId status pagesFetched counts { new duplicates } } }')}`,
    '',
  ].join('\n');
}
