import { parseArgs } from 'node:util';
import { loadConfig } from '../../schema/config.ts';
import type { Config } from '../../schema/config.ts';
import type { SourceConfig } from '../../scrapers/sources/source-types.ts';
import { createLogger, lineLogger } from '../../server/logging/logger.ts';
import type { Logger } from '../../server/logging/logger.ts';
import type { RunningServer } from '../../server/app.ts';
import type { Runtime } from '../../store/runtime-port.ts';
import type { Scheduler } from '../scheduler.ts';
import type { CliIO, Command } from './command.ts';

// The service itself (Apollo, the stores, the scrapers, the gazetteer) is imported when it starts,
// not when this module loads: `peerboard serve --help` prints its usage without loading it.

const USAGE = 'peerboard serve [--port N] [--host ADDRESS]';

export interface ServeOptions {
  config: Config;
  /** Opened by the caller; closed here once the server has stopped (unless keepRuntimeOpen). */
  runtime: Runtime;
  io: CliIO;
  /**
   * The sources to schedule: a list, or `'config'` to read SOURCES_FILE. Nothing is scheduled
   * when SCHEDULER=off or when this is an empty list. Default `'config'`.
   */
  sources?: SourceConfig[] | 'config';
  /** Lines printed after the URL (the demo prints example queries). */
  banner?: string;
  /** Stops the service without a process signal (tests, embedding). */
  signal?: AbortSignal;
  /** Listen for SIGINT and SIGTERM (default true). */
  handleSignals?: boolean;
  keepRuntimeOpen?: boolean;
  /** The service's logger; default: one from LOG_LEVEL writing JSON lines to `io.stderr`. */
  logger?: Logger;
  /** Called once the server listens. */
  onListening?: (server: RunningServer) => void;
}

/**
 * Runs the service on an open runtime until SIGINT/SIGTERM (or `signal`), then runs the one
 * shutdown sequence: /readyz 503 → scheduler stops → HTTP drains → Apollo stops → runtime closes.
 * A missing or broken sources file does not stop the API: it is logged and the API serves
 * without schedules. Resolves to the exit code (0 after a clean stop).
 */
export async function serveWithRuntime(options: ServeOptions): Promise<number> {
  const { config, runtime, io } = options;
  const logger = options.logger ?? serviceLogger(config, io);
  const serveLog = logger.child({ component: 'serve' });
  const log = lineLogger(serveLog);
  let scheduler: Scheduler | undefined;
  let server: RunningServer | undefined;
  try {
    scheduler = await maybeStartScheduler(options, logger.child({ component: 'scheduler' }));
    const [{ start }, { lookupPlace }] = await Promise.all([import('../../server/app.ts'), import('../../scrapers/normalize/index.ts')]);
    server = await start({
      config,
      runtime,
      logger,
      geocode: lookupPlace,
      onShutdown: async () => {
        await scheduler?.stop();
      },
    });
  } catch (err) {
    await scheduler?.stop().catch(() => undefined);
    if (!options.keepRuntimeOpen) await runtime.close().catch(() => undefined);
    throw err;
  }
  const ide = config.GRAPHQL_IDE === 'on' || (config.GRAPHQL_IDE === 'auto' && config.NODE_ENV !== 'production');
  io.stdout.write(`Peerboard API: ${server.graphqlUrl}${ide ? '  (open it in a browser for the GraphQL IDE)' : ''}\n`);
  io.stdout.write(`health: ${server.url}/healthz  ready: ${server.url}/readyz  metrics: ${server.url}/metrics\n`);
  if (options.banner) io.stdout.write(`${options.banner}\n`);
  options.onListening?.(server);

  const stopper = waitForStop(options.signal, options.handleSignals ?? true, log);
  const reason = await stopper.reason;
  log(`peerboard serve: ${reason}: shutting down (not ready → scheduler → HTTP drain → Apollo → stores)`);
  let code = 0;
  try {
    await server.stop();
  } catch (err) {
    serveLog.error({ err }, `peerboard serve: stopping the server failed: ${err instanceof Error ? err.message : String(err)}`);
    code = 1;
  }
  if (!options.keepRuntimeOpen) {
    try {
      await runtime.close();
    } catch (err) {
      serveLog.error({ err }, `peerboard serve: closing the stores failed: ${err instanceof Error ? err.message : String(err)}`);
      code = 1;
    }
  }
  stopper.dispose();
  log('peerboard serve: stopped');
  return code;
}

async function maybeStartScheduler(options: ServeOptions, logger: Logger): Promise<Scheduler | undefined> {
  const { config, runtime, io } = options;
  const log = lineLogger(logger);
  if (config.SCHEDULER === 'off') {
    log('scheduler: off (SCHEDULER=off); the API serves what the store holds');
    return undefined;
  }
  let sources: SourceConfig[];
  if (options.sources === undefined || options.sources === 'config') {
    try {
      const { loadSources } = await import('../sources-file.ts');
      sources = await loadSources(config.SOURCES_FILE);
    } catch (err) {
      // The API is useful without fresh scrapes: serve, and say plainly why nothing is scheduled.
      logger.warn(`scheduler: not started: ${err instanceof Error ? err.message : String(err)}`);
      logger.warn('scheduler: fix the sources file (or set SOURCES_FILE, or SCHEDULER=off) and restart; the API serves meanwhile');
      return undefined;
    }
  } else {
    sources = options.sources;
  }
  if (sources.length === 0) {
    log('scheduler: no sources to schedule');
    return undefined;
  }
  const { startScheduler } = await import('../scheduler.ts');
  const scheduler = startScheduler({
    sources,
    runtime,
    env: { usajobsApiKey: io.env.USAJOBS_API_KEY ?? config.USAJOBS_API_KEY, usajobsEmail: io.env.USAJOBS_EMAIL ?? config.USAJOBS_EMAIL },
    log,
  });
  // startScheduler logs which sources it scheduled and why any is disabled.
  return scheduler;
}

/**
 * The logger of a `serve` process, made once from the configuration: JSON lines on stderr (pretty
 * ones on a terminal in development), or on the command's own stderr when it runs in-process.
 */
export function serviceLogger(config: Config, io: CliIO): Logger {
  const own = io.stderr === process.stderr;
  return createLogger({ level: config.LOG_LEVEL, nodeEnv: config.NODE_ENV, ...(own ? {} : { destination: io.stderr, pretty: false }) });
}

/**
 * What asked the service to stop. The signal handlers stay installed until `dispose()`, after the
 * whole sequence: a second Ctrl-C while draining is logged instead of killing the process mid-way.
 */
function waitForStop(signal: AbortSignal | undefined, handleSignals: boolean, log: (line: string) => void): { reason: Promise<string>; dispose(): void } {
  let stopping = false;
  let onSignal: ((name: NodeJS.Signals) => void) | undefined;
  const reason = new Promise<string>((resolve) => {
    const begin = (why: string) => {
      if (stopping) {
        log(`peerboard serve: ${why} again; already shutting down`);
        return;
      }
      stopping = true;
      resolve(why);
    };
    if (handleSignals) {
      onSignal = (name) => begin(name);
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
    }
    if (handleSignals) watchParent(begin);
    if (signal) {
      if (signal.aborted) begin('stop requested');
      else signal.addEventListener('abort', () => begin('stop requested'), { once: true });
    }
  });
  return {
    reason,
    dispose() {
      if (!onSignal) return;
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}

/**
 * Under `npm start` the service is npm's child (the script execs node, so no shell sits between
 * them) and npm passes SIGTERM on. Some npm versions do not: they exit and leave the child
 * running, holding the port. When the process was started by an npm script and its parent goes
 * away, it stops as if it had been sent SIGTERM.
 */
function watchParent(begin: (why: string) => void): void {
  if (!process.env.npm_lifecycle_event) return;
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid !== parent) {
      clearInterval(timer);
      begin('the npm process that started the service exited');
    }
  }, 500);
  timer.unref();
}

export const command: Command = {
  name: 'serve',
  summary: 'serve the GraphQL API (and run the scrape schedules unless SCHEDULER=off)',
  usage: `${USAGE}

  --port N        overrides PORT (default 4000; 0 picks a free one)
  --host ADDRESS  overrides HOST (default 127.0.0.1)

Configuration comes from the environment (see the README's table): DATA_DIR or MONGODB_URI,
MEILI_HOST, SOURCES_FILE, SCHEDULER, RATE_LIMIT_PER_MINUTE, CORS_ORIGINS, GRAPHQL_IDE, ...
SIGINT or SIGTERM stops it gracefully.`,
  async run(args, io) {
    let values: { port?: string | undefined; host?: string | undefined };
    try {
      ({ values } = parseArgs({ args, options: { port: { type: 'string' }, host: { type: 'string' } }, strict: true, allowPositionals: false }));
    } catch (err) {
      io.stderr.write(`peerboard serve: ${(err as Error).message}\nusage: ${USAGE}\n`);
      return 2;
    }
    const config = loadConfig({
      ...io.env,
      ...(values.port !== undefined ? { PORT: values.port } : {}),
      ...(values.host !== undefined ? { HOST: values.host } : {}),
    });
    const logger = serviceLogger(config, io);
    const { openRuntime } = await import('../../store/runtime.ts');
    const runtime = await openRuntime(config, { log: lineLogger(logger.child({ component: 'store' })) });
    return serveWithRuntime({ config, runtime, io, logger });
  },
};
