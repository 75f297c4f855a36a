import type { ScrapeRun } from '../store/ports.ts';
import { rejectedTotal } from './source-run.ts';

/** A plain-text table: left-aligned text, right-aligned numbers, two spaces between columns. */
export function formatTable(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const cells = [header, ...rows].map((r) => r.map(String));
  const numeric = header.map((_, i) => rows.length > 0 && rows.every((r) => typeof r[i] === 'number'));
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: readonly string[]) =>
    r
      .map((cell, i) => (numeric[i] ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return `${[line(cells[0] ?? []), ...cells.slice(1).map(line)].join('\n')}\n`;
}

export function durationOf(run: ScrapeRun, now: Date = new Date()): string {
  const end = run.endedAt ? Date.parse(run.endedAt) : now.getTime();
  const ms = Math.max(0, end - Date.parse(run.startedAt));
  if (ms < 1000) return `${ms}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  return `${Math.floor(ms / 60_000)}m${String(Math.round((ms % 60_000) / 1000)).padStart(2, '0')}s`;
}

/** The columns both `scrape` (its summary) and `runs` (history) print for a run. */
export const RUN_COLUMNS = ['status', 'pages', 'robots', 'new', 'updated', 'unchanged', 'dup', 'rejected', 'expired', 'time'] as const;

export function runCells(run: ScrapeRun): (string | number)[] {
  const c = run.counts;
  return [run.status, run.pagesFetched, run.robotsSkipped, c.new, c.updated, c.unchanged, c.duplicates, rejectedTotal(c), run.expired, durationOf(run)];
}

/** "not_peer_role 3, invalid 1": the rejections of a run by reason, most frequent first. */
export function rejectedBreakdown(run: ScrapeRun): string {
  return Object.entries(run.counts.rejected)
    .sort((a, b) => b[1] - a[1])
    .map(([reason, n]) => `${reason} ${n}`)
    .join(', ');
}
