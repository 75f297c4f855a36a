import type { VNode } from 'preact';
import { EMPLOYMENT_TYPES, SETTINGS, US_STATES, WORKPLACES } from '../../schema/index.ts';
import { ErrorSummary, errorFor } from '../components/form-parts.tsx';
import type { FieldError } from '../components/form-parts.tsx';
import { JobCard } from '../components/job-card.tsx';
import { employmentLabel, settingLabel, stateLabel, workplaceLabel } from '../format/labels.ts';
import { runJobSearch } from '../search/job-search.ts';
import type { JobSearchOutcome } from '../search/job-search.ts';
import { EMPTY_PARAMS, jobSearchQueryString, PAGE_SIZE, parseJobSearchParams, POSTED_CHOICES } from '../search/job-search-params.ts';
import type { JobSearchParams } from '../search/job-search-params.ts';
import type { WebDeps } from '../web-deps.ts';

export interface JobsData {
  params: JobSearchParams;
  outcome: JobSearchOutcome;
  errors: FieldError[];
  now: Date;
}

/** `/jobs?...`: reads the URL, runs the search with its counts. Bad parameters become field errors. */
export async function loadJobs(deps: WebDeps, search: URLSearchParams): Promise<JobsData> {
  const { params, problems } = parseJobSearchParams(search);
  const outcome = await runJobSearch(deps, params);
  const errors = [...problems, ...outcome.problems].map((p) => ({ field: `f-${p.field}`, message: p.message }));
  return { params, outcome, errors, now: deps.now() };
}

const fieldErr = (errors: FieldError[], name: string) => errorFor(errors, `f-${name}`);

function Checkboxes(props: {
  legend: string;
  name: string;
  options: readonly string[];
  selected: readonly string[];
  label: (v: string) => string;
  counts: Map<string, number>;
  error?: string | undefined;
  /** Only options with jobs are listed (states), plus the ones already ticked. */
  onlyWithJobs?: boolean;
}): VNode | null {
  const shown = props.options.filter((o) => !props.onlyWithJobs || (props.counts.get(o) ?? 0) > 0 || props.selected.includes(o));
  if (!shown.length) return null;
  return (
    <fieldset id={`f-${props.name}`} class={props.error ? 'field-error' : undefined} aria-describedby={props.error ? `f-${props.name}-error` : undefined}>
      <legend>{props.legend}</legend>
      {props.error ? (
        <span class="error-message" id={`f-${props.name}-error`}>
          <span class="visually-hidden">Error: </span>
          {props.error}
        </span>
      ) : null}
      <ul class="checkboxes">
        {shown.map((o) => {
          const id = `f-${props.name}-${o}`;
          const n = props.counts.get(o) ?? 0;
          return (
            <li>
              <input type="checkbox" id={id} name={props.name} value={o} checked={props.selected.includes(o)} />
              <label for={id}>
                {props.label(o)} <span class="count">({n.toLocaleString('en-US')})</span>
              </label>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}

function Filters(props: { data: JobsData }): VNode {
  const { params: p, outcome: o, errors } = props.data;
  const states = Object.keys(US_STATES).sort((a, b) => stateLabel(a).localeCompare(stateLabel(b)));
  return (
    <form action="/jobs" method="get" aria-labelledby="filters-title">
      <h2 id="filters-title">Filter jobs</h2>
      <div class={`field${fieldErr(errors, 'q') ? ' field-error' : ''}`}>
        <label for="f-q">What</label>
        <span class="hint" id="f-q-hint">
          Words in the title or description
        </span>
        {fieldErr(errors, 'q') ? (
          <span class="error-message" id="f-q-error">
            {fieldErr(errors, 'q')}
          </span>
        ) : null}
        <input type="search" id="f-q" name="q" value={p.q} maxLength={200} aria-describedby={fieldErr(errors, 'q') ? 'f-q-hint f-q-error' : 'f-q-hint'} />
      </div>
      <div class={`field${fieldErr(errors, 'near') ? ' field-error' : ''}`}>
        <label for="f-near">Near</label>
        <span class="hint" id="f-near-hint">
          City and state, like Columbus, OH
        </span>
        {fieldErr(errors, 'near') ? (
          <span class="error-message" id="f-near-error">
            {fieldErr(errors, 'near')}
          </span>
        ) : null}
        <input type="text" id="f-near" name="near" value={p.near} maxLength={100} aria-describedby={fieldErr(errors, 'near') ? 'f-near-hint f-near-error' : 'f-near-hint'} />
      </div>
      <div class={`field${fieldErr(errors, 'radius') ? ' field-error' : ''}`}>
        <label for="f-radius">Within (miles)</label>
        {fieldErr(errors, 'radius') ? (
          <span class="error-message" id="f-radius-error">
            {fieldErr(errors, 'radius')}
          </span>
        ) : null}
        <select id="f-radius" name="radius">
          {[10, 25, 50, 100, 250].map((r) => (
            <option value={String(r)} selected={(p.radius ?? 25) === r}>
              {r} miles
            </option>
          ))}
        </select>
      </div>
      <Checkboxes legend="Setting" name="setting" options={SETTINGS} selected={p.settings} label={settingLabel} counts={o.facets.settings} error={fieldErr(errors, 'setting')} />
      <div class={`field${fieldErr(errors, 'state') ? ' field-error' : ''}`}>
        <label for="f-state">State</label>
        {fieldErr(errors, 'state') ? (
          <span class="error-message" id="f-state-error">
            {fieldErr(errors, 'state')}
          </span>
        ) : null}
        <select id="f-state" name="state">
          <option value="">Any state ({(o.facets.states.size ? [...o.facets.states.values()].reduce((a, b) => a + b, 0) : 0).toLocaleString('en-US')})</option>
          {states
            .filter((s) => (o.facets.states.get(s) ?? 0) > 0 || p.states.includes(s))
            .map((s) => (
              <option value={s} selected={p.states.includes(s)}>
                {stateLabel(s)} ({(o.facets.states.get(s) ?? 0).toLocaleString('en-US')})
              </option>
            ))}
        </select>
      </div>
      <fieldset id="f-payMin" class={fieldErr(errors, 'payMin') ? 'field-error' : undefined}>
        <legend>Lowest pay</legend>
        {fieldErr(errors, 'payMin') ? (
          <span class="error-message" id="f-payMin-error">
            {fieldErr(errors, 'payMin')}
          </span>
        ) : null}
        <div class="field">
          <label for="f-payMin-amount">Amount in dollars</label>
          <input type="text" inputMode="decimal" id="f-payMin-amount" name="payMin" class="input-short" value={p.payMin === null ? '' : String(p.payMin)} />
        </div>
        <div class="field">
          <label for="f-payPeriod">Per</label>
          <select id="f-payPeriod" name="payPeriod" class="input-short">
            <option value="hour" selected={p.payPeriod === 'hour'}>
              hour
            </option>
            <option value="year" selected={p.payPeriod === 'year'}>
              year
            </option>
          </select>
        </div>
      </fieldset>
      <Checkboxes legend="Type of employment" name="type" options={EMPLOYMENT_TYPES} selected={p.types} label={employmentLabel} counts={o.facets.employmentTypes} error={fieldErr(errors, 'type')} />
      <Checkboxes legend="Workplace" name="workplace" options={WORKPLACES} selected={p.workplaces} label={workplaceLabel} counts={o.facets.workplaces} error={fieldErr(errors, 'workplace')} />
      <div class={`field${fieldErr(errors, 'posted') ? ' field-error' : ''}`}>
        <label for="f-posted">Posted within</label>
        <select id="f-posted" name="posted">
          <option value="">Any time</option>
          {POSTED_CHOICES.map((d) => (
            <option value={String(d)} selected={p.posted === d}>
              {d === 1 ? 'the last day' : `the last ${d} days`} ({(o.flagCounts.posted.get(d) ?? 0).toLocaleString('en-US')})
            </option>
          ))}
          {p.posted !== null && !(POSTED_CHOICES as readonly number[]).includes(p.posted) ? (
            <option value={String(p.posted)} selected>
              the last {p.posted} days
            </option>
          ) : null}
        </select>
      </div>
      <fieldset>
        <legend>Requirements</legend>
        <ul class="checkboxes">
          <li>
            <input type="checkbox" id="f-cert" name="cert" value="required" checked={p.cert} />
            <label for="f-cert">
              Certification required <span class="count">({o.flagCounts.cert.toLocaleString('en-US')})</span>
            </label>
          </li>
          <li>
            <input type="checkbox" id="f-lived" name="lived" value="required" checked={p.lived} />
            <label for="f-lived">
              Lived experience required <span class="count">({o.flagCounts.lived.toLocaleString('en-US')})</span>
            </label>
          </li>
        </ul>
      </fieldset>
      <div class={`field${fieldErr(errors, 'sort') ? ' field-error' : ''}`}>
        <label for="f-sort">Sort by</label>
        {fieldErr(errors, 'sort') ? (
          <span class="error-message" id="f-sort-error">
            {fieldErr(errors, 'sort')}
          </span>
        ) : null}
        <select id="f-sort" name="sort">
          {(
            [
              ['relevance', 'Best match'],
              ['newest', 'Newest'],
              ['pay_high', 'Highest pay'],
              ['pay_low', 'Lowest pay'],
              ['distance', 'Distance (needs a place)'],
            ] as const
          ).map(([v, label]) => (
            <option value={v} selected={p.sort === v}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <button type="submit">Apply filters</button>
      <a class="button button-secondary" href="/jobs">
        Clear filters
      </a>
    </form>
  );
}

/** What to widen when nothing matched: each filter in use, with a link to the search without it. */
function EmptyState(props: { p: JobSearchParams }): VNode {
  const p = props.p;
  const widen: { text: string; href: string }[] = [];
  const link = (o: Partial<JobSearchParams>) => `/jobs${jobSearchQueryString(p, { ...o, page: 1 })}`;
  if (p.q) widen.push({ text: `search without the words "${p.q}"`, href: link({ q: '' }) });
  if (p.near) widen.push({ text: p.radius !== null && p.radius < 100 ? 'look further away (100 miles)' : `remove the place "${p.near}"`, href: p.radius !== null && p.radius < 100 ? link({ radius: 100 }) : link({ near: '', radius: null, sort: p.sort === 'distance' ? 'relevance' : p.sort }) });
  if (p.settings.length) widen.push({ text: 'include every setting', href: link({ settings: [] }) });
  if (p.states.length) widen.push({ text: 'include every state', href: link({ states: [] }) });
  if (p.payMin !== null) widen.push({ text: 'remove the lowest pay', href: link({ payMin: null }) });
  if (p.types.length) widen.push({ text: 'include every type of employment', href: link({ types: [] }) });
  if (p.workplaces.length) widen.push({ text: 'include every workplace', href: link({ workplaces: [] }) });
  if (p.posted !== null) widen.push({ text: 'include older postings', href: link({ posted: null }) });
  if (p.cert) widen.push({ text: 'include jobs without a certification requirement', href: link({ cert: false }) });
  if (p.lived) widen.push({ text: 'include jobs that do not require lived experience', href: link({ lived: false }) });
  return (
    <div class="empty-state">
      <h3>No jobs match this search</h3>
      {widen.length ? (
        <>
          <p>You could:</p>
          <ul>
            {widen.map((w) => (
              <li>
                <a href={w.href}>{w.text}</a>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>No jobs are listed at the moment. Try again later.</p>
      )}
    </div>
  );
}

export function jobsTitle(p: JobSearchParams): string {
  const bits: string[] = [];
  if (p.q) bits.push(`"${p.q}"`);
  if (p.settings.length) bits.push(p.settings.map(settingLabel).join(' or '));
  if (p.near) bits.push(`near ${p.near}`);
  else if (p.states.length) bits.push(`in ${p.states.map(stateLabel).join(' or ')}`);
  return bits.length ? `Peer support jobs: ${bits.join(', ')}` : 'Peer support jobs';
}

export function JobsPage(props: { data: JobsData }): VNode {
  const { params: p, outcome: o, errors, now } = props.data;
  const pages = Math.max(1, Math.ceil(o.total / PAGE_SIZE));
  const qs = (over: Partial<JobSearchParams>) => jobSearchQueryString(p, over);
  const from = (p.page - 1) * PAGE_SIZE + 1;
  const to = Math.min(o.total, p.page * PAGE_SIZE);
  return (
    <>
      <h1>{jobsTitle(p)}</h1>
      <ErrorSummary errors={errors} />
      <div class="search-layout">
        <section class="results" aria-labelledby="results-count">
          <div class="results-head">
            <h2 id="results-count" aria-live="polite">
              {o.total.toLocaleString('en-US')} {o.total === 1 ? 'job' : 'jobs'}
            </h2>
            <p>
              <a href={`/jobs.atom${qs({ page: 1, sort: 'relevance' })}`}>Get new jobs for this search as a feed (Atom)</a>
              <span class="filters-link">
                {' · '}
                <a href="#filters">Change the filters</a>
              </span>
            </p>
          </div>
          {o.total > 0 && o.hits.length ? (
            <>
              <p class="secondary">
                Showing {from.toLocaleString('en-US')} to {to.toLocaleString('en-US')}
              </p>
              <ul class="job-list">
                {o.hits.map(({ posting, hit }) => (
                  <JobCard posting={posting} now={now} highlights={hit.highlights} distanceMiles={hit.distanceMiles} />
                ))}
              </ul>
            </>
          ) : o.total > 0 ? (
            <p>
              There is no page {p.page}. <a href={`/jobs${qs({ page: 1 })}`}>Go to the first page</a>
            </p>
          ) : (
            <EmptyState p={p} />
          )}
          {pages > 1 ? (
            <nav aria-label="Pages of results">
              <ul class="pagination">
                {p.page > 1 ? (
                  <li>
                    <a href={`/jobs${qs({ page: p.page - 1 })}`} rel="prev">
                      Previous page
                    </a>
                  </li>
                ) : null}
                <li>
                  Page {p.page} of {pages.toLocaleString('en-US')}
                </li>
                {p.page < pages ? (
                  <li>
                    <a href={`/jobs${qs({ page: p.page + 1 })}`} rel="next">
                      Next page
                    </a>
                  </li>
                ) : null}
              </ul>
            </nav>
          ) : null}
        </section>
        <div class="filters" id="filters">
          <Filters data={props.data} />
        </div>
      </div>
    </>
  );
}

export { EMPTY_PARAMS };
