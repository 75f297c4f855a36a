import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../schema/config.ts';
import type { Config } from '../../schema/config.ts';
import { lookupPlace } from '../../scrapers/normalize/index.ts';
import { start } from '../../server/app.ts';
import type { RunningServer, StartOptions } from '../../server/app.ts';
import { openRuntime } from '../../store/runtime.ts';
import type { Runtime } from '../../store/runtime-port.ts';
import { captureLogger } from './log-capture.ts';

/**
 * A real server on 127.0.0.1, port 0, over a real embedded runtime in a temporary DATA_DIR.
 * Nothing is mocked: requests go through Node's HTTP stack, Express, Apollo, the store and the
 * search index.
 */
export interface TestServer {
  config: Config;
  runtime: Runtime;
  server: RunningServer;
  dataDir: string;
  /** The server's log, as JSON lines. */
  logs: string[];
  /** The server's log entries, parsed. */
  logEntries(): Record<string, unknown>[];
  /** POST /graphql with a JSON body; returns status, headers and the parsed body. */
  gql(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GqlResponse>;
  /** Any request to the server (path relative to its origin). */
  request(path: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

export interface GqlResponse {
  status: number;
  headers: Headers;
  body: {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- response shapes are checked value by value in the tests
    data?: Record<string, any> | null;
    errors?: { message: string; extensions?: { code?: string; limit?: string; [k: string]: unknown }; path?: unknown[] }[];
  };
}

export async function startTestServer(
  env: Record<string, string> = {},
  options: Partial<Omit<StartOptions, 'config' | 'runtime'>> = {},
): Promise<TestServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'peerboard-server-'));
  const config = loadConfig({ NODE_ENV: 'test', HOST: '127.0.0.1', PORT: '0', DATA_DIR: dataDir, SCHEDULER: 'off', ...env });
  const runtime = await openRuntime(config);
  const { logger, lines: logs, entries } = captureLogger();
  let server: RunningServer;
  try {
    server = await start({ config, runtime, geocode: lookupPlace, logger, ...options });
  } catch (err) {
    await runtime.close();
    await rm(dataDir, { recursive: true, force: true });
    throw err;
  }
  const request = (path: string, init?: RequestInit) => fetch(`${server.url}${path}`, init);
  return {
    config,
    runtime,
    server,
    dataDir,
    logs,
    logEntries: entries,
    request,
    async gql(query, variables, headers = {}) {
      const res = await request('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(variables ? { query, variables } : { query }),
      });
      const text = await res.text();
      let body: GqlResponse['body'];
      try {
        body = JSON.parse(text) as GqlResponse['body'];
      } catch {
        throw new Error(`not JSON (HTTP ${res.status}): ${text.slice(0, 300)}`);
      }
      return { status: res.status, headers: res.headers, body };
    },
    async close() {
      await server.stop();
      await runtime.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
