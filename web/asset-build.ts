import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/**
 * The pages' client scripts and styles, bundled by esbuild from `web/client/` and `web/styles/`
 * (uPlot comes from node_modules; nothing from a CDN). `npm run build` (also run by `prepare`
 * after `npm ci`) writes them to `web/dist/` with a manifest naming the sources' hash; the server
 * serves that folder when the hash still matches the sources, and otherwise bundles in memory at
 * start (a few hundred ms), so a fresh checkout, an edited script or a read-only install all work.
 */

const WEB_DIR = fileURLToPath(new URL('.', import.meta.url));
const ROOT_DIR = join(WEB_DIR, '..');
export const DIST_DIR = join(WEB_DIR, 'dist');
const SOURCE_DIRS = [join(WEB_DIR, 'client'), join(WEB_DIR, 'styles')];

/** Entry points by the name pages use. */
const ENTRIES = {
  'site.css': join(WEB_DIR, 'styles', 'site.css'),
  'employers.js': join(WEB_DIR, 'client', 'employers.ts'),
  'salaries.js': join(WEB_DIR, 'client', 'salaries.ts'),
} as const;
export type AssetName = keyof typeof ENTRIES;

export interface BuiltAsset {
  /** The URL path, `/assets/employers-3F2A9C1B.js` (the hash makes it cacheable forever). */
  path: string;
  contentType: string;
  body: Buffer;
  gzipBytes: number;
}

export interface AssetBundle {
  sourceHash: string;
  byName: Record<AssetName, BuiltAsset>;
  byPath: Map<string, BuiltAsset>;
}

interface Manifest {
  sourceHash: string;
  files: Record<AssetName, string>;
}

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(p)));
    else out.push(p);
  }
  return out;
}

/** A hash of every client source and of the versions of the bundled packages. */
export async function sourceHash(): Promise<string> {
  const h = createHash('sha256');
  const files = (await Promise.all(SOURCE_DIRS.map(listFiles))).flat().sort();
  for (const f of files) h.update(relative(ROOT_DIR, f)).update('\0').update(await readFile(f)).update('\0');
  for (const pkg of ['uplot', 'esbuild']) {
    h.update(await readFile(join(ROOT_DIR, 'node_modules', pkg, 'package.json')));
  }
  return h.digest('hex').slice(0, 16);
}

function asset(path: string, body: Buffer): BuiltAsset {
  const contentType = path.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8';
  return { path, contentType, body, gzipBytes: gzipSync(body, { level: 9 }).length };
}

/** Bundles the entries with esbuild in memory. */
export async function buildAssets(): Promise<AssetBundle> {
  const { build } = await import('esbuild');
  const hash = await sourceHash();
  const result = await build({
    entryPoints: Object.entries(ENTRIES).map(([name, file]) => ({ in: file, out: name.replace(/\.(js|css)$/, '') })),
    bundle: true,
    minify: true,
    format: 'esm',
    target: ['es2020'],
    write: false,
    outdir: join(WEB_DIR, 'dist'),
    entryNames: '[name]-[hash]',
    metafile: true,
    legalComments: 'eof',
    logLevel: 'silent',
  });
  const byName = {} as Record<AssetName, BuiltAsset>;
  const byPath = new Map<string, BuiltAsset>();
  for (const out of result.outputFiles) {
    const file = relative(DIST_DIR, out.path);
    const name = (Object.keys(ENTRIES) as AssetName[]).find((n) => {
      const [base, ext] = n.split('.') as [string, string];
      return file.startsWith(`${base}-`) && file.endsWith(`.${ext}`);
    });
    if (!name) continue;
    const a = asset(`/assets/${file}`, Buffer.from(out.contents));
    byName[name] = a;
    byPath.set(a.path, a);
  }
  for (const name of Object.keys(ENTRIES) as AssetName[]) {
    if (!byName[name]) throw new Error(`asset build: no output for ${name}`);
  }
  return { sourceHash: hash, byName, byPath };
}

/** Writes a bundle to web/dist (the `npm run build` step). */
export async function writeAssets(bundle: AssetBundle): Promise<void> {
  await rm(DIST_DIR, { recursive: true, force: true });
  await mkdir(DIST_DIR, { recursive: true });
  const files = {} as Record<AssetName, string>;
  for (const [name, a] of Object.entries(bundle.byName) as [AssetName, BuiltAsset][]) {
    const file = a.path.slice('/assets/'.length);
    await writeFile(join(DIST_DIR, file), a.body);
    files[name] = file;
  }
  const manifest: Manifest = { sourceHash: bundle.sourceHash, files };
  await writeFile(join(DIST_DIR, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}

/** The built files of web/dist when they were built from the current sources, else null. */
async function readDist(hash: string): Promise<AssetBundle | null> {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(await readFile(join(DIST_DIR, 'manifest.json'), 'utf8')) as Manifest;
  } catch {
    return null;
  }
  if (manifest.sourceHash !== hash) return null;
  const byName = {} as Record<AssetName, BuiltAsset>;
  const byPath = new Map<string, BuiltAsset>();
  try {
    for (const name of Object.keys(ENTRIES) as AssetName[]) {
      const file = manifest.files[name];
      if (!file) return null;
      const a = asset(`/assets/${file}`, await readFile(join(DIST_DIR, file)));
      byName[name] = a;
      byPath.set(a.path, a);
    }
  } catch {
    return null;
  }
  return { sourceHash: hash, byName, byPath };
}

let loading: Promise<AssetBundle> | undefined;

/** The assets for this process: web/dist when current, else a fresh in-memory build (once per process). */
export function loadAssets(): Promise<AssetBundle> {
  loading ??= (async () => {
    const hash = await sourceHash();
    return (await readDist(hash)) ?? (await buildAssets());
  })();
  // A failed build is not kept: the next server start tries again.
  loading.catch(() => (loading = undefined));
  return loading;
}
