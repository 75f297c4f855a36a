import { PeerboardError } from '../../../schema/index.ts';

/**
 * Meilisearch server versions. The adapter reads `GET /version` at start and sends only the
 * settings the server knows (docs/decisions/033): an older server refuses the whole settings
 * object when one field is unknown to it, so a newer field must never reach it.
 */
export type MeiliVersion = readonly [major: number, minor: number, patch: number];

/** The oldest Meilisearch the adapter runs against (page/hitsPerPage totals, `IN [...]` filters, `_geoPoint` sort). */
export const MEILI_MIN_VERSION: MeiliVersion = [1, 0, 0];
/** The version docker-compose.yml pins and the stand-in speaks. */
export const MEILI_PINNED_VERSION: MeiliVersion = [1, 56, 0];

/** Parses `pkgVersion` ("1.56.0", "1.15.0-rc.2"); null when it is not a version. */
export function parseMeiliVersion(text: unknown): MeiliVersion | null {
  if (typeof text !== 'string') return null;
  const m = /^v?(\d+)\.(\d+)\.(\d+)/.exec(text.trim());
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
}

export function atLeast(version: MeiliVersion, wanted: MeiliVersion): boolean {
  for (let i = 0; i < 3; i++) {
    if (version[i]! !== wanted[i]!) return version[i]! > wanted[i]!;
  }
  return true;
}

export const formatVersion = (v: MeiliVersion) => v.join('.');

/** Throws a start-stopping error naming the version needed when the server is too old. */
export function requireSupported(version: MeiliVersion, host: string): void {
  if (!atLeast(version, MEILI_MIN_VERSION)) {
    throw new PeerboardError(
      'CONFIG_INVALID',
      `Meilisearch at ${host} is version ${formatVersion(version)}; Peerboard needs Meilisearch ${formatVersion(MEILI_MIN_VERSION)} or newer (docker-compose.yml pins ${formatVersion(MEILI_PINNED_VERSION)})`,
    );
  }
}
