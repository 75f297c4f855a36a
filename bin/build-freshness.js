// Whether dist/ was built from exactly the sources on disk: bin/build.js records every source
// file of the command bundle with its modification time in dist/build-info.json; one changed,
// missing or unreadable file, or PEERBOARD_FROM_SOURCE=1, means "run the sources instead".
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export function buildIsFresh(root, env = process.env) {
  if (env.PEERBOARD_FROM_SOURCE === '1') return false;
  let info;
  try {
    info = JSON.parse(readFileSync(join(root, 'dist', 'build-info.json'), 'utf8'));
  } catch {
    return false;
  }
  if (!info || typeof info.inputs !== 'object' || info.inputs === null || Object.keys(info.inputs).length === 0) return false;
  for (const [file, mtimeMs] of Object.entries(info.inputs)) {
    try {
      if (statSync(join(root, file)).mtimeMs !== mtimeMs) return false;
    } catch {
      return false;
    }
  }
  return true;
}
