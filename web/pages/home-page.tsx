import type { VNode } from 'preact';
import { SETTING_INFO } from '../../schema/index.ts';
import type { StoredPosting } from '../../schema/index.ts';
import type { PayDistribution } from '../../store/stats/stats-port.ts';
import { JobCard } from '../components/job-card.tsx';
import { money } from '../format/pay-format.ts';
import { cachedSearch } from '../search/job-search.ts';
import type { WebDeps } from '../web-deps.ts';

export interface HomeData {
  now: Date;
  settings: { key: string; label: string; description: string; active: number }[];
  headline: { count: number; withPay: number; hourly: PayDistribution; annual: PayDistribution };
  newest: StoredPosting[];
  minSample: number;
}

const NEWEST = 6;

/** Everything `/` shows: active jobs per setting, the last 12 months' headline pay, the newest jobs. */
export async function loadHome(deps: WebDeps): Promise<HomeData> {
  const now = deps.now();
  const stats = deps.runtime.stats;
  const cache = <T,>(key: string, compute: () => T): T => (deps.cache ? deps.cache.get(`web:home:${key}`, compute) : compute());
  const bySetting = cache('settings', () => new Map(stats.salaryStats({}, ['setting']).map((r) => [r.group[0]?.value ?? '', r.count])));
  // The last 12 months, expired and closed postings included: pay offered over the year, not only today's openings.
  const since = new Date(Date.UTC(now.getUTCFullYear() - 1, now.getUTCMonth(), now.getUTCDate())).toISOString().slice(0, 10);
  const row = cache(`headline:${since}`, () => stats.salaryStats({ includeExpired: true, postedAfter: `${since}T00:00:00.000Z` }, [])[0]);
  const newestHits = await cachedSearch(deps, { sort: 'newest', page: { offset: 0, limit: NEWEST } });
  const byId = new Map((await deps.runtime.store.getPostings(newestHits.hits.map((h) => h.id))).map((p) => [p.id, p]));
  const empty: PayDistribution = { min: null, p10: null, p25: null, median: null, p75: null, p90: null, max: null, mean: null };
  return {
    now,
    settings: SETTING_INFO.map((s) => ({ key: s.key, label: s.label, description: s.description, active: bySetting.get(s.key) ?? 0 })),
    headline: { count: row?.count ?? 0, withPay: row?.withPay ?? 0, hourly: row?.hourly ?? empty, annual: row?.annual ?? empty },
    newest: newestHits.hits.map((h) => byId.get(h.id)).filter((p): p is StoredPosting => p !== undefined),
    minSample: deps.minSample,
  };
}

export function HomePage(props: { data: HomeData }): VNode {
  const { data } = props;
  const h = data.headline;
  return (
    <>
      <h1>Peer support jobs, and what they pay</h1>
      <p class="lead">Jobs for peer support specialists, recovery coaches, family and youth peer advocates and peer supervisors, by setting, place and pay.</p>
      <form class="search-panel" action="/jobs" method="get" role="search" aria-label="Job search">
        <div class="search-row">
          <div class="field">
            <label for="home-q">What</label>
            <span class="hint" id="home-q-hint">
              A job title or words, like recovery coach
            </span>
            <input type="search" id="home-q" name="q" aria-describedby="home-q-hint" maxLength={200} autocomplete="off" />
          </div>
          <div class="field">
            <label for="home-near">Near</label>
            <span class="hint" id="home-near-hint">
              City and state, like Columbus, OH
            </span>
            <input type="text" id="home-near" name="near" aria-describedby="home-near-hint" maxLength={100} autocomplete="address-level2" />
          </div>
          <div class="field">
            <button type="submit">Search jobs</button>
          </div>
        </div>
      </form>

      <h2>Jobs by setting</h2>
      <ul class="settings-grid">
        {data.settings.map((s) => (
          <li>
            <a href={`/jobs?setting=${s.key}`}>{s.label}</a> <span class="count">({s.active.toLocaleString('en-US')} {s.active === 1 ? 'job' : 'jobs'})</span>
            <br />
            <span class="secondary">{s.description}</span>
          </li>
        ))}
      </ul>

      <h2>Pay in the last 12 months</h2>
      {h.hourly.median !== null ? (
        <>
          <div class="headline-pay">
            <p class="figure">
              Median pay
              <span class="value">{money(h.hourly.median)} an hour</span>
              {h.annual.median !== null ? `${money(h.annual.median)} a year` : null}
            </p>
            <p class="figure">
              Top 10% earn at least
              <span class="value">{h.hourly.p90 !== null ? `${money(h.hourly.p90)} an hour` : '–'}</span>
              {h.annual.p90 !== null ? `${money(h.annual.p90)} a year` : null}
            </p>
          </div>
          <p>
            From {h.withPay.toLocaleString('en-US')} postings that stated pay, of {h.count.toLocaleString('en-US')} posted in the last 12 months.{' '}
            <a href="/salaries">Pay by setting, state and role</a>
          </p>
        </>
      ) : (
        <p>
          Fewer than {data.minSample} postings with pay in the last 12 months ({h.withPay} of {h.count} stated pay), too few to publish a median.
        </p>
      )}

      <h2>Newest jobs</h2>
      {data.newest.length ? (
        <ul class="job-list">
          {data.newest.map((p) => (
            <JobCard posting={p} now={data.now} />
          ))}
        </ul>
      ) : (
        <p>No jobs are listed yet.</p>
      )}
      <p>
        <a href="/jobs?sort=newest">All jobs, newest first</a>
      </p>
    </>
  );
}
