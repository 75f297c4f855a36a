import { createInterface } from 'node:readline';
import { once } from 'node:events';
import { normalizePosting, parseRawPosting } from '../../scrapers/normalize/index.ts';
import type { Command } from './command.ts';

/**
 * `peerboard normalize`: JSON Lines of raw postings on stdin, one JSON line per non-empty input
 * line on stdout, in order. A line that is not JSON or not a posting gets an error line in its
 * place and the stream goes on. Blank lines are skipped (no output), so `wc -l` of the output
 * equals the count of non-empty input lines. Reads line by line: memory does not grow with the
 * file.
 */
export const command: Command = {
  name: 'normalize',
  summary: 'normalise raw postings: JSON Lines on stdin, one result line per non-empty line on stdout',
  usage: [
    'peerboard normalize [--now ISO-DATE] < raw.jsonl > normalized.jsonl',
    '',
    'Each non-empty input line is a raw posting, e.g.',
    '  {"title":"Peer Support Specialist","employer":"Acme Health","location":"Columbus, OH","pay":"$18 - $22/hr"}',
    'Each output line is the normalised posting, or {"error":{"code","message","line"}} with code',
    'INVALID_JSON (not JSON) or INVALID_POSTING (JSON but not a posting). Blank lines are skipped.',
    '--now anchors relative dates such as "Posted 3 days ago" (default: the current time).',
    'Exit code 0 when every line was read, 2 for bad options.',
  ].join('\n'),
  async run(args, io) {
    let now = new Date();
    for (let i = 0; i < args.length; i++) {
      const arg = args[i];
      if (arg === '--now') {
        const value = args[++i];
        const t = value === undefined ? NaN : Date.parse(value);
        if (!Number.isFinite(t)) {
          io.stderr.write('peerboard normalize: --now needs an ISO date, e.g. --now 2026-03-01T00:00:00Z\n');
          return 2;
        }
        now = new Date(t);
      } else {
        io.stderr.write(`peerboard normalize: unknown option "${arg}"\n`);
        return 2;
      }
    }

    const lines = createInterface({ input: io.stdin, crlfDelay: Infinity });
    let lineNo = 0;
    for await (const line of lines) {
      lineNo++;
      if (line.trim() === '') continue;
      const out = normalizeLine(line, lineNo, now);
      // Respect backpressure so a slow consumer does not make us buffer the whole output.
      if (!io.stdout.write(`${out}\n`)) await once(io.stdout, 'drain');
    }
    return 0;
  },
};

function errorLine(code: string, message: string, line: number): string {
  return JSON.stringify({ error: { code, message, line } });
}

/** One input line → one output line; never throws, so one bad line cannot stop the batch. */
export function normalizeLine(line: string, lineNo: number, now: Date): string {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (err) {
    return errorLine('INVALID_JSON', `line ${lineNo}: ${(err as Error).message}`, lineNo);
  }
  const parsed = parseRawPosting(value);
  if (!parsed.ok) return errorLine('INVALID_POSTING', `line ${lineNo}: ${parsed.error.issues.join('; ')}`, lineNo);
  try {
    return JSON.stringify(normalizePosting(parsed.raw, { now }));
  } catch (err) {
    // normalizePosting is built not to throw; if it ever does, report the line and go on.
    return errorLine('NORMALIZE_FAILED', `line ${lineNo}: ${(err as Error).message}`, lineNo);
  }
}
