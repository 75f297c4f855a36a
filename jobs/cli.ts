import type { CliIO, Command } from './commands/command.ts';

/**
 * The `peerboard` commands. Each is loaded only when it runs: `peerboard --help` must not load
 * Apollo, the store adapters and the scrapers (the whole service) to print a list, and a command
 * loads only what it uses. The summaries are repeated here for the same reason; a test keeps them
 * equal to the commands' own.
 */
export interface CommandEntry {
  name: string;
  summary: string;
  load(): Promise<Command>;
}

export const COMMANDS: readonly CommandEntry[] = [
  { name: 'serve', summary: 'serve the GraphQL API (and run the scrape schedules unless SCHEDULER=off)', load: async () => (await import('./commands/serve.ts')).command },
  {
    name: 'normalize',
    summary: 'normalise raw postings: JSON Lines on stdin, one result line per non-empty line on stdout',
    load: async () => (await import('./commands/normalize.ts')).command,
  },
  { name: 'import', summary: 'ingest raw postings from a JSON Lines file into the store and print the counts', load: async () => (await import('./commands/import.ts')).command },
  { name: 'scrape', summary: 'run the sources now and print a summary of each run', load: async () => (await import('./commands/scrape.ts')).command },
  { name: 'runs', summary: 'show the recent scrape runs of each source', load: async () => (await import('./commands/runs.ts')).command },
  { name: 'reindex', summary: 'rebuild the search index from the store', load: async () => (await import('./commands/reindex.ts')).command },
  { name: 'copy-store', summary: 'copy an embedded store (postings, employers, runs) into MongoDB', load: async () => (await import('./commands/copy-store.ts')).command },
  { name: 'demo', summary: 'scrape bundled local career sites into ./demo-data and serve the API on them', load: async () => (await import('./commands/demo.ts')).command },
];

function help(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'peerboard: job board and salary insight for peer support work',
    '',
    'usage: peerboard <command> [options]',
    '',
    'commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `peerboard <command> --help` for a command\'s options.',
    '',
  ].join('\n');
}

export async function main(argv: string[], io: CliIO = defaultIO()): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(help());
    return name ? 0 : 2;
  }
  const entry = COMMANDS.find((c) => c.name === name);
  if (!entry) {
    io.stderr.write(`peerboard: unknown command "${name}"\n\n${help()}`);
    return 2;
  }
  try {
    const cmd = await entry.load();
    if (rest.includes('--help') || rest.includes('-h')) {
      io.stdout.write(`${cmd.summary}\n\nusage: ${cmd.usage}\n`);
      return 0;
    }
    return await cmd.run(rest, io);
  } catch (err) {
    const e = err as { code?: string; message?: string };
    io.stderr.write(`peerboard ${name}: ${e.code ? `[${e.code}] ` : ''}${e.message ?? String(err)}\n`);
    return 1;
  }
}

function defaultIO(): CliIO {
  return { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env };
}
