import { ValidationError, type PostingFilter } from '../../../schema/index.ts';
import { METERS_PER_MILE } from '../geo-distance.ts';
import type { SearchSort } from '../search-port.ts';

/**
 * Translates a validated {@link PostingFilter} into a Meilisearch filter expression.
 *
 * Security: the expression is a small language, so user text spliced into it could change its
 * meaning (`OH" OR status = "closed`). Every string goes through {@link quote}, which refuses
 * backslashes and control characters (Meilisearch's parser has no escape for a literal
 * backslash before a quote) and escapes double quotes; every number goes through {@link num},
 * which refuses anything but a finite number. Attribute names are constants of this module.
 */

/** A string literal for a filter expression. */
export function quote(value: string, path: string): string {
  if (/[\\\u0000-\u001f\u007f]/.test(value)) {
    throw new ValidationError([`${path}: must not contain backslashes or control characters`]);
  }
  return `"${value.replace(/"/g, '\\"')}"`;
}

/**
 * A number literal for a filter expression, always in plain decimal notation. JavaScript prints
 * numbers from 1e21 up, and below 1e-6, in exponent form (`1e+21`, `5e-7`), which Meilisearch's
 * filter grammar does not read as a number; the digits are moved around the decimal point
 * instead, exactly (no rounding: the shortest round-trip digits of the double are kept).
 */
export function num(value: number, path: string): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new ValidationError([`${path}: must be a finite number`]);
  return plainDecimal(value);
}

export function plainDecimal(value: number): string {
  if (Object.is(value, -0)) return '0';
  const text = String(value);
  const e = text.indexOf('e');
  if (e === -1) return text;
  const negative = text.startsWith('-');
  const mantissa = text.slice(negative ? 1 : 0, e);
  const exponent = Number(text.slice(e + 1));
  const dot = mantissa.indexOf('.');
  const digits = mantissa.replace('.', '');
  // Position of the decimal point within `digits` after applying the exponent.
  const point = (dot === -1 ? mantissa.length : dot) + exponent;
  let out: string;
  if (point <= 0) out = `0.${'0'.repeat(-point)}${digits}`;
  else if (point >= digits.length) out = `${digits}${'0'.repeat(point - digits.length)}`;
  else out = `${digits.slice(0, point)}.${digits.slice(point)}`;
  return negative ? `-${out}` : out;
}

function anyOf(attribute: string, values: readonly string[] | undefined, path: string): string | null {
  if (!values?.length) return null;
  return `${attribute} IN [${values.map((v, i) => quote(v, `${path}.${i}`)).join(', ')}]`;
}

function isoSeconds(iso: string, path: string): string {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) throw new ValidationError([`${path}: must be an ISO 8601 date-time`]);
  return num(ms / 1000, path);
}

/** The filter as a list of expressions Meilisearch ANDs together (the array form of `filter`). */
export function buildMeiliFilter(filter: PostingFilter): string[] {
  const out: string[] = [];
  const push = (e: string | null) => {
    if (e) out.push(e);
  };
  if (!filter.includeExpired) out.push('status = "active"');
  push(anyOf('settings', filter.settings, 'filter.settings'));
  push(anyOf('state', filter.states?.map((s) => s.toUpperCase()), 'filter.states'));
  push(anyOf('roleFamily', filter.roleFamilies, 'filter.roleFamilies'));
  push(anyOf('employmentType', filter.employmentTypes, 'filter.employmentTypes'));
  push(anyOf('workplace', filter.workplaces, 'filter.workplaces'));
  if (filter.employerId !== undefined) out.push(`employerId = ${quote(filter.employerId, 'filter.employerId')}`);
  // `>=` on a missing attribute is false in Meilisearch: postings without pay never match.
  if (filter.payMinHourly !== undefined) out.push(`hourlyTop >= ${num(filter.payMinHourly, 'filter.payMinHourly')}`);
  if (filter.payMinAnnual !== undefined) out.push(`annualTop >= ${num(filter.payMinAnnual, 'filter.payMinAnnual')}`);
  if (filter.certificationRequired !== undefined) out.push(`certificationRequired = ${filter.certificationRequired ? 'true' : 'false'}`);
  if (filter.livedExperienceRequired !== undefined) out.push(`livedExperienceRequired = ${filter.livedExperienceRequired ? 'true' : 'false'}`);
  if (filter.postedAfter !== undefined) out.push(`datePosted >= ${isoSeconds(filter.postedAfter, 'filter.postedAfter')}`);
  if (filter.postedBefore !== undefined) out.push(`datePosted <= ${isoSeconds(filter.postedBefore, 'filter.postedBefore')}`);
  if (filter.near) {
    const { lat, lon, radiusMiles } = filter.near;
    out.push(`_geoRadius(${num(lat, 'filter.near.lat')}, ${num(lon, 'filter.near.lon')}, ${num(radiusMiles * METERS_PER_MILE, 'filter.near.radiusMiles')})`);
  }
  return out;
}

/** The `sort` parameter; relevance is Meilisearch's own ranking (with recency as the last rule). */
export function buildMeiliSort(sort: SearchSort, near: PostingFilter['near']): string[] | undefined {
  switch (sort) {
    case 'newest':
      return ['datePosted:desc'];
    case 'pay_high':
      return ['hourlyTop:desc'];
    case 'pay_low':
      return ['hourlyTop:asc'];
    case 'distance':
      if (!near) throw new ValidationError(['sort: "distance" needs filter.near']);
      return [`_geoPoint(${num(near.lat, 'filter.near.lat')}, ${num(near.lon, 'filter.near.lon')}):asc`];
    default:
      return undefined;
  }
}
