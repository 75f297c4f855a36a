/**
 * Dates as sources write them → ISO 8601 date-times (UTC): ISO strings, epoch milliseconds or
 * seconds (Lever's `createdAt`), "2026-03-01", "03/01/2026" (US order), "March 1, 2026", and
 * relative phrases ("Posted 3 days ago", "Just posted", "30+ days ago") against `now`.
 */

const MONTHS: Readonly<Record<string, number>> = {
  jan: 0, feb: 1, mar: 2, apr: 3, may: 4, jun: 5, jul: 6, aug: 7, sep: 8, sept: 8, oct: 9, nov: 10, dec: 11,
};
const DAY_MS = 86_400_000;

function iso(ms: number): string | null {
  if (!Number.isFinite(ms)) return null;
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  // Years outside this window are typos or mis-read numbers, not posting dates.
  if (y < 1995 || y > 2100) return null;
  return d.toISOString();
}

export function parsePostingDate(input: string | number | null | undefined, now: Date = new Date()): string | null {
  if (input === null || input === undefined) return null;
  if (typeof input === 'number') return iso(input < 1e11 ? input * 1000 : input);
  const s = input.trim();
  if (!s) return null;
  // "2026-03-01", what most sources send, read by its characters (the regex below reads it the same way).
  if (isIsoDay(s)) return iso(Date.UTC(Number(s.slice(0, 4)), Number(s.slice(5, 7)) - 1, Number(s.slice(8, 10))));
  if (/^\d{9,13}$/.test(s)) {
    const n = Number(s);
    return iso(n < 1e11 ? n * 1000 : n);
  }
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (m) return iso(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (/^\d{4}-\d{2}-\d{2}[T ]\d/.test(s)) {
    // A date-time without a zone is read as UTC, so the same string gives the same instant everywhere.
    const withZone = /(?:Z|[+-]\d{2}:?\d{2})$/i.test(s) ? s : `${s.replace(' ', 'T')}Z`;
    return iso(Date.parse(withZone));
  }
  // US order, with an optional time and zone words as county boards write closing dates:
  // "06/13/25 11:59 PM", "06/02/2025 11:59 PM Eastern". The time is kept (read as UTC).
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})(?:\s+(\d{1,2}):(\d{2})\s*([AaPp])\.?\s*[Mm]\.?(?:\s+[A-Za-z .()]+)?)?$/.exec(s);
  if (m) {
    const year = Number(m[3]) < 100 ? 2000 + Number(m[3]) : Number(m[3]);
    const month = Number(m[1]);
    const day = Number(m[2]);
    if (month < 1 || month > 12 || day < 1 || day > 31) return null;
    let hours = 0;
    let minutes = 0;
    if (m[4] !== undefined && m[5] !== undefined) {
      hours = Number(m[4]) % 12 + (/p/i.test(m[6] ?? '') ? 12 : 0);
      minutes = Number(m[5]);
      if (hours > 23 || minutes > 59) return null;
    }
    return iso(Date.UTC(year, month - 1, day, hours, minutes));
  }
  m = /^(?:[A-Za-z]+,?\s+)?([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/.exec(s);
  if (m && m[1]) {
    const month = MONTHS[m[1].slice(0, 4).toLowerCase()] ?? MONTHS[m[1].slice(0, 3).toLowerCase()];
    if (month !== undefined) return iso(Date.UTC(Number(m[3]), month, Number(m[2])));
  }
  m = /^(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})$/.exec(s);
  if (m && m[2]) {
    const month = MONTHS[m[2].slice(0, 3).toLowerCase()];
    if (month !== undefined) return iso(Date.UTC(Number(m[3]), month, Number(m[1])));
  }
  const rel = relative(s, now);
  if (rel !== undefined) return rel;
  if (/\d{4}/.test(s)) {
    const t = Date.parse(s);
    if (Number.isFinite(t)) return iso(t);
  }
  return null;
}

function isDigit(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c >= 48 && c <= 57;
}

/** `/^\d{4}-\d{2}-\d{2}$/.test(s)`, without running a regex. */
function isIsoDay(s: string): boolean {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 /* - */ || s.charCodeAt(7) !== 45) return false;
  return isDigit(s, 0) && isDigit(s, 1) && isDigit(s, 2) && isDigit(s, 3) && isDigit(s, 5) && isDigit(s, 6) && isDigit(s, 8) && isDigit(s, 9);
}

function startOfDay(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

function relative(s: string, now: Date): string | null | undefined {
  const t = s.toLowerCase();
  const today = startOfDay(now.getTime());
  if (/\b(?:just posted|today|posted today|new|active today|just now|hours? ago|minutes? ago)\b/.test(t)) return iso(today);
  if (/\byesterday\b/.test(t)) return iso(today - DAY_MS);
  // "30+ days ago" says only "a while ago": no date is better than a wrong one.
  if (/\d+\s*\+\s*(?:day|week|month|year)s?\s+ago/.test(t)) return null;
  const m = /(\d+)\s*(day|week|month|year)s?\s+ago/.exec(t);
  if (m) {
    const n = Number(m[1]);
    const unit = m[2] === 'day' ? 1 : m[2] === 'week' ? 7 : m[2] === 'month' ? 30 : 365;
    return iso(today - n * unit * DAY_MS);
  }
  return undefined;
}
