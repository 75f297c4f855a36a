import { resolve } from 'node:path';
import { loadConfig } from '../../schema/config.ts';
import { copyStore } from '../../store/mongo/copy-store.ts';
import { openPostingStore } from '../../store/open-store.ts';
import type { Command } from './command.ts';

/**
 * `peerboard copy-store --from DATA_DIR`: copies an embedded store (the one under DATA_DIR) into
 * the MongoDB store MONGODB_URI names. Stop the service that uses the embedded store first (one
 * writer at a time); start it on MongoDB afterwards, and its index follows MongoDB's change feed.
 */
export const command: Command = {
  name: 'copy-store',
  summary: 'copy an embedded store (postings, employers, runs) into MongoDB',
  usage: [
    'peerboard copy-store --from DATA_DIR',
    '',
    'Copies the embedded store under DATA_DIR into the MongoDB store of MONGODB_URI / MONGODB_DB.',
    'Safe to run again: postings and runs are replaced by id, employers already copied are kept.',
    'Exit code 0 when everything was copied, 1 on errors, 2 for bad options.',
  ].join('\n'),
  async run(args, io) {
    let from: string | undefined;
    for (let i = 0; i < args.length; i++) {
      if (args[i] === '--from' && args[i + 1] && !args[i + 1]!.startsWith('--')) from = args[++i];
      else return usage(io, `unexpected argument "${args[i]}"`);
    }
    if (!from) return usage(io, 'which store? --from DATA_DIR');
    const config = loadConfig(io.env);
    if (!config.MONGODB_URI) return usage(io, 'set MONGODB_URI to the MongoDB to copy into');
    const source = await openPostingStore({ ...config, DATA_DIR: resolve(from), MONGODB_URI: undefined });
    try {
      const target = await openPostingStore(config);
      try {
        const r = await copyStore(source, target, {
          onProgress: io.stderr.isTTY ? (done, total) => io.stderr.write(`\rcopying postings: ${done}/${total}`) : undefined,
        });
        if (io.stderr.isTTY) io.stderr.write('\n');
        io.stdout.write(`copied ${r.postings} postings, ${r.employers} employers and ${r.runs} scrape runs into MongoDB (database ${config.MONGODB_DB})\n`);
        return 0;
      } finally {
        await target.close();
      }
    } finally {
      await source.close();
    }
  },
};

function usage(io: Parameters<Command['run']>[1], message: string): number {
  io.stderr.write(`peerboard copy-store: ${message}\n`);
  return 2;
}
