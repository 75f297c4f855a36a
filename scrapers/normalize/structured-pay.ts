import type { PayPeriod } from '../../schema/index.ts';
import { inferPeriod, parsePayText } from './pay-parser.ts';
import type { PayParse } from './pay-types.ts';

/**
 * Reads the salary objects sources hand over unchanged in `structuredPay`:
 * - schema.org `baseSalary` / `estimatedSalary`: MonetaryAmount with a QuantitativeValue
 *   (`value`, or `minValue`/`maxValue`, as numbers or numeric strings) and `unitText`
 *   (HOUR, DAY, WEEK, MONTH, YEAR) on the inner or the outer object; a bare number; an array;
 *   or a whole JobPosting carrying `baseSalary`;
 * - Greenhouse pay transparency `pay_input_ranges` (cents; the period from the title or blurb, else inferred from size);
 * - Lever `salaryRange` (`interval` "per-year-salary", "per-hour-wage", ...);
 * - Ashby `compensation` (`summaryComponents` / `compensationTiers[].components` of type Salary);
 * - USAJOBS `PositionRemuneration` (strings; `RateIntervalCode` PA, PH, PM, BW, PW, PD);
 * - Peerboard's employer form `{ min, max, period, currency }`;
 * - a plain string, read like a pay field.
 * Returns null when the object carries no usable figure. Never throws.
 */
export function payFromStructured(value: unknown): PayParse | null {
  try {
    return read(value, 0);
  } catch {
    // Defensive: a getter or a proxy in a scraped object must not break a batch.
    return null;
  }
}

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A number from a number or a numeric string ("49026.0", "$45,000", "45K"). */
function num(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) && v > 0 ? v : null;
  if (typeof v !== 'string') return null;
  const m = /^\s*\$?\s*(\d[\d,]*(?:\.\d+)?)\s*([kK])?\s*$/.exec(v);
  if (!m || m[1] === undefined) return null;
  let n = Number(m[1].replace(/,/g, ''));
  if (m[2]) n *= 1000;
  return Number.isFinite(n) && n > 0 ? n : null;
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v.trim() ? v.trim() : null;
}

/** Unit words as ATSs and JSON-LD write them: HOUR, "per-hour-wage", "1 HOUR", "Hourly", "PER_YEAR", "annual". */
function unitPeriod(unit: string | null): { period: PayPeriod; factor: number } | null {
  if (unit === null) return null;
  const u = unit.toLowerCase();
  if (/semi-?month|bi-?month|twice/.test(u)) return { period: 'month', factor: 2 };
  if (/hour|hr\b|^ph$/.test(u)) return { period: 'hour', factor: 1 };
  if (/bi-?week|fortnight|two.?week|^bw$/.test(u)) return { period: 'biweek', factor: 1 };
  if (/week|^pw$/.test(u)) return { period: 'week', factor: 1 };
  if (/month|^pm$/.test(u)) return { period: 'month', factor: 1 };
  if (/day|daily|diem|^pd$/.test(u)) return { period: 'day', factor: 1 };
  if (/year|annual|annum|^pa$|^yr$/.test(u)) return { period: 'year', factor: 1 };
  return null;
}

function build(
  min: number | null,
  max: number | null,
  unit: { period: PayPeriod; factor: number } | null,
  currency: string | null,
): PayParse | null {
  if (min === null && max === null) return null;
  let lo = min;
  let hi = max;
  if (lo !== null && hi !== null && lo > hi) [lo, hi] = [hi, lo];
  const factor = unit?.factor ?? 1;
  const r2 = (n: number | null): number | null => (n === null ? null : Math.round(n * factor * 100) / 100);
  const top = hi ?? lo ?? 0;
  return {
    min: r2(lo),
    max: r2(hi),
    period: unit?.period ?? inferPeriod(top),
    currency: (currency ?? 'USD').toUpperCase(),
    inferred: unit === null,
    grade: null,
    text: null,
  };
}

function read(v: unknown, depth: number): PayParse | null {
  if (depth > 4 || v === null || v === undefined) return null;
  if (typeof v === 'string') return parsePayText(v);
  if (typeof v === 'number') return build(num(v), num(v), null, null);
  if (Array.isArray(v)) {
    for (const item of v) {
      const p = read(item, depth + 1);
      if (p) return p;
    }
    return null;
  }
  if (!isObj(v)) return null;

  // A whole JobPosting or ATS job: descend into its salary field.
  for (const key of ['baseSalary', 'estimatedSalary', 'salaryRange', 'compensation', 'pay_input_ranges', 'PositionRemuneration', 'salary', 'salary_range', 'payRange', 'pay_range']) {
    if (key in v && !('minValue' in v) && !('min' in v)) {
      // An ATS's own compensation object may be a plain {min, max, interval}: read it generically when Ashby's reading finds nothing.
      const inner =
        key === 'salaryRange' ? readLever(v[key]) :
        key === 'compensation' ? readAshby(v[key]) ?? read(v[key], depth + 1) :
        key === 'pay_input_ranges' ? readGreenhouse(v[key]) :
        read(v[key], depth + 1);
      if (inner) return inner;
    }
  }
  if ('min_cents' in v || 'max_cents' in v) return readGreenhouse([v]);
  if ('MinimumRange' in v || 'MaximumRange' in v) return readUsajobs(v);
  if ('compensationTiers' in v || 'summaryComponents' in v || 'compensationType' in v) return readAshby(v);
  if ('interval' in v && ('min' in v || 'max' in v)) return readLever(v);

  // schema.org MonetaryAmount / QuantitativeValue, and Peerboard's employer form.
  const currency = str(v.currency) ?? str(v.currencyCode) ?? str(v.currency_type) ?? str(v.salary_currency);
  // Other ATSs and exports name the period "frequency", "pay_period", "salary_period" or "payPeriod".
  const outerUnit = str(v.unitText) ?? str(v.unit) ?? str(v.period) ?? str(v.interval) ?? str(v.frequency) ?? str(v.pay_period) ?? str(v.payPeriod) ?? str(v.salary_period) ?? str(v.salaryPeriod);
  const inner = v.value;
  if (isObj(inner)) {
    const unit = unitPeriod(str(inner.unitText) ?? outerUnit);
    const single = num(inner.value);
    // Some emitters (Yoast) put minValue/maxValue on the MonetaryAmount and only unitText inside.
    const min = num(inner.minValue) ?? single ?? num(v.minValue) ?? num(v.min);
    const max = num(inner.maxValue) ?? single ?? num(v.maxValue) ?? num(v.max);
    return build(min, max, unit, currency);
  }
  const unit = unitPeriod(outerUnit);
  const single = num(inner);
  // Workable writes salary_from/salary_to; other boards min_salary/max_salary or minSalary/maxSalary.
  const min = num(v.minValue) ?? num(v.min) ?? num(v.minimum) ?? num(v.salary_from) ?? num(v.min_salary) ?? num(v.minSalary) ?? single;
  const max = num(v.maxValue) ?? num(v.max) ?? num(v.maximum) ?? num(v.salary_to) ?? num(v.max_salary) ?? num(v.maxSalary) ?? single;
  if (min === null && max === null && typeof inner === 'string') {
    const parsed = parsePayText(inner);
    return parsed && unit ? { ...parsed, period: unit.period, inferred: false } : parsed;
  }
  return build(min, max, unit, currency);
}

const GREENHOUSE_PERIOD_WORDS = /\b(?:hour(?:ly)?|semi-?monthly|bi-?weekly|month(?:ly)?|week(?:ly)?|daily|annual(?:ly)?|year(?:ly)?|per annum)\b/i;

/** Greenhouse `pay_input_ranges`: figures in cents; the period from the title or blurb, else from the figures' size. */
function readGreenhouse(v: unknown): PayParse | null {
  if (!Array.isArray(v)) return null;
  for (const r of v) {
    if (!isObj(r)) continue;
    const min = num(r.min_cents);
    const max = num(r.max_cents);
    if (min === null && max === null) continue;
    const words = `${str(r.title) ?? ''} ${str(r.blurb) ?? ''}`;
    // Greenhouse has no interval field; boards title the range "Pay Range" or a place name, so
    // a range with no period word gets its period from its size (and payInferred), like JSON-LD.
    const unit = GREENHOUSE_PERIOD_WORDS.exec(words);
    return build(min === null ? null : min / 100, max === null ? null : max / 100, unit === null ? null : unitPeriod(unit[0]), str(r.currency_type));
  }
  return null;
}

/** Lever `salaryRange: { min, max, currency, interval }`; "one-time" is not a wage. */
function readLever(v: unknown): PayParse | null {
  if (!isObj(v)) return null;
  const interval = str(v.interval);
  if (interval !== null && /one-?time/i.test(interval)) return null;
  return build(num(v.min), num(v.max), unitPeriod(interval), str(v.currency));
}

/** Ashby `compensation`: the Salary component of the summary, else of the first tier. */
function readAshby(v: unknown): PayParse | null {
  if (!isObj(v)) return null;
  const components: unknown[] = [];
  if (Array.isArray(v.summaryComponents)) components.push(...(v.summaryComponents as unknown[]));
  if (Array.isArray(v.compensationTiers)) {
    for (const tier of v.compensationTiers as unknown[]) {
      if (isObj(tier) && Array.isArray(tier.components)) components.push(...(tier.components as unknown[]));
    }
  }
  if ('compensationType' in v) components.push(v);
  for (const c of components) {
    if (!isObj(c)) continue;
    const type = str(c.compensationType);
    if (type !== null && !/salary|hourly|wage|base/i.test(type)) continue;
    const p = build(num(c.minValue), num(c.maxValue), unitPeriod(str(c.interval)), str(c.currencyCode));
    if (p) return p;
  }
  const summary = str(v.compensationTierSummary) ?? str(v.scrapeableCompensationSalarySummary);
  return summary ? parsePayText(summary) : null;
}

/** USAJOBS `PositionRemuneration` entry; "WC" (without compensation) and piece/fee bases carry no wage. */
function readUsajobs(v: Obj): PayParse | null {
  const code = str(v.RateIntervalCode)?.toUpperCase() ?? null;
  const codes: Record<string, string> = { PA: 'year', PH: 'hour', PM: 'month', BW: 'biweek', PW: 'week', PD: 'day', SM: 'semimonth' };
  if (code !== null && !(code in codes)) return null;
  const unit = code === null ? unitPeriod(str(v.Description)) : unitPeriod(codes[code] ?? null);
  return build(num(v.MinimumRange), num(v.MaximumRange), unit, null);
}
