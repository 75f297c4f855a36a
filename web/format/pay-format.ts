import type { Pay } from '../../schema/index.ts';
import { PERIOD_WORDS } from './labels.ts';

/** Dollars as people write them: cents below $1,000 ("$23.73"), whole dollars above ("$49,350"). */
export function money(value: number): string {
  if (!Number.isFinite(value)) return '';
  if (Math.abs(value) >= 1000) return `$${Math.round(value).toLocaleString('en-US')}`;
  return `$${value.toFixed(2)}`;
}

function range(min: number | null, max: number | null): string | null {
  if (min !== null && max !== null) return min === max ? money(min) : `${money(min)} to ${money(max)}`;
  if (min !== null) return `from ${money(min)}`;
  if (max !== null) return `up to ${money(max)}`;
  return null;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The pay as the posting states it: "$19.50 to $24.75 an hour", "Up to $52,000 a year". */
export function payAsStated(pay: Pay | null): string | null {
  if (!pay) return null;
  const r = range(pay.min, pay.max);
  return r ? `${capitalise(r)} ${PERIOD_WORDS[pay.period]}` : null;
}

/** The hourly equivalent: "$19.50 to $24.75 an hour". */
export function payHourly(pay: Pay | null): string | null {
  if (!pay) return null;
  const r = range(pay.hourlyMin, pay.hourlyMax);
  return r ? `${capitalise(r)} an hour` : null;
}

/** The annual equivalent: "$40,560 to $51,480 a year". */
export function payAnnual(pay: Pay | null): string | null {
  if (!pay) return null;
  const r = range(pay.annualMin, pay.annualMax);
  return r ? `${capitalise(r)} a year` : null;
}

/** The pay point (midpoint, or the single figure) per hour, as the statistics use it. */
export function hourlyPayPoint(pay: Pay | null): number | null {
  if (!pay) return null;
  const { hourlyMin: lo, hourlyMax: hi } = pay;
  if (lo !== null && hi !== null) return (lo + hi) / 2;
  return lo ?? hi ?? null;
}

/** "62nd", "1st", "11th", "93rd". */
export function ordinal(n: number): string {
  const r = Math.round(n);
  const tens = r % 100;
  if (tens >= 11 && tens <= 13) return `${r}th`;
  switch (r % 10) {
    case 1:
      return `${r}st`;
    case 2:
      return `${r}nd`;
    case 3:
      return `${r}rd`;
    default:
      return `${r}th`;
  }
}

export function percent(share: number | null): string {
  return share === null ? '' : `${Math.round(share * 100)}%`;
}

export function count(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}
