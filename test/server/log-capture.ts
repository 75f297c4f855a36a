import { Writable } from 'node:stream';
import { createLogger } from '../../server/logging/logger.ts';
import type { Logger, LogLevel } from '../../server/logging/logger.ts';

/** A real pino logger writing into memory: `lines` are the raw JSON lines, `entries` parsed. */
export function captureLogger(level: LogLevel = 'debug'): { logger: Logger; lines: string[]; entries: () => Record<string, unknown>[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      for (const line of chunk.toString().split('\n')) if (line) lines.push(line);
      callback();
    },
  });
  const logger = createLogger({ level, destination: stream, pretty: false });
  return { logger, lines, entries: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}
