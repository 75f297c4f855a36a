import { EMPLOYMENT_TYPES, SEARCH_SORTS, SETTINGS, US_STATES, WORKPLACES } from '../../schema/index.ts';
import type { EmploymentType, PostingFilter, SearchSort, Setting, Workplace } from '../../schema/index.ts';

/**
 * The `/jobs` URL is the interface: shareable and bookmarkable. This module reads it
 * (`?q=&setting=crisis_unit&setting=moud&state=OH&near=Columbus,+OH&radius=25&payMin=20&payPeriod=hour
 * &type=full_time&workplace=remote&posted=7&cert=required&lived=required&sort=newest&page=2`)
 * into what the search index takes, and writes it back (links to other pages, facet links, the
 * feed). Empty values are ignored (a form submits its empty fields); a value that cannot be
 * understood is a problem shown next to its field, never silently dropped.
 */

export const PAGE_SIZE = 20;
export const MAX_PAGE = 500;
export const MAX_TEXT = 200;
export const MAX_RADIUS = 500;
export const DEFAULT_RADIUS = 25;
export const POSTED_CHOICES = [1, 7, 30] as const;

export interface JobSearchParams {
  q: string;
  settings: Setting[];
  states: string[];
  near: string;
  radius: number | null;
  payMin: number | null;
  payPeriod: 'hour' | 'year';
  types: EmploymentType[];
  workplaces: Workplace[];
  posted: number | null;
  cert: boolean;
  lived: boolean;
  sort: SearchSort;
  page: number;
}

export interface ParamProblem {
  /** The form field (and URL parameter) the problem belongs to. */
  field: string;
  message: string;
}

export const EMPTY_PARAMS: JobSearchParams = {
  q: '',
  settings: [],
  states: [],
  near: '',
  radius: null,
  payMin: null,
  payPeriod: 'hour',
  types: [],
  workplaces: [],
  posted: null,
  cert: false,
  lived: false,
  sort: 'relevance',
  page: 1,
};

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/;
const NUMBER = /^\d{1,9}(\.\d{1,2})?$/;

function values(search: URLSearchParams, name: string): string[] {
  return search
    .getAll(name)
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

function oneOf<T extends string>(allowed: readonly T[], raw: string[], field: string, what: string, problems: ParamProblem[]): T[] {
  const out: T[] = [];
  for (const v of raw) {
    const key = v.toLowerCase();
    if ((allowed as readonly string[]).includes(key)) {
      if (!out.includes(key as T)) out.push(key as T);
    } else problems.push({ field, message: `"${v.slice(0, 40)}" is not ${what}` });
  }
  return out;
}

/** Reads the search from a URL's query string. */
export function parseJobSearchParams(search: URLSearchParams): { params: JobSearchParams; problems: ParamProblem[] } {
  const problems: ParamProblem[] = [];
  const first = (name: string) => values(search, name)[0] ?? '';

  let q = (search.get('q') ?? '').replace(/\s+/g, ' ').trim();
  if (CONTROL.test(q)) {
    problems.push({ field: 'q', message: 'Search words must not contain control characters' });
    q = q.replace(new RegExp(CONTROL.source, 'g'), '');
  }
  if (q.length > MAX_TEXT) {
    problems.push({ field: 'q', message: `Search words must be ${MAX_TEXT} characters or fewer` });
    q = q.slice(0, MAX_TEXT);
  }

  const settings = oneOf(SETTINGS, values(search, 'setting'), 'setting', 'a setting', problems);
  const states: string[] = [];
  for (const v of values(search, 'state')) {
    const code = v.toUpperCase();
    if (code in US_STATES) {
      if (!states.includes(code)) states.push(code);
    } else problems.push({ field: 'state', message: `"${v.slice(0, 40)}" is not a two-letter US state code` });
  }

  let near = first('near').replace(/\s+/g, ' ');
  if (near.length > 100 || CONTROL.test(near)) {
    problems.push({ field: 'near', message: 'Enter a place as a city and state, like Columbus, OH' });
    near = '';
  }
  let radius: number | null = null;
  const rawRadius = first('radius');
  if (rawRadius) {
    const r = Number(rawRadius);
    if (!NUMBER.test(rawRadius) || r <= 0 || r > MAX_RADIUS) problems.push({ field: 'radius', message: `Distance must be a number of miles from 1 to ${MAX_RADIUS}` });
    else radius = r;
  }

  let payMin: number | null = null;
  const rawPay = first('payMin').replace(/[$,]/g, '');
  if (rawPay) {
    const p = Number(rawPay);
    if (!NUMBER.test(rawPay)) problems.push({ field: 'payMin', message: 'Lowest pay must be a number, like 20 or 45000' });
    else payMin = p;
  }
  const rawPeriod = first('payPeriod').toLowerCase();
  let payPeriod: 'hour' | 'year' = 'hour';
  if (rawPeriod === 'year') payPeriod = 'year';
  else if (rawPeriod && rawPeriod !== 'hour') problems.push({ field: 'payPeriod', message: 'Pay period must be hour or year' });
  if (payMin !== null && payPeriod === 'hour' && payMin > 1000) problems.push({ field: 'payMin', message: 'That looks like a yearly figure: choose "a year", or enter an hourly figure' });

  const types = oneOf(EMPLOYMENT_TYPES, values(search, 'type'), 'type', 'a type of employment', problems);
  const workplaces = oneOf(WORKPLACES, values(search, 'workplace'), 'workplace', 'remote, hybrid or onsite', problems);

  let posted: number | null = null;
  const rawPosted = first('posted');
  if (rawPosted) {
    const d = Number(rawPosted);
    if (!/^\d{1,4}$/.test(rawPosted) || d < 1 || d > 3650) problems.push({ field: 'posted', message: 'Posted within must be a number of days from 1 to 3650' });
    else posted = d;
  }

  const flag = (name: string) => {
    const v = first(name).toLowerCase();
    if (v && v !== 'required') problems.push({ field: name, message: `${name} can only be "required"` });
    return v === 'required';
  };
  const cert = flag('cert');
  const lived = flag('lived');

  let sort: SearchSort = 'relevance';
  const rawSort = first('sort').toLowerCase();
  if (rawSort) {
    if ((SEARCH_SORTS as readonly string[]).includes(rawSort)) sort = rawSort as SearchSort;
    else problems.push({ field: 'sort', message: `Sort must be one of ${SEARCH_SORTS.join(', ')}` });
  }
  if (sort === 'distance' && !near) {
    problems.push({ field: 'sort', message: 'Sorting by distance needs a place: enter one in "Near"' });
    sort = 'relevance';
  }

  let page = 1;
  const rawPage = first('page');
  if (rawPage) {
    const n = Number(rawPage);
    if (!/^\d{1,6}$/.test(rawPage) || n < 1 || n > MAX_PAGE) problems.push({ field: 'page', message: `Page must be a number from 1 to ${MAX_PAGE}` });
    else page = n;
  }

  return { params: { q, settings, states, near, radius, payMin, payPeriod, types, workplaces, posted, cert, lived, sort, page }, problems };
}

/** Writes a search back as a query string in the documented order (default values left out). */
export function jobSearchQueryString(p: JobSearchParams, overrides: Partial<JobSearchParams> = {}): string {
  const v = { ...p, ...overrides };
  const out = new URLSearchParams();
  if (v.q) out.set('q', v.q);
  for (const s of v.settings) out.append('setting', s);
  for (const s of v.states) out.append('state', s);
  if (v.near) out.set('near', v.near);
  if (v.near && v.radius !== null) out.set('radius', String(v.radius));
  if (v.payMin !== null) {
    out.set('payMin', String(v.payMin));
    out.set('payPeriod', v.payPeriod);
  }
  for (const t of v.types) out.append('type', t);
  for (const w of v.workplaces) out.append('workplace', w);
  if (v.posted !== null) out.set('posted', String(v.posted));
  if (v.cert) out.set('cert', 'required');
  if (v.lived) out.set('lived', 'required');
  if (v.sort !== 'relevance') out.set('sort', v.sort);
  if (v.page > 1) out.set('page', String(v.page));
  const s = out.toString();
  return s ? `?${s}` : '';
}

/** "Columbus, OH" → city and state; null when it is not written that way. */
export function parsePlace(near: string): { city: string; state: string } | null {
  const m = /^(.+?),?\s+([A-Za-z]{2})$/.exec(near.trim());
  if (!m?.[1] || !m[2]) return null;
  const state = m[2].toUpperCase();
  if (!(state in US_STATES)) return null;
  return { city: m[1].replace(/,$/, '').trim(), state };
}

/** The filter part shared by every count on the page, without `near` (resolved by the caller). */
export function baseFilter(p: JobSearchParams, now: Date): PostingFilter {
  const f: PostingFilter = {};
  if (p.settings.length) f.settings = p.settings;
  if (p.states.length) f.states = p.states;
  if (p.types.length) f.employmentTypes = p.types;
  if (p.workplaces.length) f.workplaces = p.workplaces;
  if (p.payMin !== null) {
    if (p.payPeriod === 'hour') f.payMinHourly = p.payMin;
    else f.payMinAnnual = p.payMin;
  }
  if (p.cert) f.certificationRequired = true;
  if (p.lived) f.livedExperienceRequired = true;
  if (p.posted !== null) f.postedAfter = postedAfter(p.posted, now);
  return f;
}

/**
 * The start of a "posted within N days" window, anchored to the current minute, so the same
 * search asked twice within a minute is the same query (and can be cached) rather than moving
 * by a few milliseconds each time.
 */
export function postedAfter(days: number, now: Date): string {
  const minute = Math.floor(now.getTime() / 60_000) * 60_000;
  return new Date(minute - days * 86_400_000).toISOString();
}
