import type { CliIO, Command } from './commands/command.ts';
import { command as normalize } from './commands/normalize.ts';
import { command as importCmd } from './commands/import.ts';
import { command as reindex } from './commands/reindex.ts';
import { command as scrape } from './commands/scrape.ts';
import { command as runs } from './commands/runs.ts';
import { command as serve } from './commands/serve.ts';
import { command as demo } from './commands/demo.ts';
import { command as copyStore } from './commands/copy-store.ts';

export const COMMANDS: readonly Command[] = [serve, normalize, importCmd, scrape, runs, reindex, copyStore, demo];

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
  const cmd = COMMANDS.find((c) => c.name === name);
  if (!cmd) {
    io.stderr.write(`peerboard: unknown command "${name}"\n\n${help()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(`${cmd.summary}\n\nusage: ${cmd.usage}\n`);
    return 0;
  }
  try {
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
