import type { Document, IndexDescription } from 'mongodb';
import { EMPLOYMENT_TYPES, PAY_BASES, PAY_PERIODS, POSTING_STATUSES, ROLE_FAMILIES, SETTINGS, WORKPLACES } from '../../schema/index.ts';

/**
 * The MongoDB layout: collection names, indexes and the `$jsonSchema` validator of postings,
 * derived from the vocabularies in schema/ so the database rejects what the model would.
 */
export const COLLECTIONS = {
  postings: 'postings',
  employers: 'employers',
  runs: 'scrape_runs',
  locks: 'locks',
  /** Seq allocations of the change feed (docs/decisions/036). */
  changeBatches: 'change_batches',
  /** How far each derived view (a search index) has applied the change feed. */
  checkpoints: 'view_checkpoints',
} as const;

/** Name of the unique index that makes a listing `(source, sourceId)` belong to one posting only. */
export const SOURCE_KEYS_INDEX = 'posting_source_keys_unique';

/**
 * Postings indexes. Uniqueness of listings: a posting holds several listings, so the document
 * carries `sourceKeys` — one "source\u0000sourceId" string per listing — with a unique multikey
 * index on it. MongoDB enforces a unique multikey index across documents, so two postings can
 * never both claim a listing, even when two servers ingest the same job at once; the loser of
 * that race gets E11000 and ingest plans again. (A compound index on `sources.source` +
 * `sources.sourceId` would not do: MongoDB does not pair the two paths element by element for
 * uniqueness, so it could reject unrelated listings.)
 */
export const POSTING_INDEXES: IndexDescription[] = [
  { key: { sourceKeys: 1 }, name: SOURCE_KEYS_INDEX, unique: true },
  { key: { fingerprint: 1 }, name: 'posting_fingerprint' },
  { key: { status: 1, _id: 1 }, name: 'posting_status' },
  { key: { 'sources.source': 1 }, name: 'posting_source' },
  { key: { settings: 1 }, name: 'posting_settings' },
  { key: { 'location.state': 1 }, name: 'posting_state' },
  { key: { datePosted: 1 }, name: 'posting_date_posted' },
  { key: { 'pay.hourlyMin': 1 }, name: 'posting_hourly_min' },
  { key: { 'pay.hourlyMax': 1 }, name: 'posting_hourly_max' },
  { key: { employerId: 1 }, name: 'posting_employer', partialFilterExpression: { employerId: { $type: 'string' } } },
  { key: { status: 1, validThroughAt: 1 }, name: 'posting_valid_through' },
  { key: { updatedAt: 1 }, name: 'posting_updated' },
  // The change feed: `changesSince` is a range scan on seq.
  { key: { seq: 1 }, name: 'posting_seq' },
];

/** Open batches are found by `done` and age; the newest by `_id` (the first seq). */
export const CHANGE_BATCH_INDEXES: IndexDescription[] = [{ key: { done: 1, _id: 1 }, name: 'change_batch_open' }];

export const EMPLOYER_INDEXES: IndexDescription[] = [
  { key: { apiKeyHash: 1 }, name: 'employer_key_hash_unique', unique: true },
  { key: { emailLower: 1 }, name: 'employer_email_unique', unique: true },
];

export const RUN_INDEXES: IndexDescription[] = [
  { key: { startedAt: -1, _id: -1 }, name: 'run_started' },
  { key: { sourceId: 1, startedAt: -1, _id: -1 }, name: 'run_source_started' },
];

/** Expired locks are removed by MongoDB's TTL monitor; correctness does not depend on it (expiry is checked on take). */
export const LOCK_INDEXES: IndexDescription[] = [{ key: { until: 1 }, name: 'lock_expiry', expireAfterSeconds: 3600 }];

const str = { bsonType: 'string' };
const strOrNull = { bsonType: ['string', 'null'] };
const numOrNull = { bsonType: ['double', 'int', 'long', 'decimal', 'null'] };
const bool = { bsonType: 'bool' };
const enumOrNull = (values: readonly string[]) => ({ bsonType: ['string', 'null'], enum: [...values, null] });

export const POSTING_VALIDATOR: Document = {
  $jsonSchema: {
    bsonType: 'object',
    required: [
      '_id', 'title', 'status', 'fingerprint', 'contentHash', 'sources', 'sourceKeys', 'settings', 'location',
      'firstSeenAt', 'lastSeenAt', 'updatedAt', 'isPeerRole', 'certifications', 'postedDirectly',
    ],
    properties: {
      _id: { bsonType: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' },
      title: { bsonType: 'string', minLength: 1 },
      status: { bsonType: 'string', enum: [...POSTING_STATUSES] },
      fingerprint: str,
      contentHash: str,
      source: strOrNull,
      sourceId: strOrNull,
      url: strOrNull,
      employer: strOrNull,
      isPeerRole: bool,
      roleFamily: enumOrNull(ROLE_FAMILIES),
      settings: { bsonType: 'array', items: { bsonType: 'string', enum: [...SETTINGS] } },
      pay: {
        bsonType: ['object', 'null'],
        required: ['period', 'currency', 'min', 'max', 'hourlyMin', 'hourlyMax', 'annualMin', 'annualMax'],
        properties: {
          period: { bsonType: 'string', enum: [...PAY_PERIODS] },
          currency: str,
          min: numOrNull,
          max: numOrNull,
          hourlyMin: numOrNull,
          hourlyMax: numOrNull,
          annualMin: numOrNull,
          annualMax: numOrNull,
        },
      },
      payBasis: enumOrNull(PAY_BASES),
      payInferred: bool,
      location: {
        bsonType: 'object',
        properties: {
          city: strOrNull,
          state: strOrNull,
          postalCode: strOrNull,
          workplace: enumOrNull(WORKPLACES),
          lat: numOrNull,
          lon: numOrNull,
        },
      },
      employmentType: enumOrNull(EMPLOYMENT_TYPES),
      certifications: {
        bsonType: 'array',
        items: { bsonType: 'object', required: ['name', 'required'], properties: { name: str, required: bool, withinMonths: numOrNull } },
      },
      livedExperienceRequired: bool,
      datePosted: strOrNull,
      validThrough: strOrNull,
      validThroughAt: { bsonType: ['date', 'null'] },
      sources: {
        bsonType: 'array',
        items: {
          bsonType: 'object',
          required: ['source', 'sourceId', 'firstSeenAt', 'lastSeenAt'],
          properties: { source: str, sourceId: str, url: strOrNull, firstSeenAt: str, lastSeenAt: str },
        },
      },
      sourceKeys: { bsonType: 'array', items: str },
      firstSeenAt: str,
      lastSeenAt: str,
      updatedAt: str,
      indexedAt: strOrNull,
      endedAt: strOrNull,
      employerId: strOrNull,
      postedDirectly: bool,
      seq: { bsonType: ['int', 'long', 'double'] },
    },
  },
};
