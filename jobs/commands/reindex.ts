import { loadConfig } from '../../schema/config.ts';
import { openPostingStore } from '../../store/open-store.ts';
import { openSearchIndex } from '../../store/search/open-search.ts';
import { rebuildIndex } from '../../store/search/index-sync.ts';
import type { Command } from './command.ts';

/**
 * `peerboard reindex`: empties the search index and indexes every posting of the store again,
 * then records the seq it reflects (Meilisearch: a checkpoint in the store; the embedded engine:
 * its snapshot file, which the next start loads). It may run while the service runs: the store
 * is shared, and the service's own index follows the change feed regardless.
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
      const index = await openSearchIndex(config, { store });
      try {
        const started = performance.now();
        const tty = io.stderr.isTTY === true;
        let lastDraw = 0;
        const { indexed, seq } = await rebuildIndex(store, index, {
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
        io.stdout.write(`reindexed ${indexed} postings into the ${index.kind} index in ${seconds} s (up to change ${seq})\n`);
        if (index.kind === 'embedded') {
          io.stdout.write('the embedded index snapshot is saved; the next start loads it and applies only later changes\n');
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
