import { parseArgs } from 'node:util';
import { loadConfig, type Config } from '../../schema/config.ts';
import { ValidationError } from '../../schema/errors.ts';
import { createFetcher } from '../../scrapers/http/index.ts';
import type { SourceConfig } from '../../scrapers/sources/source-types.ts';
import { openRuntime } from '../../store/runtime.ts';
import { RUN_COLUMNS, formatTable, rejectedBreakdown, runCells } from '../run-table.ts';
import { ScrapeProgress } from '../scrape-progress.ts';
import { failedEntirely, scrapeSources, type SourceOutcome } from '../scrape-sources.ts';
import { loadSources } from '../sources-file.ts';
import type { CliIO, Command } from './command.ts';

const USAGE = 'peerboard scrape [--sources FILE] [--source ID]... [--dry-run] [--concurrency N] [--json]';

export const command: Command = {
  name: 'scrape',
  summary: 'run the sources now and print a summary of each run',
  usage: `${USAGE}

  --sources FILE   the sources file (default: SOURCES_FILE, ./sources.json)
  --source ID      run only this source (repeatable); runs it even when it is disabled
  --dry-run        fetch and normalise, count what would change, write nothing
  --concurrency N  sources run at once (default 2)
  --json           print the runs as JSON instead of the table

Exit code 1 when a source failed entirely, 2 on bad arguments.`,
  async run(args, io) {
    let parsed;
    try {
      parsed = parseArgs({
      args,
      options: {
        sources: { type: 'string' },
        source: { type: 'string', multiple: true },
        'dry-run': { type: 'boolean', default: false },
        concurrency: { type: 'string' },
        json: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
      });
    } catch (err) {
      io.stderr.write(`peerboard scrape: ${(err as Error).message}\nusage: ${USAGE}\n`);
      return 2;
    }
    const { values } = parsed;
    // Bad arguments exit 2 (as the usage says), before anything is read or opened.
    const concurrency = parseConcurrency(values.concurrency);
    if (typeof concurrency === 'string') {
      io.stderr.write(`peerboard scrape: ${concurrency}\nusage: ${USAGE}\n`);
      return 2;
    }
    const config = loadConfig(io.env);
    const all = await loadSources(values.sources ?? config.SOURCES_FILE);
    // An unknown `--source` id is a bad argument too (exit 2), not a failed run.
    let chosen: SourceConfig[];
    try {
      chosen = chooseSources(all, values.source ?? []);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      io.stderr.write(`peerboard scrape: ${err.message}\nusage: ${USAGE}\n`);
      return 2;
    }
    if (chosen.length === 0) {
      io.stderr.write('peerboard scrape: no enabled sources in the sources file; nothing to do\n');
      return 0;
    }
    return scrapeCommand(chosen, config, io, { dryRun: values['dry-run'], concurrency, json: values.json });
  },
};

/** `--concurrency N`: a whole number of at least 1 (default 2), or the problem as a sentence. */
function parseConcurrency(raw: string | undefined): number | string {
  if (raw === undefined) return 2;
  const n = /^\s*\d+\s*$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < 1) return `--concurrency: expected a whole number of at least 1, got "${raw}"`;
  return n;
}

/** `--source` ids pick sources even when disabled (an operator asked for them); without, the enabled ones. */
function chooseSources(all: readonly SourceConfig[], ids: readonly string[]): SourceConfig[] {
  if (ids.length === 0) return all.filter((s) => s.enabled);
  const unknown = ids.filter((id) => !all.some((s) => s.id === id));
  if (unknown.length) {
    throw new ValidationError(unknown.map((id) => `--source: no source "${id}" in the sources file (known: ${all.map((s) => s.id).join(', ') || 'none'})`));
  }
  return all.filter((s) => ids.includes(s.id));
}

async function scrapeCommand(
  sources: SourceConfig[],
  config: Config,
  io: CliIO,
  options: { dryRun: boolean; concurrency: number; json: boolean },
): Promise<number> {
  const runtime = await openRuntime(config, { log: (line) => void io.stderr.write(`peerboard scrape: ${line}\n`) });
  const controller = new AbortController();
  // Graceful stop: the page in flight finishes, each run is recorded `partial`, the store closes.
  // A second signal is left to Node's default (exit at once) for an operator who really means it.
  const onSignal = (signal: NodeJS.Signals) => {
    io.stderr.write(`\npeerboard scrape: ${signal}, finishing the pages in flight (again to quit at once)\n`);
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    controller.abort(new Error(`${signal}`));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const progress = new ScrapeProgress(io.stderr, sources);
  let outcomes: SourceOutcome[];
  try {
    const fetcher = createFetcher({ contact: config.PEERBOARD_CONTACT });
    if (options.dryRun) io.stderr.write('peerboard scrape: dry run, nothing will be written\n');
    outcomes = await scrapeSources(sources, {
      store: runtime.store,
      ingest: runtime.ingest,
      lifecycle: runtime.lifecycle,
      fetcher,
      env: { usajobsApiKey: config.USAJOBS_API_KEY, usajobsEmail: config.USAJOBS_EMAIL },
      signal: controller.signal,
      dryRun: options.dryRun,
      concurrency: options.concurrency,
      onStart: (s) => progress.start(s),
      onProgress: (p) => progress.progress(p),
      onDone: (o) => progress.done(o),
    });
  } finally {
    progress.finish();
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    await runtime.close();
  }

  if (options.json) io.stdout.write(`${JSON.stringify(outcomes.map(outcomeJson), null, 2)}\n`);
  else io.stdout.write(formatSummary(outcomes, { dryRun: options.dryRun }));
  const notStarted = sources.length - outcomes.length;
  if (notStarted > 0) io.stderr.write(`peerboard scrape: ${notStarted} source(s) not started (stopped)\n`);
  return outcomes.some(failedEntirely) ? 1 : 0;
}

function outcomeJson(o: SourceOutcome): unknown {
  if (o.kind === 'ran') return { source: o.source.id, kind: o.source.kind, run: o.run };
  if (o.kind === 'busy') return { source: o.source.id, kind: o.source.kind, skipped: 'already running' };
  if (o.kind === 'disabled') return { source: o.source.id, kind: o.source.kind, skipped: o.reason };
  return { source: o.source.id, kind: o.source.kind, error: o.message };
}

/** The summary table of a scrape, then the errors of the runs that were not clean. */
export function formatSummary(outcomes: readonly SourceOutcome[], options: { dryRun?: boolean } = {}): string {
  const rows = outcomes.map((o) => {
    if (o.kind === 'ran') return [o.source.id, o.source.kind, ...runCells(o.run)];
    const status = o.kind === 'busy' ? 'busy' : o.kind === 'disabled' ? 'disabled' : 'error';
    return [o.source.id, o.source.kind, status, '-', '-', '-', '-', '-', '-', '-', '-', '-'];
  });
  let text = `\n${options.dryRun ? 'dry run (nothing written; "expired" = would expire)\n' : ''}`;
  text += formatTable(['source', 'kind', ...RUN_COLUMNS], rows);
  const notes: string[] = [];
  for (const o of outcomes) {
    if (o.kind === 'busy') notes.push(`${o.source.id}: skipped, another run of this source holds its lock`);
    else if (o.kind === 'disabled') notes.push(`${o.source.id}: ${o.reason}`);
    else if (o.kind === 'error') notes.push(`${o.source.id}: ${o.message}`);
    else {
      const breakdown = rejectedBreakdown(o.run);
      if (breakdown) notes.push(`${o.source.id}: rejected ${breakdown}`);
      if (o.run.status !== 'ok') for (const e of o.run.errors.slice(0, 5)) notes.push(`${o.source.id}: ${e}`);
    }
  }
  if (notes.length) text += `\n${notes.join('\n')}\n`;
  return text;
}
