/**
 * `npm run build`: bundles the pages' scripts and styles into web/dist (run by `prepare` after
 * `npm ci` too). Prints each file with its gzipped size.
 */
import { buildAssets, writeAssets } from './asset-build.ts';

const bundle = await buildAssets();
await writeAssets(bundle);
for (const [name, a] of Object.entries(bundle.byName)) {
  console.log(`${name.padEnd(14)} ${a.path.padEnd(36)} ${(a.body.length / 1024).toFixed(1).padStart(6)} kB, ${(a.gzipBytes / 1024).toFixed(1).padStart(5)} kB gzipped`);
}
