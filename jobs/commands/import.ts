import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { loadConfig } from '../../schema/config.ts';
import { PeerboardError } from '../../schema/index.ts';
import { createIngest } from '../../store/ingest.ts';
import { openPostingStore } from '../../store/open-store.ts';
import type { IngestCounts } from '../../store/ports.ts';
import type { Command } from './command.ts';

const DEFAULT_BATCH = 500;
/** Rejections printed line by line; the rest are only counted. */
const SHOWN_REJECTIONS = 20;

/**
 * `peerboard import FILE.jsonl`: ingests raw postings from a file (analysts' own data) into the
 * configured store, in batches, and prints the counts. Lines without a `source` are stamped
 * `import`. A line that is not JSON or not a posting is counted as rejected with its reason; one
 * bad line never stops the file.
 *
 * The search index and the statistics are not opened: the store is the source of truth, and every
 * posting written gets a seq in its change feed. A running service follows that feed (within
 * about a second the imports are searchable and counted there); a service started later catches
 * its index up from its checkpoint. Imports may run while the service runs, and side by side.
 */
export const command: Command = {
  name: 'import',
  summary: 'ingest raw postings from a JSON Lines file into the store and print the counts',
  usage: [
    'peerboard import FILE.jsonl [--source NAME] [--batch N] [--json] [--dry-run]',
    '',
    'FILE is JSON Lines of raw postings ("-" reads stdin), e.g.',
    '  {"title":"Peer Support Specialist","employer":"Acme Health","location":"Columbus, OH","pay":"$18 - $22/hr","sourceId":"acme-118"}',
    '--source   source name for lines that have none (default: import)',
    '--batch    postings per ingest batch (default 500)',
    '--json     print the counts as one JSON object instead of a table',
    '--dry-run  normalise and count, write nothing',
    'Uses MONGODB_URI when set, otherwise the embedded store under DATA_DIR.',
    'Exit code 0 when the file was read (rejected lines are counted, not fatal), 1 on errors, 2 for bad options.',
  ].join('\n'),
  async run(args, io) {
    let file: string | undefined;
    let source = 'import';
    let batchSize = DEFAULT_BATCH;
    let json = false;
    let dryRun = false;
    for (let i = 0; i < args.length; i++) {
      const arg = args[i]!;
      if (arg === '--json') json = true;
      else if (arg === '--dry-run') dryRun = true;
      else if (arg === '--source' || arg === '--batch') {
        const value = args[++i];
        if (value === undefined || value.startsWith('--')) return usageError(io, `${arg} needs a value`);
        if (arg === '--source') source = value;
        else {
          batchSize = Number(value);
          if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 100_000) return usageError(io, '--batch needs a whole number from 1 to 100000');
        }
      } else if (arg.startsWith('--')) return usageError(io, `unknown option "${arg}"`);
      else if (file === undefined) file = arg;
      else return usageError(io, `unexpected argument "${arg}"`);
    }
    if (file === undefined) return usageError(io, 'which file? usage: peerboard import FILE.jsonl');

    const input: Readable = file === '-' ? io.stdin : createReadStream(file);
    const opened = new Promise<void>((resolve, reject) => {
      if (file === '-') return resolve();
      input.once('open', () => resolve());
      input.once('error', (err) => reject(new PeerboardError('BAD_USER_INPUT', `cannot read ${file}: ${err.message}`, { cause: err })));
    });
    await opened;

    const store = await openPostingStore(loadConfig(io.env), { log: (line) => void io.stderr.write(`${line}\n`) });
    const totals: IngestCounts = { received: 0, new: 0, updated: 0, unchanged: 0, duplicates: 0, rejected: {} };
    let shown = 0;
    const reject = (line: number, reason: string, message: string) => {
      totals.rejected[reason] = (totals.rejected[reason] ?? 0) + 1;
      if (shown++ < SHOWN_REJECTIONS) io.stderr.write(`line ${line}: ${reason}: ${message.replace(/\n/g, '; ')}\n`);
    };
    try {
      const ingest = createIngest({ store });
      let batch: unknown[] = [];
      let lines: number[] = [];
      const flush = async () => {
        if (!batch.length) return;
        const r = await ingest(batch, { source, dryRun });
        totals.received += r.received;
        totals.new += r.new;
        totals.updated += r.updated;
        totals.unchanged += r.unchanged;
        totals.duplicates += r.duplicates;
        for (const x of r.rejections) reject(lines[x.index] ?? 0, x.reason, x.message);
        batch = [];
        lines = [];
      };
      const rl = createInterface({ input, crlfDelay: Infinity });
      let lineNo = 0;
      for await (const line of rl) {
        lineNo++;
        if (line.trim() === '') continue;
        let value: unknown;
        try {
          value = JSON.parse(line);
        } catch (err) {
          totals.received++;
          reject(lineNo, 'invalid_json', (err as Error).message);
          continue;
        }
        batch.push(value);
        lines.push(lineNo);
        if (batch.length >= batchSize) await flush();
      }
      await flush();
    } finally {
      await store.close();
    }
    if (shown > SHOWN_REJECTIONS) io.stderr.write(`... and ${shown - SHOWN_REJECTIONS} more rejected lines\n`);
    io.stdout.write(json ? `${JSON.stringify({ ...totals, dryRun })}\n` : countsTable(totals, dryRun));
    return 0;
  },
};

function usageError(io: Parameters<Command['run']>[1], message: string): number {
  io.stderr.write(`peerboard import: ${message}\n`);
  return 2;
}

function countsTable(c: IngestCounts, dryRun: boolean): string {
  const rejected = Object.values(c.rejected).reduce((a, b) => a + b, 0);
  const rows: [string, number][] = [
    ['received', c.received],
    ['new', c.new],
    ['updated', c.updated],
    ['unchanged', c.unchanged],
    ['duplicates', c.duplicates],
    ['rejected', rejected],
    ...Object.entries(c.rejected)
      .sort((a, b) => b[1] - a[1])
      .map(([reason, n]): [string, number] => [`  ${reason}`, n]),
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  const numWidth = Math.max(...rows.map(([, n]) => String(n).length));
  return `${dryRun ? 'dry run: nothing was written\n' : ''}${rows.map(([k, n]) => `${k.padEnd(width)}  ${String(n).padStart(numWidth)}`).join('\n')}\n`;
}
