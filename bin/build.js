#!/usr/bin/env node
// The build, run by `npm install` / `npm ci` (the `prepare` script) and `npm run build`:
//  1. the `peerboard` command and the service, bundled from the TypeScript sources into dist/
//     (one ES module per command, npm packages left external), so a command starts in plain
//     Node without compiling TypeScript first;
//  2. the GraphQL IDE (the official GraphiQL with React), bundled into dist/ide/ for the server
//     to serve offline.
// dist/build-info.json lists every source file that went into the command bundle with its
// modification time: bin/peerboard.js uses dist/ only while none of them changed, and runs the
// sources through tsx otherwise, so an edit is never hidden behind a stale build.
/* global performance */
import { build } from 'esbuild';
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFile } from 'node:fs/promises';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const only = process.argv.slice(2);
const want = (part) => only.length === 0 || only.includes(part);

/**
 * A bundled module's `import.meta.url` would be dist/'s, not its source file's: a module that
 * finds files beside itself (the demo's sites) would look in dist/. Each source's
 * `import.meta.url` becomes the URL of that source file, written relative to dist/ so the
 * checkout can move.
 */
const sourceUrlPlugin = {
  name: 'source-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return { contents: text, loader: 'ts' };
      const rel = relative(join(dist, 'cli'), args.path).split('\\').join('/');
      return { contents: text.replaceAll('import.meta.url', `new URL(${JSON.stringify(rel)}, import.meta.url).href`), loader: 'ts' };
    });
  },
};

async function buildCli() {
  const started = performance.now();
  const out = join(dist, 'cli');
  await rm(out, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: { cli: 'jobs/cli.ts' },
    outdir: out,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20.19',
    packages: 'external',
    metafile: true,
    logLevel: 'warning',
    plugins: [sourceUrlPlugin],
  });
  const inputs = {};
  for (const file of Object.keys(result.metafile.inputs)) inputs[file] = (await stat(join(root, file))).mtimeMs;
  await writeFile(join(dist, 'build-info.json'), `${JSON.stringify({ builtAt: new Date().toISOString(), node: process.version, inputs }, null, 1)}\n`);
  return `command bundle: ${Object.keys(inputs).length} sources in ${Math.round(performance.now() - started)} ms`;
}

async function buildIde() {
  const started = performance.now();
  const out = join(dist, 'ide');
  await mkdir(out, { recursive: true });
  await build({
    absWorkingDir: root,
    entryPoints: { graphiql: 'server/ide/graphiql-app.js' },
    outdir: out,
    bundle: true,
    minify: true,
    format: 'iife',
    platform: 'browser',
    target: ['es2022'],
    define: { 'process.env.NODE_ENV': '"production"' },
    loader: { '.css': 'css' },
    legalComments: 'linked',
    logLevel: 'warning',
  });
  await build({
    absWorkingDir: root,
    entryPoints: { graphiql: 'server/ide/graphiql-page.css' },
    outdir: out,
    bundle: true,
    minify: true,
    loader: { '.woff2': 'dataurl', '.png': 'dataurl' },
    logLevel: 'warning',
  });
  return `GraphQL IDE bundle in ${Math.round(performance.now() - started)} ms`;
}

const done = [];
if (want('cli')) done.push(await buildCli());
if (want('ide')) done.push(await buildIde());
process.stdout.write(`peerboard build: ${done.join('; ')}\n`);
