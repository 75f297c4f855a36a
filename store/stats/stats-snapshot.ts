import { readIndexSnapshot, writeIndexSnapshot } from '../search/embedded/index-snapshot.ts';
import { ColumnarStatsEngine, type StatsEngineOptions, type StatsSnapshotHeader } from './stats-engine.ts';

/**
 * The statistics engine saved with the change-feed seq it reflects (same file format as the
 * embedded index snapshot: a JSON header and raw typed arrays, CRC-checked, renamed into place),
 * so a start restores it in milliseconds and applies only later changes (docs/decisions/027-start-up-and-memory.md).
 */

export const STATS_SNAPSHOT_VERSION = 1;

interface Header extends StatsSnapshotHeader {
  version: number;
  seq: number;
}

export async function saveStatsSnapshot(file: string, engine: ColumnarStatsEngine, seq: number): Promise<void> {
  const { header, arrays } = engine.exportState();
  await writeIndexSnapshot<Header>(file, { ...header, version: STATS_SNAPSHOT_VERSION, seq }, arrays);
}

/** The engine and its seq, or null when there is no snapshot. Throws on a damaged or outdated one. */
export async function loadStatsSnapshot(file: string, options: StatsEngineOptions): Promise<{ engine: ColumnarStatsEngine; seq: number } | null> {
  const snap = await readIndexSnapshot<Header>(file);
  if (!snap) return null;
  if (snap.header.version !== STATS_SNAPSHOT_VERSION) throw new Error(`statistics snapshot format ${snap.header.version}, not ${STATS_SNAPSHOT_VERSION}`);
  return { engine: ColumnarStatsEngine.restore(options, snap.header, snap.blobs), seq: snap.header.seq };
}
