import { createRequire } from 'node:module';
import type { Writable } from 'node:stream';
import { pino } from 'pino';
import type { DestinationStream, Logger as PinoLogger, LoggerOptions } from 'pino';

/**
 * The service's logger port: pino's logger (JSON lines with `level`, `time`, `msg` and context
 * fields). It is made once, from the configuration, by whoever starts the service
 * (`peerboard serve`, the demo, a test) and passed down; a part of the service adds its context
 * with `logger.child({ component: 'graphql' })` instead of making its own.
 */
export type Logger = PinoLogger;

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'silent';

export interface LoggerSettings {
  /** LOG_LEVEL. */
  level: LogLevel;
  /**
   * Where the JSON lines go (default: stderr, written synchronously so nothing is lost when the
   * process exits). Tests pass an in-memory stream.
   */
  destination?: Writable | DestinationStream;
  /**
   * Readable, coloured lines instead of JSON: `auto` (default) means in development, on a
   * terminal, when the pino-pretty development dependency is installed.
   */
  pretty?: 'auto' | boolean;
  /** NODE_ENV, for `pretty: 'auto'`. */
  nodeEnv?: string;
}

/** Paths whose values never reach a log line: credentials a request or an error may carry. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'authorization',
  'apiKey',
  '*.apiKey',
  'password',
  '*.password',
  'email',
  '*.email',
];

const API_KEY = /\bpbk_[A-Za-z0-9_-]+/g;
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi;

// Conservative: `=`, `&`, `?` and `/` end an address in the query strings and paths we log.
const LOCAL_CHAR = /[A-Za-z0-9._%+-]/;
const DOMAIN_CHAR = /[A-Za-z0-9.-]/;

/**
 * E-mail addresses (also with `@` written `%40`, as in a query string) replaced by `[email]`.
 * Written as a scan from each `@` outwards rather than one regular expression: a pattern such
 * as `[local]+@domain` backtracks quadratically over a long run of local characters without an
 * `@` (a 13,000-character query string took seconds), and log lines carry what clients send.
 */
function scrubEmails(text: string): string {
  if (!text.includes('@') && !text.includes('%40')) return text;
  let out = '';
  let copied = 0;
  let i = 0;
  while (i < text.length) {
    const at = text.indexOf('@', i);
    const enc = text.indexOf('%40', i);
    const next = at < 0 ? enc : enc < 0 ? at : Math.min(at, enc);
    if (next < 0) break;
    const width = text.startsWith('%40', next) ? 3 : 1;
    let left = next;
    while (left > copied && LOCAL_CHAR.test(text[left - 1]!)) left--;
    let right = next + width;
    while (right < text.length && DOMAIN_CHAR.test(text[right]!)) right++;
    // Trailing dots and hyphens end a sentence, not a domain.
    while (right > next + width && /[.-]/.test(text[right - 1]!)) right--;
    const domain = text.slice(next + width, right);
    if (left < next && /^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/.test(domain)) {
      out += `${text.slice(copied, left)}[email]`;
      copied = right;
    }
    i = Math.max(right, next + width);
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/**
 * Removes e-mail addresses, our API keys and bearer credentials from free text. Paths can only
 * redact known fields; a message ("registered jobs@harbor.example") or an error's text can hold
 * them anywhere, so every string of a log line goes through this too.
 */
export function scrubText(text: string): string {
  return scrubEmails(text).replace(API_KEY, 'pbk_[redacted]').replace(BEARER, '$1 [redacted]');
}

/** Plain data only: a request, a socket or a class instance is left to its serializer, not walked. */
function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function scrubValue(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => scrubValue(v, depth + 1));
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = scrubValue(v, depth + 1);
  return out;
}

function prettyStream(): DestinationStream | undefined {
  try {
    // A development dependency: absent after `npm ci --omit=dev`, and then the lines stay JSON.
    const require = createRequire(import.meta.url);
    const pretty = require('pino-pretty') as (options: Record<string, unknown>) => DestinationStream;
    return pretty({ colorize: true, destination: 2, sync: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' });
  } catch {
    return undefined;
  }
}

/** Makes the service's logger (see {@link Logger}). */
export function createLogger(settings: LoggerSettings): Logger {
  const options: LoggerOptions = {
    level: settings.level,
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    formatters: {
      level: (label) => ({ level: label }),
      // Context objects: e-mail addresses and keys inside any string field are scrubbed.
      log: (object) => scrubValue(object, 0) as Record<string, unknown>,
    },
    // Serializers run after the log formatter: an error's message and stack are scrubbed here.
    serializers: { err: (err: Error) => scrubValue({ ...pino.stdSerializers.err(err) }, 0) },
    hooks: {
      // The message text itself, and any interpolation arguments.
      logMethod(args, method) {
        method.apply(this, args.map((a) => (typeof a === 'string' ? scrubText(a) : a)) as Parameters<typeof method>);
      },
    },
  };
  let destination = settings.destination;
  const wantPretty = settings.pretty === true || ((settings.pretty ?? 'auto') === 'auto' && settings.nodeEnv === 'development' && process.stderr.isTTY === true);
  if (!destination && wantPretty) destination = prettyStream();
  return pino(options, destination ?? pino.destination({ fd: 2, sync: true }));
}

/** A logger that writes nothing (embedding, benchmarks). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}

/**
 * A `(line) => void` for the parts that log plain lines (the store's and the scheduler's
 * messages): each line becomes one entry of `logger`, at warn when it reports a failure.
 */
export function lineLogger(logger: Logger): (line: string) => void {
  return (line) => {
    if (/\b(fail(ed|s)?|error|unavailable|cannot|refused)\b/i.test(line)) logger.warn(line);
    else logger.info(line);
  };
}
