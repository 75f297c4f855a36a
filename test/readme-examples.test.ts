import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Kind, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../jobs/cli.ts';
import { loadConfig } from '../schema/config.ts';
import { lookupPlace } from '../scrapers/normalize/index.ts';
import { start } from '../server/app.ts';
import type { RunningServer } from '../server/app.ts';
import { IDE_EXAMPLES } from '../server/ide/ide-examples.ts';
import { silentLogger } from '../server/logging/logger.ts';
import { openRuntime } from '../store/runtime.ts';
import type { Runtime } from '../store/runtime-port.ts';
import { captureIO } from './cli-io.ts';

/**
 * Every example of README.md runs as written against `npm run demo`'s data. The fenced blocks are
 * found by language, wherever they are in the README (other sections may move or grow):
 *
 * - ```graphql blocks: each is ONE operation, optionally followed by a `# variables` line and its
 *   JSON. A mutation other than registerEmployer is sent with the API key the README's
 *   registerEmployer block returned; an operation that declares `$id: ID!` without variables
 *   gets the id of a job the search examples found (ids are random per store).
 * - ```sh blocks: each `curl` line to http://127.0.0.1:4000 and each `npx peerboard` /
 *   `peerboard` line runs in a shell (in a scratch folder holding the files the examples name,
 *   with its own DATA_DIR), the address replaced by the test server's. Other lines (npm, docker,
 *   export, node) are not commands against the demo data and are not run here.
 * - A block right after `<!-- readme-test: skip (why) -->` is not run (it needs Docker, a
 *   Meilisearch or a long-running process).
 *
 * The IDE's preloaded operations are run the same way.
 */

const ROOT = join(import.meta.dirname, '..');
const README_ORIGIN = 'http://127.0.0.1:4000';
const run = promisify(execFile);

interface Block {
  lang: string;
  body: string;
  line: number;
  skipped: boolean;
}

export function fencedBlocks(markdown: string): Block[] {
  const lines = markdown.split('\n');
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w+)\s*$/.exec(lines[i]!);
    if (!open) continue;
    let j = i + 1;
    while (j < lines.length && !/^```\s*$/.test(lines[j]!)) j++;
    let k = i - 1;
    while (k >= 0 && lines[k]!.trim() === '') k--;
    blocks.push({ lang: open[1]!, body: lines.slice(i + 1, j).join('\n'), line: i + 1, skipped: k >= 0 && /<!--\s*readme-test:\s*skip/.test(lines[k]!) });
    i = j;
  }
  return blocks;
}

/** Splits a graphql block into its operation and its variables (after a `# variables` line). */
export function graphqlExample(body: string): { query: string; variables?: Record<string, unknown> } {
  const at = body.search(/^# variables\s*$/m);
  if (at < 0) return { query: body };
  return { query: body.slice(0, at), variables: JSON.parse(body.slice(at).replace(/^# variables\s*$/m, '')) as Record<string, unknown> };
}

/** The commands of a sh block: continuation lines joined, comments and blank lines dropped. */
export function shellCommands(body: string): string[] {
  return body
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}

const isDemoCommand = (cmd: string) => (/^curl\b/.test(cmd) && cmd.includes(README_ORIGIN)) || /^(npx )?peerboard\b/.test(cmd) || /^cat \S+ \| npx peerboard\b/.test(cmd);

let dir = '';
let runtime: Runtime;
let server: RunningServer;
let blocks: Block[];
const found: { jobId?: string; apiKey?: string } = {};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'peerboard-readme-'));
  const demoData = join(dir, 'demo-data');
  const demo = captureIO({ ...process.env, LOG_LEVEL: 'warn' });
  // `npm run demo` without serving: the same scrape of the bundled local sites.
  expect(await main(['demo', '--data', demoData, '--no-serve'], demo.io), demo.err()).toBe(0);
  const config = loadConfig({ NODE_ENV: 'development', HOST: '127.0.0.1', PORT: '0', DATA_DIR: demoData, SCHEDULER: 'off', RATE_LIMIT_PER_MINUTE: '100000' });
  runtime = await openRuntime(config);
  server = await start({ config, runtime, geocode: lookupPlace, logger: silentLogger() });
  blocks = fencedBlocks(await readFile(join(ROOT, 'README.md'), 'utf8'));
  // The files the README's commands name, made from the README's own example posting.
  const example = blocks.find((b) => b.lang === 'json' && b.body.startsWith('{"title"'))!.body.trim();
  const work = join(dir, 'work');
  await mkdir(work);
  await writeFile(join(work, 'raw.jsonl'), `${example}\n`);
  const posting = JSON.parse(example) as Record<string, unknown>;
  await writeFile(join(work, 'postings.jsonl'), `${JSON.stringify({ ...posting, sourceId: 'riverside-ed-1' })}\n${JSON.stringify({ ...posting, sourceId: 'riverside-ed-2', title: 'Recovery Coach - Emergency Department' })}\n`);
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await runtime?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function graphql(query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) {
  const res = await fetch(server.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  return { status: res.status, body: (await res.json()) as { data?: Record<string, unknown> | null; errors?: { message: string }[] } };
}

/** Runs one example operation the way a reader would, with the key and id earlier examples gave. */
async function runOperation(query: string, variables: Record<string, unknown> | undefined, headers: Record<string, string> = {}) {
  let vars = variables;
  if (!vars && /\$id: ID!/.test(query)) {
    expect(found.jobId, 'a search example ran before and found a job').toBeDefined();
    vars = { id: found.jobId };
  }
  const mutation = /^\s*(#.*\n\s*)*mutation\b/.test(query);
  const auth: Record<string, string> = mutation && !/registerEmployer/.test(query) && found.apiKey ? { authorization: `Bearer ${found.apiKey}` } : {};
  const r = await graphql(query, vars, { ...auth, ...headers });
  expect(r.body.errors, `${query}\n${JSON.stringify(r.body.errors)}`).toBeUndefined();
  expect(r.status).toBe(200);
  const text = JSON.stringify(r.body.data);
  found.jobId ??= /"id":"(p_[a-z2-7]{16})"/.exec(text)?.[1];
  found.apiKey ??= /"apiKey":"(pbk_[^"]+)"/.exec(text)?.[1];
  return r.body.data!;
}

describe('README.md examples, against the demo data', () => {
  it('has examples to run: graphql operations, curl lines and CLI lines', () => {
    expect(blocks.filter((b) => b.lang === 'graphql' && !b.skipped).length).toBeGreaterThanOrEqual(8);
    expect(blocks.filter((b) => b.lang === 'sh' && !b.skipped).flatMap((b) => shellCommands(b.body)).filter(isDemoCommand).length).toBeGreaterThanOrEqual(5);
  });

  it('each graphql block is one operation that runs without errors', async () => {
    // A search that surely finds a job first, so `job(id:)` has a real id whatever the order.
    await runOperation('query Any { searchJobs(first: 1) { edges { node { id } } } }', undefined);
    for (const b of blocks.filter((x) => x.lang === 'graphql' && !x.skipped)) {
      const { query, variables } = graphqlExample(b.body);
      const operations = parse(query).definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
      expect(operations.length, `README.md:${b.line}: one operation per block`).toBe(1);
      await runOperation(query, variables);
    }
    expect(found.apiKey, 'the registerEmployer example gave an API key').toBeDefined();
  });

  it('each curl and peerboard line runs as written', async () => {
    const work = join(dir, 'work');
    const env = { ...process.env, DATA_DIR: join(dir, 'cli-data'), SCHEDULER: 'off', LOG_LEVEL: 'warn', PATH: process.env.PATH };
    const commands = blocks.filter((b) => b.lang === 'sh' && !b.skipped).flatMap((b) => shellCommands(b.body).map((cmd) => ({ cmd, line: b.line })));
    for (const { cmd, line } of commands.filter((c) => isDemoCommand(c.cmd))) {
      const shell = cmd
        .replaceAll(README_ORIGIN, server.url)
        .replace(/(^|\| )(npx )?peerboard\b/g, `$1"${process.execPath}" "${join(ROOT, 'bin', 'peerboard.js')}"`);
      const r = await run('sh', ['-c', shell], { cwd: work, env, timeout: 60_000 }).then(
        (x) => ({ code: 0, ...x }),
        (e: { code?: number; stdout?: string; stderr?: string }) => ({ code: e.code ?? 1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' }),
      );
      expect(r.code, `README.md:${line}: ${cmd}\n${r.stderr}`).toBe(0);
      expect(r.stdout + r.stderr, `README.md:${line}: ${cmd}`).not.toMatch(/"errors"|INTERNAL_SERVER_ERROR|BAD_USER_INPUT/);
      const out = /-o\s+(\S+)/.exec(cmd)?.[1];
      if (out) {
        expect((await stat(join(work, out))).size, `README.md:${line}: ${out}`).toBeGreaterThan(0);
        expect(await readFile(join(work, out), 'utf8')).not.toMatch(/^\{"errors"/);
      }
    }
  }, 180_000);

  it('the GraphQL IDE preloads operations that run against the demo data', async () => {
    for (const e of IDE_EXAMPLES) {
      const variables = e.variables ? (JSON.parse(e.variables) as Record<string, unknown>) : undefined;
      if (/query Me\b/.test(e.query)) {
        // Its header holds a placeholder; with a real key it answers.
        await runOperation(e.query, variables, { authorization: `Bearer ${found.apiKey}` });
        continue;
      }
      await runOperation(e.query, variables);
    }
  });
});
