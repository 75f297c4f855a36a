import { resolve } from 'node:path';
import type { Config } from '../schema/config.ts';
import type { PostingStore } from './ports.ts';

export interface OpenStoreOptions {
  /** Where a one-off migration (the journal format → SQLite) reports its counts. Default: stderr. */
  log?: (line: string) => void;
}

/**
 * Opens the configured posting store: MongoDB when `MONGODB_URI` is set, otherwise the embedded
 * SQLite store `DATA_DIR/peerboard.db` (a journal-format `DATA_DIR/store/` folder is migrated on
 * first open and kept aside). Any number of processes may open either at once. The MongoDB
 * adapter (and its driver) is loaded only when used, so the default start does not pay for it.
 */
export async function openPostingStore(
  config: Pick<Config, 'DATA_DIR' | 'MONGODB_URI' | 'MONGODB_DB'>,
  options: OpenStoreOptions = {},
): Promise<PostingStore> {
  if (config.MONGODB_URI) {
    const { openMongoStore } = await import('./mongo/mongo-store.ts');
    return openMongoStore({ uri: config.MONGODB_URI, dbName: config.MONGODB_DB });
  }
  const { openEmbeddedStore } = await import('./embedded/embedded-store.ts');
  return openEmbeddedStore({ dataDir: resolve(config.DATA_DIR), ...(options.log ? { log: options.log } : {}) });
}
