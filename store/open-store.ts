import { join, resolve } from 'node:path';
import type { Config } from '../schema/config.ts';
import type { PostingStore } from './ports.ts';

/**
 * Opens the configured posting store: MongoDB when `MONGODB_URI` is set, otherwise the embedded
 * store under `DATA_DIR/store`. The MongoDB adapter (and its driver) is loaded only when used, so
 * the default start on a laptop does not pay for it.
 */
export async function openPostingStore(config: Pick<Config, 'DATA_DIR' | 'MONGODB_URI' | 'MONGODB_DB'>): Promise<PostingStore> {
  if (config.MONGODB_URI) {
    const { openMongoStore } = await import('./mongo/mongo-store.ts');
    return openMongoStore({ uri: config.MONGODB_URI, dbName: config.MONGODB_DB });
  }
  const { openEmbeddedStore } = await import('./embedded/embedded-store.ts');
  return openEmbeddedStore({ dir: join(resolve(config.DATA_DIR), 'store') });
}
