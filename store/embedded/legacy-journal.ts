import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { PeerboardError, type StoredPosting } from '../../schema/index.ts';
import type { Employer, ScrapeRun } from '../ports.ts';
import { JOURNAL_MAGIC, SNAPSHOT_MAGIC, readFramedFile } from './journal-file.ts';

/**
 * Reads a data folder in the old journal format (docs/decisions/020: `snapshot.pbj` plus
 * `journal.pbj`, framed and checksummed JSON records) so the SQLite store can take it over on
 * first start (docs/decisions/023). Read-only: the folder is renamed aside as a backup by the
 * caller once its content is committed to SQLite.
 */

type JournalRecord =
  | { t: 'p'; v: StoredPosting }
  | { t: 'e'; v: Employer }
  | { t: 'r'; v: ScrapeRun }
  | { t: 'ix'; ids: string[]; at: string }
  | { t: 'lk'; name: string; owner: string; until: number }
  | { t: 'lr'; name: string; owner: string };

export interface LegacyContent {
  postings: Map<string, StoredPosting>;
  employers: Map<string, Employer>;
  runs: Map<string, ScrapeRun>;
  locks: Map<string, { owner: string; until: number }>;
  /** Bytes of a torn journal tail (a write that was never acknowledged), skipped. */
  tornBytes: number;
}

/** True when `dir` holds a journal-format store (a snapshot or a journal file). */
export async function isLegacyJournalDir(dir: string): Promise<boolean> {
  for (const f of ['snapshot.pbj', 'journal.pbj']) {
    try {
      if ((await stat(join(dir, f))).isFile()) return true;
    } catch {
      // absent
    }
  }
  return false;
}

/** Replays snapshot then journal, as the journal store did on open; the last record of a key wins. */
export async function readLegacyJournal(dir: string): Promise<LegacyContent> {
  const content: LegacyContent = { postings: new Map(), employers: new Map(), runs: new Map(), locks: new Map(), tornBytes: 0 };
  const snapshotFile = join(dir, 'snapshot.pbj');
  const snap = await readFramedFile(snapshotFile, SNAPSHOT_MAGIC);
  if (snap) {
    // Snapshots were renamed into place whole: a torn one means damage, not a crash mid-write.
    if (snap.tornBytes > 0) {
      throw new PeerboardError('STORE_CORRUPT', `${snapshotFile} is damaged at byte ${snap.validBytes}; restore it from a backup before migrating`);
    }
    for (const r of snap.records) apply(content, r as JournalRecord);
  }
  const jr = await readFramedFile(join(dir, 'journal.pbj'), JOURNAL_MAGIC);
  if (jr) {
    for (const r of jr.records) apply(content, r as JournalRecord);
    content.tornBytes = jr.tornBytes;
  }
  return content;
}

function apply(c: LegacyContent, r: JournalRecord): void {
  switch (r.t) {
    case 'p':
      c.postings.set(r.v.id, r.v);
      break;
    case 'e':
      c.employers.set(r.v.id, r.v);
      break;
    case 'r':
      c.runs.set(r.v.id, r.v);
      break;
    case 'ix':
      // Index marks are replaced by the change feed's checkpoints: the index catches up from seq 0.
      break;
    case 'lk':
      c.locks.set(r.name, { owner: r.owner, until: r.until });
      break;
    case 'lr': {
      const l = c.locks.get(r.name);
      if (l && l.owner === r.owner) c.locks.delete(r.name);
      break;
    }
    default:
      throw new PeerboardError('STORE_CORRUPT', `unknown record type in the journal store: ${JSON.stringify((r as { t?: unknown }).t)}`);
  }
}
