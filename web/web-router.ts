import express from 'express';
import type { NextFunction, Request, Response, Router } from 'express';
import { h } from 'preact';
import type { ComponentChildren } from 'preact';
import { PeerboardError, ValidationError } from '../schema/index.ts';
import type { StoredPosting } from '../schema/index.ts';
import { loadAssets } from './asset-build.ts';
import type { AssetBundle } from './asset-build.ts';
import { renderPage } from './components/layout.tsx';
import type { PageMeta } from './components/layout.tsx';
import type { FieldError } from './components/form-parts.tsx';
import { atomFeed, robotsTxt, sitemapXml } from './feeds/feeds.ts';
import { hourlyPayPoint } from './format/pay-format.ts';
import {
  ApiKeyPage,
  EmployersPage,
  jobInputFromForm,
  marketSentence,
  parseMarketQuery,
  postIssuesToErrors,
  registerIssuesToErrors,
} from './pages/employers-page.tsx';
import type { EmployersView, FormValues } from './pages/employers-page.tsx';
import { HomePage, loadHome } from './pages/home-page.tsx';
import { comparableFilter, JOB_ID, JobPage, jobPostingJsonLd, loadJob, NotFoundPage, scriptJson } from './pages/job-page.tsx';
import { JobsPage, jobsTitle, loadJobs } from './pages/jobs-page.tsx';
import { loadSalaries, SalariesPage } from './pages/salaries-page.tsx';
import { runJobSearch } from './search/job-search.ts';
import { jobSearchQueryString, parseJobSearchParams } from './search/job-search-params.ts';
import { CsrfGuard } from './security/csrf.ts';
import type { WebDeps } from './web-deps.ts';

/** Largest form body: a job description of 50,000 characters, URL-encoded, fits. */
const MAX_FORM_BYTES = 256 * 1024;
const FEED_ENTRIES = 50;
const SITEMAP_MAX_URLS = 50_000;

export interface WebRouter {
  router: Router;
  /** The built client assets (sizes for the benchmark). */
  assets: AssetBundle;
}

/**
 * The pages, as an Express router that `server/` mounts in front of its 404. Each page is
 * "load the data, render it": the loaders live beside their views in `pages/`, and nothing
 * here reaches the store except through them and the employer actions handed in.
 */
export async function createWebRouter(deps: WebDeps): Promise<WebRouter> {
  const assets = await loadAssets();
  const csrf = new CsrfGuard();
  const router = express.Router();

  const html = (res: Response, status: number, meta: PageMeta, body: ComponentChildren) => {
    res.status(status);
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    if (!res.getHeader('Cache-Control')) res.setHeader('Cache-Control', 'no-cache');
    res.send(renderPage(meta, assets, body));
  };
  const safe =
    (handler: (req: Request, res: Response) => Promise<void> | void) =>
    async (req: Request, res: Response, next: NextFunction): Promise<void> => {
      try {
        await handler(req, res);
      } catch (err) {
        if (err instanceof ValidationError) {
          html(res, 400, { title: 'Something in the address is not right', section: 'none' }, h(NotFoundPage, { what: err.issues.join('; ') }));
          return;
        }
        next(err);
      }
    };

  router.get('/assets/:file', (req, res, next) => {
    const a = assets.byPath.get(`/assets/${req.params.file}`);
    if (!a) return next();
    res.setHeader('Content-Type', a.contentType);
    // The file name carries the content hash: a new build is a new URL.
    res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    res.send(a.body);
  });

  router.get(
    '/',
    safe(async (_req, res) => {
      const data = await loadHome(deps);
      html(res, 200, { title: 'Peer support jobs and pay', section: 'home', description: 'Peer support jobs by setting, place and pay, and what peer support work pays.' }, h(HomePage, { data }));
    }),
  );

  router.get(
    '/jobs',
    safe(async (req, res) => {
      const search = searchOf(req);
      const data = await loadJobs(deps, search);
      const feed = `/jobs.atom${jobSearchQueryString(data.params, { page: 1, sort: 'relevance' })}`;
      const title = jobsTitle(data.params);
      const head = [
        h('link', { rel: 'alternate', type: 'application/atom+xml', title: `${title} (feed)`, href: feed }),
        h('link', { rel: 'canonical', href: `${originOf(req)}/jobs${jobSearchQueryString(data.params)}` }),
      ];
      html(res, data.errors.length ? 400 : 200, { title: data.params.page > 1 ? `${title} (page ${data.params.page})` : title, section: 'jobs', head }, h(JobsPage, { data }));
    }),
  );

  router.get(
    '/jobs.atom',
    safe(async (req, res) => {
      const { params, problems } = parseJobSearchParams(searchOf(req));
      if (problems.length) {
        res.status(400).type('text/plain; charset=utf-8').send(`${problems.map((p) => `${p.field}: ${p.message}`).join('\n')}\n`);
        return;
      }
      const outcome = await runJobSearch(deps, { ...params, page: 1 }, { pageSize: FEED_ENTRIES, sortOverride: 'newest' });
      if (outcome.problems.length) {
        res.status(400).type('text/plain; charset=utf-8').send(`${outcome.problems.map((p) => `${p.field}: ${p.message}`).join('\n')}\n`);
        return;
      }
      const origin = originOf(req);
      const qs = jobSearchQueryString({ ...params, page: 1, sort: 'relevance' });
      res.setHeader('Content-Type', 'application/atom+xml; charset=utf-8');
      res.setHeader('Cache-Control', 'public, max-age=300');
      res.send(
        atomFeed({
          origin,
          selfUrl: `${origin}/jobs.atom${qs}`,
          htmlUrl: `${origin}/jobs${qs}`,
          title: `${jobsTitle(params)} – Peerboard`,
          postings: outcome.hits.map((x) => x.posting),
          now: deps.now(),
        }),
      );
    }),
  );

  router.get(
    '/jobs/:id',
    safe(async (req, res) => {
      const id = String(req.params.id);
      const data = await loadJob(deps, id, originOf(req));
      if (!data) {
        html(res, 404, { title: 'Job not found', section: 'jobs', noindex: true }, h(NotFoundPage, { what: 'There is no job at this address. It may have been mistyped.' }));
        return;
      }
      const head = [
        h('link', { rel: 'canonical', href: `${data.origin}/jobs/${encodeURIComponent(data.posting.id)}` }),
        // A data block, not a script: browsers never run it, so the CSP's script-src does not apply.
        h('script', { type: 'application/ld+json', dangerouslySetInnerHTML: { __html: scriptJson(jobPostingJsonLd(data)) } }),
      ];
      const title = data.posting.employer ? `${data.posting.title} at ${data.posting.employer}` : data.posting.title;
      html(res, 200, { title: data.open ? title : `${title} (closed)`, section: 'jobs', head, description: data.posting.descriptionText.slice(0, 200) }, h(JobPage, { data }));
    }),
  );

  router.get(
    '/salaries',
    safe(async (req, res) => {
      const data = loadSalaries(deps, searchOf(req));
      html(res, data.errors.length ? 400 : 200, { title: 'Peer support pay', section: 'salaries', scripts: ['salaries.js'] }, h(SalariesPage, { data }));
    }),
  );

  // ---- Employers ----
  const employersMeta: PageMeta = { title: 'Post peer support jobs', section: 'employers', scripts: ['employers.js'] };
  const employersPage = (req: Request, res: Response, status: number, view: Omit<EmployersView, 'csrf' | 'minSample'>) => {
    // Forms carry a one-off token and may show an employer's own jobs: never stored by a cache.
    res.setHeader('Cache-Control', 'no-store');
    html(res, status, employersMeta, h(EmployersPage, { view: { ...view, csrf: csrf.tokenFor(req, res), minSample: deps.minSample } }));
  };

  router.get('/employers', (req, res) => employersPage(req, res, 200, {}));

  router.get('/employers/market-position', (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    const { query, problem } = parseMarketQuery(searchOf(req));
    if (!query) {
      res.status(400).json({ error: problem });
      return;
    }
    const m = deps.runtime.stats.marketPosition(query.hourly, query.filter);
    res.json({ percentile: m.percentile, sampleSize: m.sampleSize, offerHourly: m.offerHourly, hourlyMedian: m.hourlyMedian, hourlyP90: m.hourlyP90, scope: query.scope, sentence: marketSentence(m, query.scope, deps.minSample) });
  });

  const form = express.urlencoded({ extended: false, limit: MAX_FORM_BYTES, parameterLimit: 100 });
  /** Parses the form and runs the CSRF check; answers the refusal itself and returns null when it fails. */
  const formBody = (req: Request, res: Response): FormValues | null => {
    const body = (req.body ?? {}) as FormValues;
    const refused = csrf.check(req, body);
    if (refused) {
      employersPage(req, res, 403, { notice: `Your form could not be used (${refused}). Nothing was changed: please try again.` });
      return null;
    }
    return body;
  };
  /**
   * The API key: from the `Authorization: Bearer` header (what the enhancement script sends), or
   * from the form's password field when the page runs without JavaScript. It is never logged,
   * never put in a URL, never written back into a page.
   */
  const apiKeyOf = (req: Request, body: FormValues): string => {
    const header = req.headers.authorization;
    const m = header ? /^Bearer[ ]+(\S+)\s*$/i.exec(header) : null;
    if (m?.[1]) return m[1];
    const v = body.apiKey;
    return typeof v === 'string' ? v.trim() : '';
  };
  const withoutKey = (body: FormValues): FormValues => {
    const copy = { ...body };
    delete copy.apiKey;
    delete copy.csrf;
    return copy;
  };
  const keyProblem = (err: unknown): string | null => {
    if (err instanceof PeerboardError && err.code === 'UNAUTHENTICATED') return 'Your API key: enter the key you were given when you registered (it starts pbk_)';
    return null;
  };
  const ownJobs = async (employerId: string): Promise<StoredPosting[]> => {
    const out: StoredPosting[] = [];
    for await (const batch of deps.runtime.store.iteratePostings({ employerId })) out.push(...batch);
    return out.sort((a, b) => (a.status === b.status ? b.firstSeenAt.localeCompare(a.firstSeenAt) : a.status === 'active' ? -1 : 1));
  };

  router.post(
    '/employers/register',
    form,
    safe(async (req, res) => {
      const body = formBody(req, res);
      if (!body) return;
      const values = withoutKey(body);
      const text = (k: string) => (typeof values[k] === 'string' ? (values[k]) : '');
      try {
        const website = text('website').trim();
        const { employer, apiKey } = await deps.employers.register({ name: text('name'), email: text('email'), website: website || null });
        res.setHeader('Cache-Control', 'no-store');
        html(res, 200, { title: 'Your API key', section: 'employers', scripts: ['employers.js'], noindex: true }, h(ApiKeyPage, { name: employer.name, apiKey }));
      } catch (err) {
        if (!(err instanceof ValidationError)) throw err;
        employersPage(req, res, 400, { register: { values, errors: registerIssuesToErrors(err.issues) } });
      }
    }),
  );

  router.post(
    '/employers/jobs',
    form,
    safe(async (req, res) => {
      const body = formBody(req, res);
      if (!body) return;
      const values = withoutKey(body);
      const key = apiKeyOf(req, body);
      const { input, errors } = jobInputFromForm(values);
      const fail = (errs: FieldError[]) => employersPage(req, res, 400, { post: { values, errors: errs } });
      if (!key) errors.unshift({ field: 'e-apiKey', message: 'Your API key: enter the key you were given when you registered' });
      if (!input || errors.length) return fail(errors);
      try {
        const posting = await deps.employers.postJob(key, input);
        const employer = await deps.employers.authenticate(key);
        const point = hourlyPayPoint(posting.pay);
        const { filter, scope } = comparableFilter(posting);
        const market = point ? deps.runtime.stats.marketPosition(point, filter) : null;
        employersPage(req, res, 200, { posted: { posting, market, scope }, jobs: { employerName: employer.name, postings: await ownJobs(employer.id) } });
      } catch (err) {
        const k = keyProblem(err);
        if (k) return fail([{ field: 'e-apiKey', message: k }]);
        if (err instanceof ValidationError) return fail(postIssuesToErrors(err.issues));
        throw err;
      }
    }),
  );

  router.post(
    '/employers/my-jobs',
    form,
    safe(async (req, res) => {
      const body = formBody(req, res);
      if (!body) return;
      try {
        const employer = await deps.employers.authenticate(apiKeyOf(req, body));
        employersPage(req, res, 200, { jobs: { employerName: employer.name, postings: await ownJobs(employer.id) } });
      } catch (err) {
        const k = keyProblem(err);
        if (k) return employersPage(req, res, 400, { list: { errors: [{ field: 'm-apiKey', message: k }] } });
        throw err;
      }
    }),
  );

  router.post(
    '/employers/jobs/:id/close',
    form,
    safe(async (req, res) => {
      const body = formBody(req, res);
      if (!body) return;
      const id = String(req.params.id);
      const key = apiKeyOf(req, body);
      try {
        if (!JOB_ID.test(id)) throw new PeerboardError('NOT_FOUND', 'no such job');
        const closed = await deps.employers.closeJob(key, id);
        const employer = await deps.employers.authenticate(key);
        employersPage(req, res, 200, { notice: `"${closed.title}" is closed: it no longer appears in search, and its page says applications are closed.`, jobs: { employerName: employer.name, postings: await ownJobs(employer.id) } });
      } catch (err) {
        const k = keyProblem(err);
        if (k) return employersPage(req, res, 400, { list: { errors: [{ field: 'm-apiKey', message: k }] } });
        if (err instanceof PeerboardError && (err.code === 'FORBIDDEN' || err.code === 'NOT_FOUND')) {
          return employersPage(req, res, err.code === 'FORBIDDEN' ? 403 : 404, { notice: err.code === 'FORBIDDEN' ? 'That job was not posted by your organisation, so you cannot close it.' : 'There is no such job.' });
        }
        throw err;
      }
    }),
  );

  // ---- For crawlers ----
  router.get(
    '/sitemap.xml',
    safe(async (req, res) => {
      const jobs: { id: string; updatedAt: string }[] = [];
      for await (const batch of deps.runtime.store.iteratePostings({ statuses: ['active'] })) {
        for (const p of batch) if (jobs.length < SITEMAP_MAX_URLS) jobs.push({ id: p.id, updatedAt: p.updatedAt });
      }
      res.setHeader('Content-Type', 'application/xml; charset=utf-8');
      res.setHeader('Cache-Control', 'public, max-age=3600');
      res.send(sitemapXml(originOf(req), jobs));
    }),
  );
  router.get('/robots.txt', (req, res) => {
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    res.setHeader('Cache-Control', 'public, max-age=86400');
    res.send(robotsTxt(originOf(req)));
  });

  // Unknown page addresses a browser asks for get a page; API clients keep the JSON 404.
  router.use((req, res, next) => {
    if (req.method !== 'GET' || req.accepts(['application/json', 'text/html']) !== 'text/html' || req.path.startsWith('/graphql') || req.path.startsWith('/export')) return next();
    html(res, 404, { title: 'Page not found', section: 'none', noindex: true }, h(NotFoundPage, { what: 'There is no page at this address. It may have been mistyped or moved.' }));
  });

  return { router, assets };
}

function searchOf(req: Request): URLSearchParams {
  return new URL(req.originalUrl, 'http://localhost').searchParams;
}

/**
 * The site's own origin for absolute links (feeds, sitemap, canonical URLs), from the request
 * (behind a proxy, TRUST_PROXY makes `req.protocol` honest). A Host header that is not a plain
 * host name and port is not echoed into a page.
 */
export function originOf(req: Request): string {
  const host = req.headers.host ?? '';
  const ok = /^(?:[A-Za-z0-9-]{1,63}\.)*[A-Za-z0-9-]{1,63}(?::\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](?::\d{1,5})?$/.test(host);
  return `${req.protocol === 'https' ? 'https' : 'http'}://${ok ? host : 'localhost'}`;
}
