import type Database from 'better-sqlite3';
import { PeerboardError } from '../../schema/index.ts';

/**
 * The embedded store's schema, versioned with `PRAGMA user_version`. Each migration moves the
 * database from version i to i + 1 and runs inside one IMMEDIATE transaction together with the
 * version bump, so a crash mid-migration leaves the old version and the next start runs it again;
 * two processes starting at once serialise on the write lock and the second finds nothing to do.
 *
 * Add a migration by appending to `MIGRATIONS`; never edit one that has shipped.
 */

export const MIGRATIONS: readonly ((db: Database.Database) => void)[] = [
  // 1: postings with their change-feed seq, listings (the unique listing key), employers, runs,
  //    named locks, view checkpoints and a key/value meta table. The statistics engine's facts
  //    have a table of their own: a posting row spans about a page, so scanning `postings` for
  //    them would read the whole database; `posting_facts` is a tenth of its size.
  (db) => {
    db.exec(`
      CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) WITHOUT ROWID;

      CREATE TABLE postings (
        id TEXT PRIMARY KEY,
        seq INTEGER NOT NULL,
        status TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        employer_id TEXT,
        valid_through_ms REAL,
        last_seen_ms REAL,
        doc TEXT NOT NULL,
        description_html TEXT NOT NULL,
        description_text TEXT NOT NULL
      );
      CREATE UNIQUE INDEX postings_seq ON postings (seq);
      CREATE TABLE posting_facts (
        id TEXT PRIMARY KEY,
        facts TEXT NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX postings_status ON postings (status, id);
      CREATE INDEX postings_fingerprint ON postings (fingerprint, id, status, seq);
      CREATE INDEX postings_employer ON postings (employer_id, id) WHERE employer_id IS NOT NULL;
      CREATE INDEX postings_valid_through ON postings (valid_through_ms) WHERE valid_through_ms IS NOT NULL;

      CREATE TABLE listings (
        source TEXT NOT NULL,
        source_id TEXT NOT NULL,
        posting_id TEXT NOT NULL,
        last_seen_ms REAL,
        PRIMARY KEY (source, source_id)
      ) WITHOUT ROWID;
      CREATE INDEX listings_posting ON listings (posting_id);

      CREATE TABLE employers (
        id TEXT PRIMARY KEY,
        email_lower TEXT NOT NULL UNIQUE,
        api_key_hash TEXT NOT NULL UNIQUE,
        doc TEXT NOT NULL
      );

      CREATE TABLE runs (
        id TEXT PRIMARY KEY,
        source_id TEXT NOT NULL,
        started_at TEXT NOT NULL,
        doc TEXT NOT NULL
      );
      CREATE INDEX runs_newest ON runs (started_at DESC, id DESC);

      CREATE TABLE locks (
        name TEXT PRIMARY KEY,
        owner TEXT NOT NULL,
        until_ms INTEGER NOT NULL
      ) WITHOUT ROWID;

      CREATE TABLE checkpoints (
        view TEXT PRIMARY KEY,
        seq INTEGER NOT NULL,
        updated_at TEXT NOT NULL,
        documents INTEGER
      ) WITHOUT ROWID;
    `);
  },
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** Brings the database to {@link SCHEMA_VERSION}; returns the version it found. */
export function migrate(db: Database.Database): number {
  const version = () => Number(db.pragma('user_version', { simple: true }));
  const found = version();
  if (found > SCHEMA_VERSION) {
    throw new PeerboardError(
      'STORE_CORRUPT',
      `the embedded store has schema version ${found}, newer than this Peerboard knows (${SCHEMA_VERSION}); upgrade Peerboard or restore an older backup`,
    );
  }
  if (found === SCHEMA_VERSION) return found;
  db.transaction(() => {
    // Re-read under the write lock: another process may have migrated meanwhile.
    for (let v = version(); v < SCHEMA_VERSION; v++) {
      MIGRATIONS[v]!(db);
      db.pragma(`user_version = ${v + 1}`);
    }
  }).immediate();
  return found;
}
