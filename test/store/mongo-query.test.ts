import { describe, expect, it } from 'vitest';
import type { PostingQuery } from '../../store/ports.ts';
import { buildPostingFilter, openMongoStore, redactUri } from '../../store/mongo/mongo-store.ts';

describe('MongoDB adapter without a server', () => {
  it('builds filters from typed fields only: an operator object where a string belongs is refused', () => {
    const evil = { source: { $ne: null } } as unknown as PostingQuery;
    expect(() => buildPostingFilter(evil)).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
    const evilStatus = { statuses: [{ $gt: '' }] } as unknown as PostingQuery;
    expect(() => buildPostingFilter(evilStatus)).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
    // A string that looks like an operator is just a value in an equality match.
    expect(buildPostingFilter({ fingerprint: '$where' })).toEqual({ fingerprint: '$where' });
  });

  it('compares instants, not strings: dates are normalised before they reach the query', () => {
    expect(buildPostingFilter({ validThroughBefore: '2026-03-31T23:59:59-04:00' })).toEqual({
      validThroughAt: { $ne: null, $lt: new Date('2026-04-01T03:59:59.000Z') },
    });
    expect(buildPostingFilter({ source: 'usajobs', lastSeenBefore: '2026-03-10' })).toEqual({
      sources: { $elemMatch: { source: 'usajobs', lastSeenAt: { $lt: '2026-03-10T00:00:00.000Z' } } },
    });
    expect(() => buildPostingFilter({ lastSeenBefore: 'yesterday' })).toThrow(/lastSeenBefore/);
  });

  it('combines several conditions with $and', () => {
    expect(buildPostingFilter({ statuses: ['active'], employerId: 'emp_1' })).toEqual({
      $and: [{ status: { $in: ['active'] } }, { employerId: 'emp_1' }],
    });
    expect(buildPostingFilter({})).toEqual({});
  });

  it('hides the password of a connection string', () => {
    expect(redactUri('mongodb://peerboard:s3cret@db.internal:27017/?authSource=admin')).toBe('mongodb://peerboard:***@db.internal:27017/?authSource=admin');
    expect(redactUri('mongodb://127.0.0.1:27017')).toBe('mongodb://127.0.0.1:27017');
  });

  it('fails at start with a clear STORE_UNAVAILABLE error when no server answers', async () => {
    // Port 9 on loopback (discard): nothing listens there, so the connection is refused at once.
    await expect(openMongoStore({ uri: 'mongodb://peerboard:pw@127.0.0.1:9/?directConnection=true', dbName: 'peerboard', serverSelectionTimeoutMS: 300 })).rejects.toMatchObject({
      code: 'STORE_UNAVAILABLE',
      message: expect.stringMatching(/^cannot connect to MongoDB at mongodb:\/\/peerboard:\*\*\*@127\.0\.0\.1:9/),
    });
  });
});
