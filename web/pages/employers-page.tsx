import type { VNode } from 'preact';
import { EMPLOYMENT_TYPES, HOURS_PER_PERIOD, HOURS_PER_YEAR, PAY_PERIODS, PLAUSIBLE_ANNUAL, PLAUSIBLE_HOURLY, SETTING_INFO, US_STATES } from '../../schema/index.ts';
import type { PayPeriod, PostingFilter, StoredPosting } from '../../schema/index.ts';
import type { MarketPosition } from '../../store/stats/stats-port.ts';
import { ErrorSummary, errorFor, Field } from '../components/form-parts.tsx';
import type { FieldError } from '../components/form-parts.tsx';
import { placeText } from '../components/job-card.tsx';
import { longDate } from '../format/dates.ts';
import { employmentLabel, PERIOD_WORDS, settingLabel, stateLabel } from '../format/labels.ts';
import { money, ordinal, payAsStated } from '../format/pay-format.ts';
import { CSRF_FIELD } from '../security/csrf.ts';
import type { JobInput } from '../web-deps.ts';

/**
 * `/employers`: register, post a job, see and close your jobs. Every form works without
 * JavaScript; the employers script adds the live market position, the copy button, and moves
 * the API key out of the form body into an `Authorization` header.
 */

/** The pay periods in the order employers most often state them; their words are the site's one set. */
export const PERIOD_CHOICES: { value: PayPeriod; label: string }[] = (['hour', 'year', 'month', 'biweek', 'week', 'day'] as const).map((value) => ({
  value,
  label: PERIOD_WORDS[value],
}));

export type FormValues = Record<string, string | string[] | undefined>;

export interface EmployersView {
  csrf: string;
  /** Fewest postings with pay a comparison needs (STATS_MIN_SAMPLE). */
  minSample: number;
  register?: { values: FormValues; errors: FieldError[] };
  post?: { values: FormValues; errors: FieldError[] };
  list?: { errors: FieldError[] };
  /** The employer's jobs, after a key was given. */
  jobs?: { employerName: string; postings: StoredPosting[] } | undefined;
  /** A job just posted, with where its pay sits. */
  posted?: { posting: StoredPosting; market: MarketPosition | null; scope: string } | undefined;
  notice?: string | undefined;
}

const str = (v: FormValues, k: string): string => {
  const x = v[k];
  return typeof x === 'string' ? x : Array.isArray(x) ? (x[0] ?? '') : '';
};
const list = (v: FormValues, k: string): string[] => {
  const x = v[k];
  return typeof x === 'string' ? [x] : Array.isArray(x) ? x : [];
};

/** Field ids of the post form, by the API's input path. */
const POST_FIELDS: Record<string, { id: string; label: string }> = {
  title: { id: 'e-title', label: 'Job title' },
  description: { id: 'e-description', label: 'Description' },
  location: { id: 'e-location', label: 'Location' },
  'pay.min': { id: 'e-payMin', label: 'Lowest pay' },
  'pay.max': { id: 'e-payMax', label: 'Highest pay' },
  'pay.period': { id: 'e-payPeriod', label: 'Pay period' },
  pay: { id: 'e-payMin', label: 'Pay' },
  employmentType: { id: 'e-employmentType', label: 'Type of employment' },
  applyUrl: { id: 'e-applyUrl', label: 'Apply link' },
  settings: { id: 'e-settings', label: 'Settings' },
  validThrough: { id: 'e-validThrough', label: 'Closing date' },
};
const REGISTER_FIELDS: Record<string, { id: string; label: string }> = {
  name: { id: 'r-name', label: 'Organisation name' },
  email: { id: 'r-email', label: 'Email address' },
  website: { id: 'r-website', label: 'Website' },
};

/**
 * The API's validation lines (`input.pay.min: must be more than 0`) as field errors: each goes
 * next to its field and, with the field's name, into the summary.
 */
export function issuesToErrors(issues: readonly string[], fields: Record<string, { id: string; label: string }>, fallback: string): FieldError[] {
  return issues.map((line) => {
    const m = /^input(?:\.([A-Za-z.]+?))?(?:\.\d+)?: (.*)$/s.exec(line);
    const path = m?.[1] ?? '';
    const message = m?.[2] ?? line;
    const key = Object.keys(fields).find((k) => path === k) ?? Object.keys(fields).find((k) => path.startsWith(`${k}.`) || path.startsWith(k));
    const f = key ? fields[key] : undefined;
    return { field: f?.id ?? fallback, message: f ? `${f.label}: ${message}` : message.charAt(0).toUpperCase() + message.slice(1) };
  });
}

export const postIssuesToErrors = (issues: readonly string[]) => issuesToErrors(issues, POST_FIELDS, 'e-title');
export const registerIssuesToErrors = (issues: readonly string[]) => issuesToErrors(issues, REGISTER_FIELDS, 'r-name');

const NUMBER = /^\d{1,9}(\.\d{1,2})?$/;

/** The post form as the API's `JobInput`, or the problems that stop it being one (numbers, mostly). */
export function jobInputFromForm(v: FormValues): { input: JobInput | null; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const num = (k: 'payMin' | 'payMax', label: string): number => {
    const raw = str(v, k).replace(/[$,\s]/g, '');
    if (!raw) {
      errors.push({ field: `e-${k}`, message: `${label}: enter an amount in dollars, like 22.50 or 48000` });
      return Number.NaN;
    }
    if (!NUMBER.test(raw)) {
      errors.push({ field: `e-${k}`, message: `${label}: must be a number, like 22.50 or 48000` });
      return Number.NaN;
    }
    return Number(raw);
  };
  const min = num('payMin', 'Lowest pay');
  const max = num('payMax', 'Highest pay');
  if (errors.length) return { input: null, errors };
  const validThrough = str(v, 'validThrough').trim();
  return {
    input: {
      title: str(v, 'title'),
      description: str(v, 'description'),
      location: str(v, 'location'),
      pay: { min, max, period: str(v, 'payPeriod') || 'hour', currency: 'USD' },
      employmentType: str(v, 'employmentType'),
      applyUrl: str(v, 'applyUrl').trim(),
      settings: list(v, 'settings'),
      validThrough: validThrough || null,
    },
    errors,
  };
}

/** The state of a location written "City, ST" (or "Remote, ST"), for the comparable postings. */
export function stateOfLocation(location: string): string | null {
  const m = /\b([A-Z]{2})\b(?:\s+\d{5})?\s*(?:\(.*\))?\s*$/.exec(location.trim());
  return m?.[1] && m[1] in US_STATES ? m[1] : null;
}

export interface MarketQuery {
  hourly: number;
  filter: PostingFilter;
  scope: string;
}

/**
 * Reads an offer (`payMin`, `payMax`, `payPeriod`, `setting` (repeatable), `state` or `location`)
 * for the live market position, with the API's plausibility rule for pay figures.
 */
export function parseMarketQuery(q: URLSearchParams): { query: MarketQuery | null; problem: string | null } {
  const figure = (k: string) => (q.get(k) ?? '').replace(/[$,\s]/g, '');
  const rawMin = figure('payMin');
  const rawMax = figure('payMax') || rawMin;
  const period = (q.get('payPeriod') ?? 'hour') as PayPeriod;
  if (!(PAY_PERIODS as readonly string[]).includes(period)) return { query: null, problem: 'choose a pay period' };
  if (!NUMBER.test(rawMin) || !NUMBER.test(rawMax)) return { query: null, problem: 'enter the pay to see where it sits' };
  const min = Number(rawMin);
  const max = Number(rawMax);
  if (min <= 0 || max < min) return { query: null, problem: 'the highest pay must be at least the lowest' };
  const hours = HOURS_PER_PERIOD[period];
  const hourly = (min + max) / 2 / hours;
  const hourlyScale = period === 'hour' || period === 'day' || period === 'week';
  const plausible = hourlyScale ? hourly >= PLAUSIBLE_HOURLY.min && hourly <= PLAUSIBLE_HOURLY.max : hourly * HOURS_PER_YEAR >= PLAUSIBLE_ANNUAL.min && hourly * HOURS_PER_YEAR <= PLAUSIBLE_ANNUAL.max;
  if (!plausible) return { query: null, problem: 'check the figures and the period: that pay is outside what peer jobs pay' };
  const settings = q.getAll('setting').filter((s) => SETTING_INFO.some((x) => x.key === s));
  const state = (q.get('state') ?? '').toUpperCase() || stateOfLocation(q.get('location') ?? '');
  const filter: PostingFilter = {};
  const parts: string[] = [];
  if (settings.length) {
    filter.settings = settings as PostingFilter['settings'];
    parts.push(settings.map(settingLabel).join(' or '));
  }
  if (state && state in US_STATES) {
    filter.states = [state];
    parts.push(`in ${stateLabel(state)}`);
  }
  return { query: { hourly, filter, scope: parts.length ? parts.join(' ') : 'all settings and states' }, problem: null };
}

/** The sentence the live region and the results page say. */
export function marketSentence(m: MarketPosition, scope: string, minSample: number): string {
  if (m.percentile === null) return `Too few comparable postings to compare: ${m.sampleSize} open jobs with pay in ${scope}; we compare with ${minSample} or more.`;
  return `Your offer of ${money(m.offerHourly)} an hour sits at the ${ordinal(m.percentile)} percentile of ${m.sampleSize.toLocaleString('en-US')} comparable postings (open jobs in ${scope}).${m.hourlyMedian !== null ? ` Their median is ${money(m.hourlyMedian)} an hour.` : ''}`;
}

function ApiKeyField(props: { id: string; error?: string | undefined }): VNode {
  return (
    <Field id={props.id} label="Your API key" hint="The key you were given when you registered. It is sent only with this form and never shown again." error={props.error}>
      {(describedBy, invalid) => (
        <input type="password" id={props.id} name="apiKey" autocomplete="current-password" spellcheck={false} required aria-describedby={describedBy} aria-invalid={invalid ? 'true' : undefined} data-api-key="" />
      )}
    </Field>
  );
}

function Csrf(props: { token: string }): VNode {
  return <input type="hidden" name={CSRF_FIELD} value={props.token} />;
}

function RegisterForm(props: { view: EmployersView }): VNode {
  const r = props.view.register ?? { values: {}, errors: [] };
  const e = (id: string) => errorFor(r.errors, id);
  return (
    <section aria-labelledby="register-title">
      <h2 id="register-title">Register your organisation</h2>
      <p>You get an API key: it lets you post and close jobs, here or through the API.</p>
      <ErrorSummary errors={r.errors} />
      <form action="/employers/register" method="post" novalidate>
        <Csrf token={props.view.csrf} />
        <Field id="r-name" label="Organisation name" error={e('r-name')}>
          {(d, inv) => <input type="text" id="r-name" name="name" value={str(r.values, 'name')} autocomplete="organization" aria-describedby={d} aria-invalid={inv ? 'true' : undefined} />}
        </Field>
        <Field id="r-email" label="Email address" hint="Where we can reach you about your jobs." error={e('r-email')}>
          {(d, inv) => <input type="email" id="r-email" name="email" value={str(r.values, 'email')} autocomplete="email" spellcheck={false} aria-describedby={d} aria-invalid={inv ? 'true' : undefined} />}
        </Field>
        <Field id="r-website" label="Website (optional)" hint="Starting https://" error={e('r-website')}>
          {(d, inv) => <input type="url" id="r-website" name="website" value={str(r.values, 'website')} autocomplete="url" spellcheck={false} aria-describedby={d} aria-invalid={inv ? 'true' : undefined} />}
        </Field>
        <button type="submit">Register and get an API key</button>
      </form>
    </section>
  );
}

function PostForm(props: { view: EmployersView }): VNode {
  const f = props.view.post ?? { values: { payPeriod: 'hour', employmentType: 'full_time' }, errors: [] };
  const e = (id: string) => errorFor(f.errors, id);
  const v = f.values;
  const chosen = list(v, 'settings');
  return (
    <section aria-labelledby="post-title">
      <h2 id="post-title">Post a job</h2>
      <p>Jobs on Peerboard state their pay. Your job is checked as the API checks it, and is searchable as soon as it is accepted.</p>
      <ErrorSummary errors={f.errors} />
      <form action="/employers/jobs" method="post" novalidate data-auth-form="" data-market-form="">
        <Csrf token={props.view.csrf} />
        <ApiKeyField id="e-apiKey" error={e('e-apiKey')} />
        <Field id="e-title" label="Job title" hint="For example, Peer Recovery Specialist – Emergency Department" error={e('e-title')}>
          {(d, inv) => <input type="text" id="e-title" name="title" value={str(v, 'title')} maxLength={200} aria-describedby={d} aria-invalid={inv ? 'true' : undefined} />}
        </Field>
        <Field id="e-location" label="Location" hint="City and two-letter state, like Columbus, OH. Add (remote) or (hybrid) if so." error={e('e-location')}>
          {(d, inv) => <input type="text" id="e-location" name="location" value={str(v, 'location')} maxLength={200} aria-describedby={d} aria-invalid={inv ? 'true' : undefined} data-market-input="" />}
        </Field>
        <fieldset id="e-pay" aria-describedby="e-pay-hint">
          <legend>Pay</legend>
          <span class="hint" id="e-pay-hint">
            The range you will pay. For one figure, enter it twice.
          </span>
          <Field id="e-payMin" label="Lowest pay in dollars" error={e('e-payMin')}>
            {(d, inv) => <input type="text" inputMode="decimal" class="input-short" id="e-payMin" name="payMin" value={str(v, 'payMin')} aria-describedby={d} aria-invalid={inv ? 'true' : undefined} data-market-input="" />}
          </Field>
          <Field id="e-payMax" label="Highest pay in dollars" error={e('e-payMax')}>
            {(d, inv) => <input type="text" inputMode="decimal" class="input-short" id="e-payMax" name="payMax" value={str(v, 'payMax')} aria-describedby={d} aria-invalid={inv ? 'true' : undefined} data-market-input="" />}
          </Field>
          <Field id="e-payPeriod" label="Per" error={e('e-payPeriod')}>
            {(d) => (
              <select id="e-payPeriod" name="payPeriod" class="input-short" aria-describedby={d} data-market-input="">
                {PERIOD_CHOICES.map((p) => (
                  <option value={p.value} selected={str(v, 'payPeriod') === p.value}>
                    {p.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </fieldset>
        <fieldset id="e-settings" aria-describedby={e('e-settings') ? 'e-settings-hint e-settings-error' : 'e-settings-hint'}>
          <legend>Settings</legend>
          <span class="hint" id="e-settings-hint">
            Where the work happens. Tick all that apply; leave them all empty and we read the settings from your description.
          </span>
          {e('e-settings') ? (
            <span class="error-message" id="e-settings-error">
              {e('e-settings')}
            </span>
          ) : null}
          <ul class="checkboxes">
            {SETTING_INFO.map((s) => (
              <li>
                <input type="checkbox" id={`e-settings-${s.key}`} name="settings" value={s.key} checked={chosen.includes(s.key)} data-market-input="" />
                <label for={`e-settings-${s.key}`}>{s.label}</label>
              </li>
            ))}
          </ul>
        </fieldset>
        <div class="panel market-live" aria-live="polite" data-market-output="" hidden>
          Enter the pay, settings and location to see where your offer sits among comparable postings.
        </div>
        <Field id="e-employmentType" label="Type of employment" error={e('e-employmentType')}>
          {(d) => (
            <select id="e-employmentType" name="employmentType" aria-describedby={d}>
              {EMPLOYMENT_TYPES.map((t) => (
                <option value={t} selected={str(v, 'employmentType') === t}>
                  {employmentLabel(t)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="e-description" label="Description" hint="What the job is, who it serves, what it needs: certification, lived experience. At least 20 characters." error={e('e-description')}>
          {(d, inv) => (
            <textarea id="e-description" name="description" rows={8} aria-describedby={d} aria-invalid={inv ? 'true' : undefined}>
              {str(v, 'description')}
            </textarea>
          )}
        </Field>
        <Field id="e-applyUrl" label="Apply link" hint="The page on your own website where people apply, starting https://" error={e('e-applyUrl')}>
          {(d, inv) => <input type="url" id="e-applyUrl" name="applyUrl" value={str(v, 'applyUrl')} spellcheck={false} aria-describedby={d} aria-invalid={inv ? 'true' : undefined} />}
        </Field>
        <Field id="e-validThrough" label="Closing date (optional)" hint="The last day you take applications." error={e('e-validThrough')}>
          {(d, inv) => <input type="date" id="e-validThrough" name="validThrough" class="input-short" value={str(v, 'validThrough')} aria-describedby={d} aria-invalid={inv ? 'true' : undefined} />}
        </Field>
        <button type="submit">Post the job</button>
      </form>
    </section>
  );
}

function MyJobs(props: { view: EmployersView }): VNode {
  const { view } = props;
  const errors = view.list?.errors ?? [];
  return (
    <section aria-labelledby="my-jobs-title">
      <h2 id="my-jobs-title">Your jobs</h2>
      {view.jobs ? (
        <>
          <p>
            Jobs posted by <strong>{view.jobs.employerName}</strong>:
          </p>
          {view.jobs.postings.length ? (
            <div class="table-wrap">
              <table>
                <caption class="visually-hidden">Your jobs</caption>
                <thead>
                  <tr>
                    <th scope="col">Job</th>
                    <th scope="col">Pay</th>
                    <th scope="col">Status</th>
                    <th scope="col">Action</th>
                  </tr>
                </thead>
                <tbody>
                  {view.jobs.postings.map((p) => (
                    <tr>
                      <td>
                        <a href={`/jobs/${encodeURIComponent(p.id)}`}>{p.title}</a>
                        <br />
                        <span class="secondary">{placeText(p)}</span>
                      </td>
                      <td>{payAsStated(p.pay) ?? 'Not stated'}</td>
                      <td>{p.status === 'active' ? 'Open' : p.status === 'closed' ? `Closed ${longDate(p.endedAt) ?? ''}` : 'Expired'}</td>
                      <td>
                        {p.status === 'active' ? (
                          <form action={`/employers/jobs/${encodeURIComponent(p.id)}/close`} method="post" data-auth-form="">
                            <Csrf token={view.csrf} />
                            <ApiKeyField id={`k-${p.id}`} />
                            <button type="submit" class="button-warning">
                              Close <span class="visually-hidden">{p.title}</span>
                            </button>
                          </form>
                        ) : (
                          '–'
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p>You have not posted any jobs yet.</p>
          )}
        </>
      ) : (
        <>
          <p>See the jobs you posted and close the ones that are filled.</p>
          <ErrorSummary errors={errors} />
          <form action="/employers/my-jobs" method="post" data-auth-form="">
            <Csrf token={view.csrf} />
            <ApiKeyField id="m-apiKey" error={errorFor(errors, 'm-apiKey')} />
            <button type="submit" class="button-secondary">
              Show my jobs
            </button>
          </form>
        </>
      )}
    </section>
  );
}

export function EmployersPage(props: { view: EmployersView }): VNode {
  const { view } = props;
  return (
    <>
      <h1>Post peer support jobs</h1>
      <p class="lead">Reach people trained and certified in peer support, and see how your pay compares with the market.</p>
      <p>
        New here? <a href="#register-title">Register your organisation</a> first to get an API key.
      </p>
      {view.notice ? (
        <div class="success-panel" role="status">
          <p>{view.notice}</p>
        </div>
      ) : null}
      {view.posted ? (
        <div class="success-panel" role="status" aria-labelledby="posted-title">
          <h2 id="posted-title">Your job is posted</h2>
          <p>
            <a href={`/jobs/${encodeURIComponent(view.posted.posting.id)}`}>{view.posted.posting.title}</a> is open and searchable now.
          </p>
          <p>
            {view.posted.market
              ? marketSentence(view.posted.market, view.posted.scope, view.minSample)
              : 'Its pay could not be compared.'}
          </p>
          <p class="secondary">Settings: {view.posted.posting.settings.map(settingLabel).join(', ') || 'none recognised'}</p>
        </div>
      ) : null}
      <div class="two-columns">
        <div>
          <PostForm view={view} />
        </div>
        <div>
          <MyJobs view={view} />
          <RegisterForm view={view} />
          <h2>Using the API</h2>
          <p>
            The same actions are in the <a href="/graphql">GraphQL API</a>: send the key as <code>Authorization: Bearer &lt;key&gt;</code>.
          </p>
        </div>
      </div>
    </>
  );
}

export function ApiKeyPage(props: { name: string; apiKey: string }): VNode {
  return (
    <>
      <h1>Your API key</h1>
      <div class="success-panel" role="status">
        <p>
          <strong>{props.name}</strong> is registered.
        </p>
      </div>
      <p class="warning-text">Copy this key now and keep it somewhere safe, such as a password manager. We show it only once and cannot show it again: we keep only a fingerprint of it.</p>
      <p>
        <label for="api-key">API key</label>
      </p>
      <input type="text" readOnly id="api-key" class="key-box" value={props.apiKey} spellcheck={false} autocomplete="off" data-key-value="" />
      <p>
        <button type="button" class="button-secondary" data-copy-key="" hidden>
          Copy the key
        </button>
        <span role="status" aria-live="polite" data-copy-status=""></span>
      </p>
      <p>Anyone with the key can post and close jobs as you. If it leaks, register again and stop using the old one.</p>
      <p>
        <a class="button" href="/employers">
          Post a job
        </a>
      </p>
    </>
  );
}
