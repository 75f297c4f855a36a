const DAY_MS = 86_400_000;

/** "posted today", "posted yesterday", "posted 3 days ago", "posted 5 weeks ago"; null without a date. */
export function postedAgo(iso: string | null, now: Date): string | null {
  if (!iso) return null;
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return null;
  const days = Math.floor((now.getTime() - t) / DAY_MS);
  if (days <= 0) return 'posted today';
  if (days === 1) return 'posted yesterday';
  if (days < 14) return `posted ${days} days ago`;
  if (days < 60) return `posted ${Math.floor(days / 7)} weeks ago`;
  const months = Math.floor(days / 30);
  if (months < 24) return `posted ${months} months ago`;
  return `posted ${Math.floor(days / 365)} years ago`;
}

/** "3 March 2026" (UTC, as the dates are stored). */
export function longDate(iso: string | null): string | null {
  if (!iso) return null;
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return null;
  return new Date(t).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** YYYY-MM-DD of an ISO date-time, or null. */
export function isoDay(iso: string | null): string | null {
  if (!iso) return null;
  const t = Date.parse(iso);
  return Number.isFinite(t) ? new Date(t).toISOString().slice(0, 10) : null;
}
