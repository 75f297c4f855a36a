import type { Readable, Writable } from 'node:stream';

/** What a `peerboard` command gets: its arguments and its streams, so tests can run it in-process. */
export interface CliIO {
  stdin: Readable;
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable & { isTTY?: boolean };
  env: Record<string, string | undefined>;
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  /** Resolves to the exit code. */
  run(args: string[], io: CliIO): Promise<number>;
}
