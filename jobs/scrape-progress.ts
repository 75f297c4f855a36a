import type { Writable } from 'node:stream';
import type { SourceConfig } from '../scrapers/sources/source-types.ts';
import type { SourceOutcome } from './scrape-sources.ts';
import { rejectedTotal, type SourceRunProgress } from './source-run.ts';

interface Line {
  id: string;
  text: string;
}

/**
 * Live progress of a scrape, one line per source. On a terminal the block of lines is redrawn in
 * place (at most ten times a second, so a fast source does not flood a slow terminal); elsewhere
 * (a log file, CI) only a line per finished source is written, since cursor movement would be noise.
 */
export class ScrapeProgress {
  private readonly lines: Line[] = [];
  private drawn = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly width: number;

  constructor(
    private readonly out: Writable & { isTTY?: boolean },
    sources: readonly SourceConfig[],
  ) {
    this.width = Math.max(8, ...sources.map((s) => s.id.length));
  }

  private get live(): boolean {
    return this.out.isTTY === true;
  }

  start(source: SourceConfig): void {
    this.set(source.id, 'starting');
  }

  progress(p: SourceRunProgress): void {
    const c = p.counts;
    this.set(p.sourceId, `${p.phase.padEnd(9)} ${p.pagesFetched} pages, ${p.postings} postings, ${c.new} new, ${c.updated} updated, ${rejectedTotal(c)} rejected`);
  }

  done(outcome: SourceOutcome): void {
    const id = outcome.source.id;
    let text: string;
    if (outcome.kind === 'busy') text = 'skipped: already running elsewhere';
    else if (outcome.kind === 'disabled') text = `skipped: ${outcome.reason}`;
    else if (outcome.kind === 'error') text = `error: ${outcome.message}`;
    else {
      const r = outcome.run;
      text = `${r.status.padEnd(9)} ${r.pagesFetched} pages, ${r.counts.new} new, ${r.counts.updated} updated, ${r.counts.unchanged} unchanged, ${rejectedTotal(r.counts)} rejected, ${r.expired} expired`;
    }
    this.set(id, text);
    if (!this.live) this.out.write(`${id.padEnd(this.width)}  ${text}\n`);
  }

  /** Draws the final state and stops redrawing; the summary table follows below it. */
  finish(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.live) this.draw();
  }

  private set(id: string, text: string): void {
    const line = this.lines.find((l) => l.id === id);
    if (line) line.text = text;
    else this.lines.push({ id, text });
    if (this.live && !this.timer) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.draw();
      }, 100);
    }
  }

  private draw(): void {
    // Move up over the block drawn last time, then rewrite every line, clearing leftovers.
    const up = this.drawn > 0 ? `\x1b[${this.drawn}A` : '';
    const body = this.lines.map((l) => `\r\x1b[2K${l.id.padEnd(this.width)}  ${l.text}\n`).join('');
    this.out.write(up + body);
    this.drawn = this.lines.length;
  }
}
