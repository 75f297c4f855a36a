import { parseArgs } from 'node:util';
import { loadConfig } from '../../schema/config.ts';
import { openPostingStore } from '../../store/open-store.ts';
import type { ScrapeRun } from '../../store/ports.ts';
import { RUN_COLUMNS, formatTable, runCells } from '../run-table.ts';
import type { Command } from './command.ts';

const USAGE = 'peerboard runs [--source ID] [--last N] [--json]';

export const command: Command = {
  name: 'runs',
  summary: 'show the recent scrape runs of each source',
  usage: `${USAGE}

  --source ID  only this source
  --last N     runs per source, newest first (default 5)
  --json       print the runs as JSON`,
  async run(args, io) {
    let values: { source?: string | undefined; last?: string | undefined; json?: boolean | undefined };
    try {
      ({ values } = parseArgs({
        args,
        options: { source: { type: 'string' }, last: { type: 'string' }, json: { type: 'boolean', default: false } },
        strict: true,
        allowPositionals: false,
      }));
    } catch (err) {
      io.stderr.write(`peerboard runs: ${(err as Error).message}\nusage: ${USAGE}\n`);
      return 2;
    }
    const last = values.last === undefined ? 5 : Number(values.last);
    if (!Number.isInteger(last) || last < 1) {
      io.stderr.write(`peerboard runs: --last: expected a whole number of at least 1, got "${values.last}"\n`);
      return 2;
    }

    const store = await openPostingStore(loadConfig(io.env), { log: (line) => void io.stderr.write(`${line}\n`) });
    let runs: ScrapeRun[];
    try {
      runs = values.source ? await store.listRuns({ sourceId: values.source, last }) : await store.listRuns();
    } finally {
      await store.close();
    }
    const bySource = lastPerSource(runs, last);

    if (values.json) {
      io.stdout.write(`${JSON.stringify(Object.fromEntries(bySource), null, 2)}\n`);
      return 0;
    }
    if (bySource.size === 0) {
      io.stdout.write(values.source ? `no runs recorded for source "${values.source}"\n` : 'no runs recorded yet; `peerboard scrape` runs the sources now\n');
      return 0;
    }
    const rows: (string | number)[][] = [];
    for (const [sourceId, list] of bySource) {
      for (const run of list) rows.push([sourceId, formatStart(run.startedAt), ...runCells(run), firstError(run)]);
    }
    io.stdout.write(formatTable(['source', 'started', ...RUN_COLUMNS, 'first error'], rows));
    return 0;
  },
};

/**
 * Groups runs by source (sources in alphabetical order) and keeps the newest `last` of each.
 * Sorting here rather than trusting the store's order keeps the output the same on every adapter.
 */
export function lastPerSource(runs: readonly ScrapeRun[], last: number): Map<string, ScrapeRun[]> {
  const groups = new Map<string, ScrapeRun[]>();
  for (const run of runs) {
    const list = groups.get(run.sourceId) ?? [];
    list.push(run);
    groups.set(run.sourceId, list);
  }
  const out = new Map<string, ScrapeRun[]>();
  for (const id of [...groups.keys()].sort()) {
    const list = (groups.get(id) ?? []).sort((a, b) => b.startedAt.localeCompare(a.startedAt) || b.id.localeCompare(a.id));
    out.set(id, list.slice(0, last));
  }
  return out;
}

/** "2025-03-04 06:00:12Z": sortable, unambiguous, short enough for a table. */
function formatStart(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}Z`;
}

function firstError(run: ScrapeRun): string {
  const e = run.errors[0];
  if (!e) return '';
  return e.length > 70 ? `${e.slice(0, 67)}...` : e;
}
