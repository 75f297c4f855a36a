import type { Logger } from '../logging/logger.ts';
import { once } from 'node:events';
import { Router } from 'express';
import type { Request, Response } from 'express';
import { PeerboardError } from '../../schema/index.ts';
import type { PostingFilter, StoredPosting } from '../../schema/index.ts';
import { toEnumName } from '../../schema/graphql/enums.ts';
import type { Runtime } from '../../store/runtime-port.ts';
import type { SearchSort } from '../../store/search/search-port.ts';
import type { PayDistribution, StatsDimension } from '../../store/stats/stats-port.ts';
import { resolveJobFilter } from '../graphql/job-filter-input.ts';
import type { Geocoder } from '../graphql/job-filter-input.ts';
import { parseQueryText } from '../graphql/search-resolvers.ts';
import { parseGroupBy, publicSalaryStats } from '../graphql/stats-resolvers.ts';
import { sendJsonError } from '../http/json-errors.ts';
import { csvRow } from './csv-format.ts';
import type { CsvValue } from './csv-format.ts';
import { enumList, parseExportParams } from './export-params.ts';

/**
 * Analysts' CSV exports. Same filters and grouping as the GraphQL API, as query parameters;
 * validated before the first byte is sent (a bad parameter is a 400 with every problem listed);
 * streamed with back-pressure, so a large export neither buffers in memory nor outruns a slow
 * client, and stops when the client goes away.
 */
export interface ExportDeps {
  runtime: Runtime;
  now: () => Date;
  geocode?: Geocoder | undefined;
  logger: Logger;
}

/** Rows per search page while streaming postings (the search port's largest page). */
const PAGE = 100;
/**
 * Largest postings export: the search port pages at most 10,000 results deep. A larger match is
 * cut there and says so in `X-Export-Truncated`; narrow the filter (by state, month, ...) or use
 * the salary-stats export for aggregates.
 */
export const MAX_EXPORT_ROWS = 10_000;

const DISTRIBUTION_KEYS = ['min', 'p10', 'p25', 'median', 'p75', 'p90', 'max', 'mean'] as const satisfies readonly (keyof PayDistribution)[];

const POSTING_COLUMNS = [
  'id', 'title', 'employer', 'role_family', 'settings', 'city', 'state', 'workplace', 'employment_type',
  'pay_min', 'pay_max', 'pay_period', 'hourly_min', 'hourly_max', 'annual_min', 'annual_max',
  'certification_required', 'certifications', 'lived_experience_required', 'date_posted', 'valid_through',
  'status', 'posted_directly', 'url', 'sources',
] as const;

function postingRow(p: StoredPosting): CsvValue[] {
  return [
    p.id, p.title, p.employer, p.roleFamily ? toEnumName(p.roleFamily) : null, p.settings.map(toEnumName).join(';'),
    p.location.city, p.location.state, p.location.workplace ? toEnumName(p.location.workplace) : null,
    p.employmentType ? toEnumName(p.employmentType) : null,
    p.pay?.min, p.pay?.max, p.pay ? toEnumName(p.pay.period) : null,
    round2(p.pay?.hourlyMin), round2(p.pay?.hourlyMax), round2(p.pay?.annualMin), round2(p.pay?.annualMax),
    p.certifications.some((c) => c.required), p.certifications.map((c) => c.name).join(';'), p.livedExperienceRequired,
    p.datePosted, p.validThrough, toEnumName(p.status), p.postedDirectly, p.url, p.sources.map((s) => s.source).join(';'),
  ];
}

function round2(n: number | null | undefined): number | null {
  return typeof n === 'number' ? Math.round(n * 100) / 100 : null;
}

/** Writes with back-pressure; false when the client has gone. */
async function write(res: Response, chunk: string): Promise<boolean> {
  if (res.destroyed || res.writableEnded) return false;
  if (!res.write(chunk)) {
    const closed = once(res, 'close').then(() => false);
    const drained = once(res, 'drain').then(() => true);
    return Promise.race([closed, drained]);
  }
  return true;
}

function startCsv(res: Response, filename: string): void {
  res.status(200);
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
  res.setHeader('Cache-Control', 'no-store');
}

function parseSort(raw: string | undefined): SearchSort {
  const v = raw?.trim().toLowerCase();
  if (v === undefined || v === '') return 'newest';
  if (v === 'newest' || v === 'relevance' || v === 'pay_high' || v === 'pay_low' || v === 'distance') return v;
  throw new PeerboardError('BAD_USER_INPUT', 'sort: one of RELEVANCE, NEWEST, PAY_HIGH, PAY_LOW, DISTANCE');
}

function fail(res: Response, err: unknown, logger: Logger): void {
  if (err instanceof PeerboardError && (err.code === 'BAD_USER_INPUT' || err.code === 'NOT_FOUND')) {
    sendJsonError(res, 400, 'BAD_USER_INPUT', err.message);
    return;
  }
  logger.error({ err }, `export failed: ${err instanceof Error ? err.message : String(err)}`);
  if (res.headersSent) res.destroy();
  else sendJsonError(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
}

export function createExportRouter(deps: ExportDeps): Router {
  const router = Router();
  const searchOf = (req: Request) => new URL(req.originalUrl, 'http://localhost').searchParams;
  const filterOf = (input: Record<string, unknown>): PostingFilter => resolveJobFilter(input, { now: deps.now(), geocode: deps.geocode }, '');

  router.get('/export/salary-stats.csv', async (req, res) => {
    try {
      const params = parseExportParams(searchOf(req), ['groupBy']);
      const groupBy: StatsDimension[] = parseGroupBy(enumList(params.extra.groupBy));
      const filter = filterOf(params.filter);
      const rows = publicSalaryStats(deps.runtime.stats, filter, groupBy);
      startCsv(res, 'salary-stats.csv');
      const header = [
        ...groupBy,
        'count', 'with_pay', 'pay_transparency',
        ...DISTRIBUTION_KEYS.map((k) => `hourly_${k}`),
        ...DISTRIBUTION_KEYS.map((k) => `annual_${k}`),
        // Last, so the columns before keep their places: why a row's figures are empty.
        'suppressed', 'sample_size', 'min_sample',
      ];
      if (!(await write(res, csvRow(header)))) return;
      for (const row of rows) {
        const cells: CsvValue[] = [
          ...row.group.map((g) => g.value),
          row.count, row.withPay, row.payTransparency === null ? null : Math.round(row.payTransparency * 10_000) / 10_000,
          ...DISTRIBUTION_KEYS.map((k) => round2(row.hourly[k])),
          ...DISTRIBUTION_KEYS.map((k) => round2(row.annual[k])),
          row.suppressed, row.sampleSize, row.minSample,
        ];
        if (!(await write(res, csvRow(cells)))) return;
      }
      res.end();
    } catch (err) {
      fail(res, err, deps.logger);
    }
  });

  router.get('/export/postings.csv', async (req, res) => {
    try {
      const params = parseExportParams(searchOf(req), ['query', 'sort']);
      const filter = filterOf(params.filter);
      const text = parseQueryText(params.extra.query);
      const sort = parseSort(params.extra.sort);
      if (sort === 'distance' && !filter.near) throw new PeerboardError('BAD_USER_INPUT', 'sort: DISTANCE needs nearCity and nearState, or nearLat and nearLon');
      // The first page is fetched before the header, so a failing search is still a clean error.
      const pageAt = (offset: number) =>
        deps.runtime.search.search({ ...(text ? { text } : {}), filter, sort, page: { offset, limit: PAGE }, facets: [] });
      let page = await pageAt(0);
      const total = Math.min(page.total, MAX_EXPORT_ROWS);
      startCsv(res, 'postings.csv');
      res.setHeader('X-Total-Count', String(page.total));
      if (page.total > total) res.setHeader('X-Export-Truncated', `only the first ${total} of ${page.total} postings; narrow the filter`);
      if (!(await write(res, csvRow([...POSTING_COLUMNS])))) return;
      let offset = 0;
      while (page.hits.length && offset < total) {
        const ids = page.hits.slice(0, total - offset).map((h) => h.id);
        const postings = await deps.runtime.store.getPostings(ids);
        const byId = new Map(postings.map((p) => [p.id, p]));
        let chunk = '';
        for (const id of ids) {
          const p = byId.get(id);
          if (p) chunk += csvRow(postingRow(p));
        }
        if (!(await write(res, chunk))) return;
        offset += page.hits.length;
        if (offset >= total) break;
        page = await pageAt(offset);
      }
      res.end();
    } catch (err) {
      fail(res, err, deps.logger);
    }
  });

  return router;
}
