import { createReadStream, createWriteStream } from 'node:fs';
import type { WriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { loadConfig } from '../../schema/config.ts';
import { PeerboardError } from '../../schema/index.ts';
import { createIngest } from '../../store/ingest.ts';
import { openPostingStore } from '../../store/open-store.ts';
import type { IngestCounts } from '../../store/ports.ts';
import type { Command } from './command.ts';

const DEFAULT_BATCH = 500;

/** One rejected line, as printed and as written to `--rejects FILE` (one JSON object a line). */
export interface RejectedLine {
  line: number;
  reason: string;
  message: string;
}

/**
 * `peerboard import FILE.jsonl`: ingests raw postings from a file (analysts' own data) into the
 * configured store, in batches, and prints the counts. Lines without a `source` are stamped
 * `import`. A line that is not JSON or not a posting is counted as rejected with its reason; one
 * bad line never stops the file. Every rejected line is reported, in line order: on stderr, or
 * with `--rejects FILE` as JSON Lines `{ line, reason, message }` in that file.
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
    'peerboard import FILE.jsonl [--source NAME] [--batch N] [--json] [--dry-run] [--rejects FILE]',
    '',
    'FILE is JSON Lines of raw postings ("-" reads stdin), e.g.',
    '  {"title":"Peer Support Specialist","employer":"Acme Health","location":"Columbus, OH","pay":"$18 - $22/hr","sourceId":"acme-118"}',
    '--source   source name for lines that have none (default: import)',
    '--batch    postings per ingest batch (default 500)',
    '--json     print the counts as one JSON object instead of a table',
    '--dry-run  normalise and count, write nothing',
    '--rejects  write every rejected line to FILE as JSON Lines {"line":N,"reason":"...","message":"..."}',
    '           (without it, each rejected line is printed on stderr, in line order)',
    'Uses MONGODB_URI when set, otherwise the embedded store under DATA_DIR.',
    'Exit code 0 when the file was read (rejected lines are counted, not fatal), 1 on errors, 2 for bad options.',
  ].join('\n'),
  async run(args, io) {
    let file: string | undefined;
    let source = 'import';
    let batchSize = DEFAULT_BATCH;
    let json = false;
    let dryRun = false;
    let rejectsFile: string | undefined;
    for (let i = 0; i < args.length; i++) {
      const arg = args[i]!;
      if (arg === '--json') json = true;
      else if (arg === '--dry-run') dryRun = true;
      else if (arg === '--source' || arg === '--batch' || arg === '--rejects') {
        const value = args[++i];
        if (value === undefined || value.startsWith('--')) return usageError(io, `${arg} needs a value`);
        if (arg === '--source') source = value;
        else if (arg === '--rejects') rejectsFile = value;
        else {
          batchSize = Number(value);
          if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 100_000) return usageError(io, '--batch needs a whole number from 1 to 100000');
        }
      } else if (arg.startsWith('--')) return usageError(io, `unknown option "${arg}"`);
      else if (file === undefined) file = arg;
      else return usageError(io, `unexpected argument "${arg}"`);
    }
    if (file === undefined) return usageError(io, 'which file? usage: peerboard import FILE.jsonl');

    const path = file;
    if (path !== '-') {
      // A directory opens fine and fails at the first read with a bare "EISDIR" naming nothing.
      const info = await stat(path).catch((err: NodeJS.ErrnoException) => {
        throw new PeerboardError('BAD_USER_INPUT', `cannot read ${path}: ${err.code === 'ENOENT' ? 'no such file' : err.message}`, { cause: err });
      });
      if (info.isDirectory()) throw new PeerboardError('BAD_USER_INPUT', `cannot read ${path}: it is a directory, not a JSON Lines file`);
    }
    const input: Readable = path === '-' ? io.stdin : createReadStream(path);
    const opened = new Promise<void>((resolve, reject) => {
      if (path === '-') return resolve();
      input.once('open', () => resolve());
      input.once('error', (err) => reject(new PeerboardError('BAD_USER_INPUT', `cannot read ${path}: ${err.message}`, { cause: err })));
    });
    await opened;
    const rejectsOut = rejectsFile === undefined ? undefined : await openRejectsFile(rejectsFile);

    const store = await openPostingStore(loadConfig(io.env), { log: (line) => void io.stderr.write(`${line}\n`) });
    const totals: IngestCounts = { received: 0, new: 0, updated: 0, unchanged: 0, duplicates: 0, rejected: {} };
    let rejectedLines = 0;
    // Rejections of lines not yet flushed: a line that is not JSON is known at once, the others
    // only when their batch is ingested, so each batch's are sorted before they are reported.
    let pending: RejectedLine[] = [];
    const reject = (line: number, reason: string, message: string) => {
      totals.rejected[reason] = (totals.rejected[reason] ?? 0) + 1;
      pending.push({ line, reason, message });
    };
    const report = async () => {
      pending.sort((a, b) => a.line - b.line);
      for (const r of pending) {
        rejectedLines++;
        if (rejectsOut) await writeLine(rejectsOut.stream, `${JSON.stringify(r)}\n`);
        else io.stderr.write(`line ${r.line}: ${r.reason}: ${r.message.replace(/\n/g, '; ')}\n`);
      }
      pending = [];
    };
    try {
      const ingest = createIngest({ store });
      let batch: unknown[] = [];
      let lines: number[] = [];
      const flush = async () => {
        if (batch.length) {
          const r = await ingest(batch, { source, dryRun });
          totals.received += r.received;
          totals.new += r.new;
          totals.updated += r.updated;
          totals.unchanged += r.unchanged;
          totals.duplicates += r.duplicates;
          for (const x of r.rejections) reject(lines[x.index] ?? 0, x.reason, x.message);
        }
        batch = [];
        lines = [];
        await report();
      };
      const rl = createInterface({ input, crlfDelay: Infinity });
      let lineNo = 0;
      try {
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
      } catch (err) {
        if (err instanceof PeerboardError) throw err;
        throw new PeerboardError('BAD_USER_INPUT', `cannot read ${path === '-' ? 'stdin' : path} after line ${lineNo}: ${(err as Error).message}`, { cause: err });
      }
      await flush();
    } finally {
      await store.close();
      await rejectsOut?.close();
    }
    if (rejectsOut && rejectsFile !== undefined) io.stderr.write(`${rejectedLines} rejected line${rejectedLines === 1 ? '' : 's'} written to ${rejectsFile}\n`);
    io.stdout.write(json ? `${JSON.stringify({ ...totals, dryRun })}\n` : countsTable(totals, dryRun));
    return 0;
  },
};

/** Opens `--rejects FILE` for writing (truncating it), with errors that name the path. */
async function openRejectsFile(path: string): Promise<{ stream: WriteStream; close(): Promise<void> }> {
  const info = await stat(path).catch(() => undefined);
  if (info?.isDirectory()) throw new PeerboardError('BAD_USER_INPUT', `--rejects ${path}: it is a directory; give a file name`);
  const stream = createWriteStream(path, { flags: 'w' });
  await new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', (err) => reject(new PeerboardError('BAD_USER_INPUT', `--rejects ${path}: cannot write: ${err.message}`, { cause: err })));
  });
  return {
    stream,
    close: () =>
      new Promise<void>((resolve, reject) => {
        stream.end((err?: Error | null) => (err ? reject(new PeerboardError('INTERNAL_SERVER_ERROR', `--rejects ${path}: ${err.message}`, { cause: err })) : resolve()));
      }),
  };
}

/** Writes with back-pressure: a file of a million rejections is not buffered in memory. */
function writeLine(stream: WriteStream, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const ok = stream.write(text, (err) => (err ? reject(err) : undefined));
    if (ok) resolve();
    else stream.once('drain', resolve);
  });
}

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
