import { afterAll, beforeAll } from 'vitest';
import { openMongoStore } from '../../store/mongo/mongo-store.ts';
import { MongoStandIn } from './mongo-stand-in.ts';
import { describePostingStoreContract } from './posting-store-contract.ts';

/**
 * The PostingStore contract against the MongoDB adapter over the official driver, talking the
 * wire protocol to the local stand-in (test/store/mongo-stand-in.ts): runs always, on every
 * machine. test/store/posting-store.test.ts runs the same contract against a real MongoDB when
 * MONGODB_URI is set.
 */
const server = new MongoStandIn();
beforeAll(() => server.start());
afterAll(() => server.stop());

describePostingStoreContract('mongodb (wire-protocol stand-in)', () => {
  const dbName = `peerboard_test_${Math.random().toString(36).slice(2, 8)}`;
  return {
    open: () => openMongoStore({ uri: server.uri, dbName, serverSelectionTimeoutMS: 2000 }),
    async cleanup() {
      const s = await openMongoStore({ uri: server.uri, dbName, serverSelectionTimeoutMS: 2000 });
      await s.dropAll();
      await s.close();
    },
  };
});
