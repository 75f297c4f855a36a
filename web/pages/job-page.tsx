import type { VNode } from 'preact';
import type { PostingFilter, StoredPosting } from '../../schema/index.ts';
import type { MarketPosition } from '../../store/stats/stats-port.ts';
import { JobCard, placeText } from '../components/job-card.tsx';
import { longDate, postedAgo } from '../format/dates.ts';
import { employmentLabel, roleLabel, settingLabel, stateLabel, workplaceLabel } from '../format/labels.ts';
import { hourlyPayPoint, money, ordinal, payAnnual, payAsStated, payHourly } from '../format/pay-format.ts';
import { cachedSearch } from '../search/job-search.ts';
import type { WebDeps } from '../web-deps.ts';

export interface JobData {
  posting: StoredPosting;
  open: boolean;
  now: Date;
  market: { position: MarketPosition; scope: string } | null;
  similar: StoredPosting[];
  applyLinks: { href: string; label: string }[];
  origin: string;
  minSample: number;
}

/** Ids the pages accept: the store's own ids (letters, digits, _ and -). */
export const JOB_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Hosts of applicant-tracking systems and job boards. A listing on one of these is a copy; the
 * employer's own careers page (any other host) is offered first.
 */
const BOARD_HOSTS = /(^|\.)(greenhouse\.io|lever\.co|ashbyhq\.com|myworkdayjobs\.com|myworkdaysite\.com|governmentjobs\.com|usajobs\.gov|smartrecruiters\.com|icims\.com|indeed\.com|ziprecruiter\.com|linkedin\.com|glassdoor\.com|paylocity\.com|paycomonline\.net|ultipro\.com|adp\.com|bamboohr\.com|jazzhr\.com|applytojob\.com|workable\.com|jobvite\.com)$/i;

function safeHttpUrl(raw: string | null): URL | null {
  if (!raw) return null;
  try {
    const u = new URL(raw);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u : null;
  } catch {
    return null;
  }
}

/** Where to apply: the employer's own pages first, then the job boards that list the job. */
export function applyLinks(p: StoredPosting): { href: string; label: string }[] {
  const urls = [p.url, ...p.sources.map((s) => s.url)];
  const seen = new Set<string>();
  const links: { href: string; label: string; own: boolean }[] = [];
  for (const raw of urls) {
    const u = safeHttpUrl(raw);
    if (!u || seen.has(u.href)) continue;
    seen.add(u.href);
    const own = !BOARD_HOSTS.test(u.hostname);
    const owner = p.employer ? `${p.employer}${/s$/i.test(p.employer) ? "'" : "'s"}` : "the employer's";
    links.push({ href: u.href, own, label: own ? `Apply on ${owner} website` : `Apply on ${u.hostname.replace(/^www\./, '')}` });
  }
  links.sort((a, b) => Number(b.own) - Number(a.own));
  return links.map(({ href, label }) => ({ href, label }));
}

export function isOpen(p: StoredPosting, now: Date): boolean {
  if (p.status !== 'active') return false;
  if (p.validThrough && Date.parse(p.validThrough) < now.getTime()) return false;
  return true;
}

/** Where the job's pay sits among active postings in the same setting(s) and state. */
export function comparableFilter(p: StoredPosting): { filter: PostingFilter; scope: string } {
  const filter: PostingFilter = {};
  const parts: string[] = [];
  if (p.settings.length) {
    filter.settings = p.settings;
    parts.push(p.settings.map(settingLabel).join(' or '));
  }
  if (p.location.state) {
    filter.states = [p.location.state];
    parts.push(`in ${stateLabel(p.location.state)}`);
  } else parts.push('across the country');
  return { filter, scope: parts.join(' ') };
}

export async function loadJob(deps: WebDeps, id: string, origin: string): Promise<JobData | null> {
  if (!JOB_ID.test(id)) return null;
  const posting = await deps.runtime.store.getPosting(id);
  if (!posting) return null;
  const now = deps.now();
  const point = hourlyPayPoint(posting.pay);
  let market: JobData['market'] = null;
  if (point !== null && point > 0) {
    const { filter, scope } = comparableFilter(posting);
    const compute = () => deps.runtime.stats.marketPosition(point, filter);
    const position = deps.cache ? deps.cache.get(`web:market:${point}:${JSON.stringify(filter)}`, compute) : compute();
    market = { position, scope };
  }
  // Similar: open jobs in the same settings, nearest state first, then anywhere.
  const similarFilter: PostingFilter = posting.settings.length ? { settings: posting.settings } : posting.roleFamily ? { roleFamilies: [posting.roleFamily] } : {};
  const ids: string[] = [];
  for (const f of posting.location.state ? [{ ...similarFilter, states: [posting.location.state] }, similarFilter] : [similarFilter]) {
    if (ids.length >= 5) break;
    const r = await cachedSearch(deps, { filter: f, sort: 'newest', page: { offset: 0, limit: 8 } });
    for (const h of r.hits) if (h.id !== posting.id && !ids.includes(h.id) && ids.length < 5) ids.push(h.id);
  }
  const similar = await deps.runtime.store.getPostings(ids);
  const order = new Map(ids.map((x, i) => [x, i]));
  similar.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
  return { posting, open: isOpen(posting, now), now, market, similar, applyLinks: applyLinks(posting), origin, minSample: deps.minSample };
}

const SCHEMA_EMPLOYMENT: Record<string, string> = { full_time: 'FULL_TIME', part_time: 'PART_TIME', per_diem: 'PER_DIEM', contract: 'CONTRACTOR', temporary: 'TEMPORARY' };
const SCHEMA_UNIT: Record<string, string> = { hour: 'HOUR', day: 'DAY', week: 'WEEK', biweek: 'WEEK', month: 'MONTH', year: 'YEAR' };

/** schema.org JobPosting for search engines (Google for Jobs reads exactly these fields). */
export function jobPostingJsonLd(d: JobData): Record<string, unknown> {
  const p = d.posting;
  const ld: Record<string, unknown> = {
    '@context': 'https://schema.org/',
    '@type': 'JobPosting',
    title: p.title,
    description: p.descriptionHtml || p.descriptionText || p.title,
    identifier: { '@type': 'PropertyValue', name: 'Peerboard', value: p.id },
    url: `${d.origin}/jobs/${p.id}`,
    datePosted: (p.datePosted ?? p.firstSeenAt).slice(0, 10),
  };
  const validThrough = d.open ? p.validThrough : (p.endedAt ?? p.validThrough);
  if (validThrough) ld.validThrough = validThrough;
  if (p.employer) ld.hiringOrganization = { '@type': 'Organization', name: p.employer };
  const address: Record<string, unknown> = { '@type': 'PostalAddress', addressCountry: 'US' };
  if (p.location.city) address.addressLocality = p.location.city;
  if (p.location.state) address.addressRegion = p.location.state;
  if (p.location.postalCode) address.postalCode = p.location.postalCode;
  ld.jobLocation = { '@type': 'Place', address };
  if (p.location.workplace === 'remote') {
    ld.jobLocationType = 'TELECOMMUTE';
    if (p.location.state) ld.applicantLocationRequirements = { '@type': 'State', name: stateLabel(p.location.state) };
  }
  if (p.pay && (p.pay.min !== null || p.pay.max !== null)) {
    const biweek = p.pay.period === 'biweek';
    const value: Record<string, unknown> = { '@type': 'QuantitativeValue', unitText: SCHEMA_UNIT[p.pay.period] };
    const scale = (v: number) => (biweek ? Math.round((v / 2) * 100) / 100 : v);
    if (p.pay.min !== null) value.minValue = scale(p.pay.min);
    if (p.pay.max !== null) value.maxValue = scale(p.pay.max);
    ld.baseSalary = { '@type': 'MonetaryAmount', currency: p.pay.currency || 'USD', value };
  }
  if (p.employmentType) ld.employmentType = SCHEMA_EMPLOYMENT[p.employmentType];
  return ld;
}

/**
 * JSON inside a <script> element: `<`, `>`, `&` and the two JavaScript line terminators are
 * written as escapes, so no scraped text can close the element (`</script>`) or open a comment.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function MarketPanel(props: { data: JobData }): VNode {
  const { market, posting, minSample } = props.data;
  if (!posting.pay) {
    return (
      <section class="panel" aria-labelledby="market-title">
        <h2 id="market-title">How this pay compares</h2>
        <p>This posting does not state its pay, so it cannot be compared.</p>
      </section>
    );
  }
  if (!market) return <></>;
  const m = market.position;
  return (
    <section class="panel" aria-labelledby="market-title">
      <h2 id="market-title">How this pay compares</h2>
      {m.percentile !== null ? (
        <>
          <p>
            At {money(m.offerHourly)} an hour (the middle of its range), this job pays at the <strong>{ordinal(m.percentile)} percentile</strong> of{' '}
            {m.sampleSize.toLocaleString('en-US')} comparable postings: open jobs in {market.scope}.
          </p>
          <p>
            {m.hourlyMedian !== null ? `Their median is ${money(m.hourlyMedian)} an hour` : null}
            {m.hourlyP90 !== null ? `; the top 10% pay ${money(m.hourlyP90)} or more.` : '.'}
          </p>
        </>
      ) : (
        <p>
          Too few comparable postings to compare: {m.sampleSize} open {m.sampleSize === 1 ? 'job' : 'jobs'} with pay in {market.scope}, and we compare only with {minSample}{' '}
          or more.
        </p>
      )}
    </section>
  );
}

export function JobPage(props: { data: JobData }): VNode {
  const d = props.data;
  const p = d.posting;
  const stated = payAsStated(p.pay);
  const certs = p.certifications;
  const place = placeText(p);
  const posted = postedAgo(p.datePosted ?? p.firstSeenAt, d.now);
  return (
    <>
      <p>
        <a href="/jobs">Back to all jobs</a>
      </p>
      <h1>{p.title}</h1>
      <p class="lead">
        {p.employer ? <strong>{p.employer}</strong> : null}
        {p.employer && place ? ' · ' : null}
        {place}
      </p>
      {!d.open ? (
        <div class="notice notice-closed" role="status">
          Applications are closed. This job is no longer taking applications
          {p.endedAt ? ` (since ${longDate(p.endedAt)})` : p.validThrough ? ` (the closing date was ${longDate(p.validThrough)})` : ''}. It stays here as a record of what
          it paid.
        </div>
      ) : null}
      <div class="job-layout">
        <div>
          <dl class="summary-list">
            <div>
              <dt>Pay</dt>
              <dd>
                {stated ? (
                  <>
                    {stated} <span class="secondary">(as stated{p.payInferred ? '; the period was not written and is read from the figures' : ''})</span>
                    {p.pay?.period !== 'hour' && payHourly(p.pay) ? (
                      <>
                        <br />
                        {payHourly(p.pay)}
                      </>
                    ) : null}
                    {p.pay?.period !== 'year' && payAnnual(p.pay) ? (
                      <>
                        <br />
                        {payAnnual(p.pay)}
                      </>
                    ) : null}
                  </>
                ) : (
                  'Not stated'
                )}
              </dd>
            </div>
            <div>
              <dt>Settings</dt>
              <dd>{p.settings.length ? p.settings.map(settingLabel).join(', ') : 'Not stated'}</dd>
            </div>
            {p.roleFamily ? (
              <div>
                <dt>Role</dt>
                <dd>{roleLabel(p.roleFamily)}</dd>
              </div>
            ) : null}
            <div>
              <dt>Type</dt>
              <dd>{p.employmentType ? employmentLabel(p.employmentType) : 'Not stated'}</dd>
            </div>
            <div>
              <dt>Workplace</dt>
              <dd>{p.location.workplace ? workplaceLabel(p.location.workplace) : 'Not stated'}</dd>
            </div>
            <div>
              <dt>Certification</dt>
              <dd>
                {certs.length
                  ? certs.map((c, i) => (
                      <>
                        {i > 0 ? <br /> : null}
                        {c.name}: {c.required ? 'required' : 'preferred'}
                        {c.withinMonths !== null ? ` (can be earned within ${c.withinMonths} months of starting)` : ''}
                      </>
                    ))
                  : 'None named'}
              </dd>
            </div>
            <div>
              <dt>Lived experience</dt>
              <dd>{p.livedExperienceRequired ? 'Required: the job asks for personal lived experience of recovery' : 'Not stated as required'}</dd>
            </div>
            <div>
              <dt>Posted</dt>
              <dd>
                {longDate(p.datePosted ?? p.firstSeenAt)}
                {posted ? ` (${posted})` : ''}
              </dd>
            </div>
            {p.validThrough ? (
              <div>
                <dt>Closing date</dt>
                <dd>{longDate(p.validThrough)}</dd>
              </div>
            ) : null}
          </dl>
          {d.open && d.applyLinks.length ? (
            <div>
              <h2>How to apply</h2>
              {d.applyLinks.map((l, i) => (
                <p>
                  <a class={i === 0 ? 'button' : undefined} href={l.href} rel="noopener nofollow external">
                    {l.label}
                  </a>
                </p>
              ))}
            </div>
          ) : null}
          <h2>About the job</h2>
          {/* descriptionHtml is the normaliser's allowlist-sanitised HTML (js-xss): safe to render. */}
          <div class="description" dangerouslySetInnerHTML={{ __html: p.descriptionHtml || '<p>No description was given.</p>' }} />
        </div>
        <aside aria-label="Pay comparison and similar jobs">
          <MarketPanel data={d} />
          <section aria-labelledby="similar-title">
            <h2 id="similar-title">Similar jobs</h2>
            {d.similar.length ? (
              <ul class="job-list">
                {d.similar.map((s) => (
                  <JobCard posting={s} now={d.now} />
                ))}
              </ul>
            ) : (
              <p>No similar open jobs at the moment.</p>
            )}
          </section>
        </aside>
      </div>
    </>
  );
}

export function NotFoundPage(props: { what: string }): VNode {
  return (
    <>
      <h1>Page not found</h1>
      <p>{props.what}</p>
      <p>
        <a href="/jobs">Search all jobs</a>
      </p>
    </>
  );
}
