import type { VNode } from 'preact';
import { EMPLOYMENT_TYPES, ROLE_FAMILY_INFO, SETTING_INFO, SETTINGS, US_STATES } from '../../schema/index.ts';
import type { EmploymentType, PostingFilter, RoleFamily, Setting } from '../../schema/index.ts';
import { toEnumName } from '../../schema/graphql/enums.ts';
import type { SalaryStatsRow, TrendPoint } from '../../store/stats/stats-port.ts';
import { ErrorSummary } from '../components/form-parts.tsx';
import type { FieldError } from '../components/form-parts.tsx';
import { employmentLabel, roleLabel, settingLabel, stateLabel } from '../format/labels.ts';
import { money, percent } from '../format/pay-format.ts';
import type { WebDeps } from '../web-deps.ts';

/**
 * `/salaries?setting=&state=&role=&type=&interval=month|quarter`: pay statistics for analysts.
 * Everything covers postings of the last 12 months, open or since closed (pay offered over the
 * year), except the trend, which goes back further. Every chart on the page is drawn by the
 * salaries script from the table below it, so the table is the chart's data and its alternative.
 */
export interface SalaryParams {
  setting: Setting | null;
  state: string | null;
  role: RoleFamily | null;
  type: EmploymentType | null;
  interval: 'month' | 'quarter';
}

export interface HistogramBin {
  from: number;
  to: number;
  count: number;
}

export interface SalariesData {
  params: SalaryParams;
  errors: FieldError[];
  summary: SalaryStatsRow | null;
  bySetting: SalaryStatsRow[];
  byState: SalaryStatsRow[];
  trend: TrendPoint[];
  histogram: { bins: HistogramBin[]; sample: number; exact: boolean } | null;
  minSample: number;
  csv: { bySetting: string; byState: string; byMonth: string; postings: string };
}

const TREND_MONTHS = 24;
const MAX_BINS = 24;

export function parseSalaryParams(search: URLSearchParams): { params: SalaryParams; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const get = (n: string) => (search.get(n) ?? '').trim();
  const pick = <T extends string>(name: string, allowed: readonly T[], what: string, transform: (s: string) => string = (s) => s.toLowerCase()): T | null => {
    const raw = get(name);
    if (!raw) return null;
    const v = transform(raw);
    if ((allowed as readonly string[]).includes(v)) return v as T;
    errors.push({ field: `s-${name}`, message: `"${raw.slice(0, 40)}" is not ${what}` });
    return null;
  };
  const setting = pick('setting', SETTINGS, 'a setting');
  const state = pick('state', Object.keys(US_STATES), 'a two-letter US state code', (s) => s.toUpperCase());
  const role = pick('role', ROLE_FAMILY_INFO.map((r) => r.key), 'a role');
  const type = pick('type', EMPLOYMENT_TYPES, 'a type of employment');
  const interval = pick('interval', ['month', 'quarter'] as const, 'month or quarter') ?? 'month';
  return { params: { setting, state, role, type, interval }, errors };
}

function filterOf(p: SalaryParams, since: string, omit: 'setting' | 'state' | null): PostingFilter {
  const f: PostingFilter = { includeExpired: true, postedAfter: since };
  if (p.setting && omit !== 'setting') f.settings = [p.setting];
  if (p.state && omit !== 'state') f.states = [p.state];
  if (p.role) f.roleFamilies = [p.role];
  if (p.type) f.employmentTypes = [p.type];
  return f;
}

/** The CSV export URL of the same filters (the export takes the API's filter names). */
function csvUrl(path: string, p: SalaryParams, extra: Record<string, string>, omit: 'setting' | 'state' | null): string {
  const q = new URLSearchParams();
  if (p.setting && omit !== 'setting') q.set('settings', toEnumName(p.setting));
  if (p.state && omit !== 'state') q.set('states', p.state);
  if (p.role) q.set('roleFamilies', toEnumName(p.role));
  if (p.type) q.set('employmentTypes', toEnumName(p.type));
  q.set('includeExpired', 'true');
  q.set('postedWithinDays', '365');
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  return `${path}?${q.toString()}`;
}

/**
 * Postings per pay band, read from the statistics engine's distribution function: the market
 * position of a figure is the share of pay points at or below it, so the count in (a, b] is
 * n·(F(b) − F(a)). The engine publishes that share to a tenth of a percent: counts are exact up
 * to 1,000 postings and within a posting or two beyond (the page says so).
 */
function histogramOf(deps: WebDeps, filter: PostingFilter, summary: SalaryStatsRow | null): SalariesData['histogram'] {
  const lo = summary?.hourly.min;
  const hi = summary?.hourly.max;
  if (lo == null || hi == null || !summary || summary.withPay < deps.minSample) return null;
  let width = 2;
  while (Math.floor(hi / width) - Math.floor(lo / width) + 1 > MAX_BINS) width *= 2;
  const start = Math.floor(lo / width) * width;
  const n = summary.withPay;
  const below = (x: number) => {
    const m = deps.runtime.stats.marketPosition(x, filter);
    return m.percentile === null ? 0 : Math.round((m.percentile * m.sampleSize) / 100);
  };
  const bins: HistogramBin[] = [];
  let prev = 0; // nothing is at or below a figure under the lowest pay point
  for (let from = start; from <= hi; from += width) {
    const to = from + width;
    // The top band takes everything up to the highest pay point.
    const upTo = to > hi ? n : below(to - 1e-9);
    bins.push({ from, to, count: Math.max(0, upTo - prev) });
    prev = upTo;
  }
  return { bins, sample: n, exact: n < 1000 };
}

export function loadSalaries(deps: WebDeps, search: URLSearchParams): SalariesData {
  const { params, errors } = parseSalaryParams(search);
  const now = deps.now();
  const since = new Date(Date.UTC(now.getUTCFullYear() - 1, now.getUTCMonth(), now.getUTCDate())).toISOString();
  const stats = deps.runtime.stats;
  const compute = (): Omit<SalariesData, 'params' | 'errors' | 'minSample' | 'csv'> => {
    const full = filterOf(params, since, null);
    const summary = stats.salaryStats(full, [])[0] ?? null;
    const bySetting = stats.salaryStats(filterOf(params, since, 'setting'), ['setting']);
    const byState = stats.salaryStats(filterOf(params, since, 'state'), ['state']).sort((a, b) => (a.group[0]?.value ?? '').localeCompare(b.group[0]?.value ?? ''));
    const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (TREND_MONTHS - 1), 1)).toISOString().slice(0, 10);
    const trendFilter = { ...full };
    delete trendFilter.postedAfter;
    const trend = stats.salaryTrend(trendFilter, params.interval, from, now.toISOString().slice(0, 10));
    return { summary, bySetting, byState, trend, histogram: histogramOf(deps, full, summary) };
  };
  const key = `web:salaries:${JSON.stringify(params)}:${since.slice(0, 10)}`;
  const data = deps.cache ? deps.cache.get(key, compute) : compute();
  return {
    ...data,
    params,
    errors,
    minSample: deps.minSample,
    csv: {
      bySetting: csvUrl('/export/salary-stats.csv', params, { groupBy: 'SETTING' }, 'setting'),
      byState: csvUrl('/export/salary-stats.csv', params, { groupBy: 'STATE' }, 'state'),
      byMonth: csvUrl('/export/salary-stats.csv', params, { groupBy: params.interval.toUpperCase() }, null),
      postings: csvUrl('/export/postings.csv', params, {}, null),
    },
  };
}

function Cell(props: { value: number | null; minSample: number; unit?: 'hour' | 'year' }): VNode {
  if (props.value === null) return <td class="num suppressed">fewer than {props.minSample} postings with pay</td>;
  return (
    <td class="num" data-value={String(props.value)}>
      {money(props.value)}
    </td>
  );
}

function StatsTable(props: { id: string; caption: string; rows: SalaryStatsRow[]; label: (v: string) => string; short: (v: string) => string; minSample: number; dimension: string; current: string | null }): VNode {
  return (
    <div class="table-wrap">
      <table id={props.id} data-chart="bars" data-unit="$ an hour">
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{props.dimension}</th>
            <th scope="col" class="num">
              Postings
            </th>
            <th scope="col" class="num">
              With pay
            </th>
            <th scope="col" class="num" data-series="Median (bars)">
              Median an hour
            </th>
            <th scope="col" class="num" data-series="Top decile (circles)">
              Top decile an hour
            </th>
            <th scope="col" class="num">
              Median a year
            </th>
            <th scope="col" class="num">
              Top decile a year
            </th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => {
            const v = r.group[0]?.value ?? '';
            return (
              <tr data-label={props.short(v)}>
                <th scope="row">
                  {props.label(v)}
                  {props.current === v ? ' (selected)' : ''}
                </th>
                <td class="num">{r.count.toLocaleString('en-US')}</td>
                <td class="num">
                  {r.withPay.toLocaleString('en-US')} ({percent(r.payTransparency)})
                </td>
                <Cell value={r.hourly.median} minSample={props.minSample} />
                <Cell value={r.hourly.p90} minSample={props.minSample} />
                <Cell value={r.annual.median} minSample={props.minSample} />
                <Cell value={r.annual.p90} minSample={props.minSample} />
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function describeScope(p: SalaryParams, omit: 'setting' | 'state' | null): string {
  const bits: string[] = [];
  if (p.setting && omit !== 'setting') bits.push(settingLabel(p.setting));
  if (p.role) bits.push(roleLabel(p.role));
  if (p.type) bits.push(employmentLabel(p.type));
  if (p.state && omit !== 'state') bits.push(`in ${stateLabel(p.state)}`);
  return bits.length ? bits.join(', ') : 'all peer support jobs';
}

const SHORT_SETTING: Record<string, string> = {
  treatment_center: 'Treatment',
  hospital_ed: 'Hospital/ED',
  crisis_unit: 'Crisis',
  youth_services: 'Youth',
  outpatient: 'Outpatient',
  community_org: 'Community',
  jail_police: 'Jail/police',
  reentry: 'Re-entry',
  specialty_court: 'Courts',
  moud: 'MOUD',
};

export function SalariesPage(props: { data: SalariesData }): VNode {
  const d = props.data;
  const p = d.params;
  const s = d.summary;
  const select = (name: string, label: string, options: { value: string; label: string }[], current: string | null, any: string) => (
    <div class="field">
      <label for={`s-${name}`}>{label}</label>
      <select id={`s-${name}`} name={name}>
        <option value="">{any}</option>
        {options.map((o) => (
          <option value={o.value} selected={current === o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <>
      <h1>Peer support pay</h1>
      <p class="lead">Median and top-decile pay of peer support postings in the last 12 months, for {describeScope(p, null)}.</p>
      <ErrorSummary errors={d.errors} />
      <form class="filter-bar" action="/salaries" method="get" aria-label="Choose the postings">
        {select('setting', 'Setting', SETTING_INFO.map((x) => ({ value: x.key, label: x.label })), p.setting, 'All settings')}
        {select('state', 'State', Object.keys(US_STATES).sort((a, b) => stateLabel(a).localeCompare(stateLabel(b))).map((x) => ({ value: x, label: stateLabel(x) })), p.state, 'All states')}
        {select('role', 'Role', ROLE_FAMILY_INFO.map((x) => ({ value: x.key, label: x.label })), p.role, 'All roles')}
        {select('type', 'Type of employment', EMPLOYMENT_TYPES.map((x) => ({ value: x, label: employmentLabel(x) })), p.type, 'All types')}
        {select('interval', 'Trend by', [{ value: 'quarter', label: 'Quarter' }], p.interval === 'quarter' ? 'quarter' : null, 'Month')}
        <div class="field">
          <button type="submit">Show pay</button>
        </div>
      </form>

      <h2>Summary</h2>
      {s && s.count > 0 ? (
        <>
          <div class="headline-pay">
            <p class="figure">
              Median
              <span class="value">{s.hourly.median !== null ? `${money(s.hourly.median)} an hour` : `fewer than ${d.minSample} postings with pay`}</span>
              {s.annual.median !== null ? `${money(s.annual.median)} a year` : null}
            </p>
            <p class="figure">
              Top decile (90th percentile)
              <span class="value">{s.hourly.p90 !== null ? `${money(s.hourly.p90)} an hour` : `fewer than ${d.minSample} postings with pay`}</span>
              {s.annual.p90 !== null ? `${money(s.annual.p90)} a year` : null}
            </p>
            <p class="figure">
              Pay transparency
              <span class="value">{percent(s.payTransparency)}</span>
              {s.withPay.toLocaleString('en-US')} of {s.count.toLocaleString('en-US')} postings state pay
            </p>
          </div>
        </>
      ) : (
        <p>No postings match these choices in the last 12 months.</p>
      )}

      <div class="stats-grid">
        <section aria-labelledby="by-setting-title">
          <h2 id="by-setting-title">By setting</h2>
          <StatsTable
            id="table-by-setting"
            caption={`Pay by setting: ${describeScope(p, 'setting')} (a posting in two settings counts in both)`}
            rows={d.bySetting}
            label={settingLabel}
            short={(v) => SHORT_SETTING[v] ?? v}
            minSample={d.minSample}
            dimension="Setting"
            current={p.setting}
          />
        </section>
        <section aria-labelledby="by-state-title">
          <h2 id="by-state-title">By state</h2>
          <StatsTable id="table-by-state" caption={`Pay by state: ${describeScope(p, 'state')}`} rows={d.byState} label={stateLabel} short={(v) => v} minSample={d.minSample} dimension="State" current={p.state} />
        </section>
      </div>

      <div class="stats-grid">
        <section aria-labelledby="trend-title">
          <h2 id="trend-title">Trend by {p.interval}</h2>
          <div class="table-wrap">
            <table id="table-trend" data-chart="lines" data-unit="$ an hour">
              <caption>Hourly pay by {p.interval} posted, {describeScope(p, null)}</caption>
              <thead>
                <tr>
                  <th scope="col">{p.interval === 'month' ? 'Month' : 'Quarter'}</th>
                  <th scope="col" class="num">
                    Postings
                  </th>
                  <th scope="col" class="num">
                    With pay
                  </th>
                  <th scope="col" class="num" data-series="Median (solid line)">
                    Median an hour
                  </th>
                  <th scope="col" class="num" data-series="Top decile (dashed line)">
                    Top decile an hour
                  </th>
                </tr>
              </thead>
              <tbody>
                {d.trend.map((t) => (
                  <tr data-label={t.period}>
                    <th scope="row">{t.period}</th>
                    <td class="num">{t.count.toLocaleString('en-US')}</td>
                    <td class="num">{t.withPay.toLocaleString('en-US')}</td>
                    <Cell value={t.hourlyMedian} minSample={d.minSample} />
                    <Cell value={t.hourlyP90} minSample={d.minSample} />
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
        <section aria-labelledby="histogram-title">
          <h2 id="histogram-title">Distribution of pay</h2>
          {d.histogram ? (
            <>
              <div class="table-wrap">
                <table id="table-histogram" data-chart="histogram" data-unit="postings">
                  <caption>
                    Postings by hourly pay point (the middle of each posting's range), {describeScope(p, null)}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Hourly pay</th>
                      <th scope="col" class="num" data-series="Postings (bars)">
                        Postings
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.histogram.bins.map((b) => (
                      <tr data-label={`$${b.from}`}>
                        <th scope="row">
                          {money(b.from)} to under {money(b.to)}
                        </th>
                        <td class="num" data-value={String(b.count)}>
                          {b.count.toLocaleString('en-US')}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <p class="chart-note">
                {d.histogram.sample.toLocaleString('en-US')} postings with pay.
                {d.histogram.exact ? '' : ' Counts above 1,000 postings are read from the published percentiles and may differ by one or two.'}
              </p>
            </>
          ) : (
            <p class="suppressed">Fewer than {d.minSample} postings with pay: the distribution is not published.</p>
          )}
        </section>
      </div>

      <h2>Download the data</h2>
      <p>CSV files with the same choices (postings of the last 12 months, open or closed):</p>
      <ul>
        <li>
          <a href={d.csv.bySetting} download>
            Pay by setting (CSV)
          </a>
        </li>
        <li>
          <a href={d.csv.byState} download>
            Pay by state (CSV)
          </a>
        </li>
        <li>
          <a href={d.csv.byMonth} download>
            Pay by {p.interval} (CSV)
          </a>
        </li>
        <li>
          <a href={d.csv.postings} download>
            The postings (CSV)
          </a>
        </li>
      </ul>
      <p class="secondary">
        How the figures are made: a posting's pay point is the middle of its range (or its single figure), converted to an hour (2,080 hours a year). Percentiles are
        inclusive (as Excel's PERCENTILE.INC). Groups with fewer than {d.minSample} postings with pay show counts only.
      </p>
    </>
  );
}
