import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { openEmbeddedStore } from '../../store/embedded/embedded-store.ts';
import { openMongoStore } from '../../store/mongo/mongo-store.ts';
import { describePostingStoreContract } from './posting-store-contract.ts';

describePostingStoreContract('embedded', () => {
  let dir = '';
  return {
    async open() {
      dir ||= await mkdtemp(join(tmpdir(), 'peerboard-store-'));
      return openEmbeddedStore({ dataDir: dir });
    },
    async cleanup() {
      if (dir) await rm(dir, { recursive: true, force: true });
    },
  };
});

const mongoUri = process.env.MONGODB_URI?.trim();
if (!mongoUri) {
  console.log('skipped: MONGODB_URI not set (the PostingStore contract ran against the embedded store only)');
  describe.skip('PostingStore contract: mongodb', () => {
    it('skipped: MONGODB_URI not set', () => undefined);
  });
} else {
  describePostingStoreContract('mongodb', () => {
    // A database of its own per test, dropped after: tests never see each other's data.
    const dbName = `peerboard_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    return {
      open: () => openMongoStore({ uri: mongoUri, dbName, serverSelectionTimeoutMS: 3000 }),
      async cleanup() {
        const s = await openMongoStore({ uri: mongoUri, dbName, serverSelectionTimeoutMS: 3000 });
        await s.dropAll();
        await s.close();
      },
    };
  });
}
