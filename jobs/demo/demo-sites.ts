import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The demo's career sites and ATS answers, served from the files under `jobs/demo/sites/` on
 * 127.0.0.1, one port per site so each is its own host (own robots.txt, own pacing), as on the web:
 * - `crossroads-careers`: an employer's careers site whose posting pages embed schema.org JobPosting JSON-LD;
 * - `greenhouse-api`: the same employer's Greenhouse job board API (one job is on both: a duplicate);
 * - `lever-api`: a youth and family agency's Lever postings API;
 * - `governmentjobs`: a county's governmentjobs.com-style (NEOGOV) listing fragments and posting pages.
 *
 * Dates in the files are written relative to today (`{{date:-3}}` is three days ago), so the
 * demo's postings are always current and none is past its validThrough: fixed dates would make
 * the demo's jobs expire a few weeks after this was written.
 */
export const DEMO_SITES = ['crossroads-careers', 'greenhouse-api', 'lever-api', 'governmentjobs'] as const;
export type DemoSite = (typeof DEMO_SITES)[number];

const SITES_DIR = fileURLToPath(new URL('./sites/', import.meta.url));

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
};

export interface DemoSites {
  /** Origins (`http://127.0.0.1:PORT`) of each site. */
  origins: Record<DemoSite, string>;
  /** The demo's sources file: one source per site, pointing at the local origins. */
  sources: unknown[];
  /** Requests served so far (all sites). */
  requests(): number;
  close(): Promise<void>;
}

export async function startDemoSites(options: { now?: () => Date; delayMs?: number } = {}): Promise<DemoSites> {
  const now = options.now ?? (() => new Date());
  const servers: Server[] = [];
  let requests = 0;
  const origins = {} as Record<DemoSite, string>;
  try {
    for (const site of DEMO_SITES) {
      const server = createServer((req, res) => {
        requests += 1;
        void serveFile(site, req.method ?? 'GET', req.url ?? '/', now()).then(({ status, type, body }) => {
          res.writeHead(status, { 'content-type': type, 'cache-control': 'no-cache' });
          res.end(req.method === 'HEAD' ? undefined : body);
        });
      });
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => resolve());
      });
      servers.push(server);
      origins[site] = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    }
  } catch (err) {
    await closeAll(servers);
    throw err;
  }
  return {
    origins,
    sources: demoSources(origins, options.delayMs ?? 25),
    requests: () => requests,
    close: () => closeAll(servers),
  };
}

/** The demo's sources file for the given origins. */
export function demoSources(origins: Record<DemoSite, string>, delayMs: number): unknown[] {
  return [
    {
      id: 'crossroads-careers',
      kind: 'jsonld',
      url: `${origins['crossroads-careers']}/careers/`,
      include: '/careers/(jobs|internal)/',
      delayMs,
      _note: 'careers site with JSON-LD posting pages; robots.txt disallows /careers/internal/',
    },
    {
      id: 'crossroads-greenhouse',
      kind: 'greenhouse',
      board: 'crossroadscs',
      baseUrl: `${origins['greenhouse-api']}/v1/boards`,
      delayMs,
      _note: 'the same employer on Greenhouse: the IOP job is on both (one posting, two sources)',
    },
    {
      id: 'northstar-lever',
      kind: 'lever',
      company: 'northstaryouth',
      employer: 'Northstar Youth & Family Services',
      baseUrl: `${origins['lever-api']}/v0/postings`,
      delayMs,
    },
    {
      id: 'lakeview-county',
      kind: 'neogov',
      agency: 'lakeviewcounty',
      employer: 'Lakeview County, OR',
      keyword: 'peer',
      baseUrl: origins.governmentjobs,
      delayMs,
    },
  ];
}

async function serveFile(site: DemoSite, method: string, rawUrl: string, now: Date): Promise<{ status: number; type: string; body: string }> {
  if (method !== 'GET' && method !== 'HEAD') return { status: 405, type: CONTENT_TYPES['.txt'] ?? 'text/plain', body: 'method not allowed\n' };
  const url = new URL(rawUrl, 'http://demo.invalid');
  const root = join(SITES_DIR, site);
  const path = decodeURIComponent(url.pathname);
  const page = url.searchParams.get('page');
  // Paged listings (`?page=2`) live in `name-page-2.html`; everything else is the path itself,
  // with `.json` / `.html` / `index.html` tried the way a static host or an API router would.
  const candidates = page !== null ? [`${path}-page-${page}.html`] : [path, `${path}.json`, `${path}.html`, join(path, 'index.html')];
  for (const candidate of candidates) {
    const file = normalize(join(root, candidate));
    // Never serve outside the site's folder, whatever `..` the request carries.
    if (!file.startsWith(root + sep)) return { status: 404, type: 'text/plain', body: 'not found\n' };
    try {
      const text = await readFile(file, 'utf8');
      return { status: 200, type: CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', body: fillDates(text, now) };
    } catch {
      // Try the next candidate.
    }
  }
  if (page !== null && site === 'governmentjobs') {
    // The board answers a page past the end with its "no jobs" notice, not an error.
    return { status: 200, type: CONTENT_TYPES['.html'] ?? 'text/html', body: '<div class="search-results-no-records">No jobs found.</div>\n' };
  }
  return { status: 404, type: 'text/plain; charset=utf-8', body: 'not found\n' };
}

const DAY_MS = 86_400_000;

/**
 * Replaces `{{date:±N}}` (YYYY-MM-DD), `{{datetime:±N}}` (ISO 8601), `{{us-date:±N}}` (MM/DD/YY,
 * as governmentjobs writes closing dates) and `"{{epoch-ms:±N}}"` (a JSON number, as Lever's
 * createdAt) with the date N days from `now`.
 */
export function fillDates(text: string, now: Date): string {
  const at = (days: string) => new Date(now.getTime() + Number(days) * DAY_MS);
  return text
    .replace(/"\{\{epoch-ms:([+-]\d+)\}\}"/g, (_, d: string) => String(at(d).getTime()))
    .replace(/\{\{datetime:([+-]\d+)\}\}/g, (_, d: string) => at(d).toISOString().replace(/\.\d{3}Z$/, 'Z'))
    .replace(/\{\{date:([+-]\d+)\}\}/g, (_, d: string) => at(d).toISOString().slice(0, 10))
    .replace(/\{\{us-date:([+-]\d+)\}\}/g, (_, d: string) => {
      const t = at(d);
      return `${String(t.getUTCMonth() + 1).padStart(2, '0')}/${String(t.getUTCDate()).padStart(2, '0')}/${String(t.getUTCFullYear()).slice(2)}`;
    });
}

async function closeAll(servers: Server[]): Promise<void> {
  await Promise.all(
    servers.map(
      (s) =>
        new Promise<void>((resolve) => {
          s.closeAllConnections();
          s.close(() => resolve());
        }),
    ),
  );
}
