import { loadConfig } from '../../schema/config.ts';
import { openPostingStore } from '../../store/open-store.ts';
import { openSearchIndex } from '../../store/search/open-search.ts';
import { rebuildIndex } from '../../store/search/index-sync.ts';
import type { Command } from './command.ts';

/**
 * `peerboard reindex`: empties the search index and indexes every posting of the store again.
 * Progress goes to stderr on a terminal only, so a redirected log stays clean.
 */
export const command: Command = {
  name: 'reindex',
  summary: 'rebuild the search index from the store',
  usage: 'peerboard reindex',
  async run(args, io) {
    if (args.length) {
      io.stderr.write(`peerboard reindex: unexpected argument "${args[0]}"\n\nusage: peerboard reindex\n`);
      return 2;
    }
    const config = loadConfig(io.env);
    const store = await openPostingStore(config);
    try {
      const index = await openSearchIndex(config);
      try {
        const started = performance.now();
        const tty = io.stderr.isTTY === true;
        let lastDraw = 0;
        const { indexed } = await rebuildIndex(store, index, {
          onProgress: tty
            ? (done, total) => {
                const now = performance.now();
                if (done !== total && now - lastDraw < 100) return;
                lastDraw = now;
                const pct = total ? Math.floor((done / total) * 100) : 100;
                io.stderr.write(`\rindexing postings: ${done}/${total} (${pct}%)`);
              }
            : undefined,
        });
        if (tty) io.stderr.write('\n');
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        io.stdout.write(`reindexed ${indexed} postings into the ${index.kind} index in ${seconds} s\n`);
        if (index.kind === 'embedded') {
          // The embedded index lives in the serving process's memory and is rebuilt at each start;
          // this run checked that every posting indexes cleanly.
          io.stdout.write('note: the embedded index is rebuilt in memory by `peerboard serve` at every start; nothing else to do\n');
        }
        return 0;
      } finally {
        await index.close();
      }
    } finally {
      await store.close();
    }
  },
};
