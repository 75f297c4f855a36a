import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fillDates } from '../../jobs/demo/demo-sites.ts';
import { sourceConfigSchema, type SourceRunner } from '../../scrapers/sources/source-types.ts';
import { html } from '../fixtures/fixture-server.ts';
import { failedEntirely, scrapeSources } from '../../jobs/scrape-sources.ts';
import { SourceAlreadyRunningError, runSourceNow } from '../../jobs/source-run.ts';
import { openJobHarness, leverSource, type JobHarness } from './job-harness.ts';
import { peerPosting, startLeverBoardServer, type LeverBoardServer, type LeverPosting } from './lever-board-server.ts';

let h: JobHarness;
let server: LeverBoardServer;

beforeEach(async () => {
  h = await openJobHarness();
  server = await startLeverBoardServer();
});
afterEach(async () => {
  await server.close();
  await h.close();
});

const COMPANY = 'alleghenyrecovery';

function board(): LeverPosting[] {
  const nonPeer = peerPosting(COMPANY, 'b4c1d2e3-0000-4000-8000-000000000004', 'Peer Reviewer, Medical Claims');
  nonPeer.description = '<div>Review medical claims for coding accuracy as part of our clinical peer review process. RN license and five years of claims review experience required.</div>';
  nonPeer.descriptionPlain = 'Review medical claims for coding accuracy as part of our clinical peer review process. RN license and five years of claims review experience required.';
  nonPeer.lists = [];
  nonPeer.salaryRange = { currency: 'USD', interval: 'per-year-salary', min: 78000, max: 92000 };
  return [
    peerPosting(COMPANY, 'b4c1d2e3-0000-4000-8000-000000000001', 'Certified Peer Specialist - Outpatient', { city: 'Pittsburgh, PA', min: 18, max: 21 }),
    peerPosting(COMPANY, 'b4c1d2e3-0000-4000-8000-000000000002', 'Recovery Coach - Emergency Department', { city: 'Erie, PA', min: 19.5, max: 23 }),
    peerPosting(COMPANY, 'b4c1d2e3-0000-4000-8000-000000000003', 'Forensic Peer Specialist - County Jail Re-entry', { city: 'Washington, PA', min: 20, max: 24 }),
    nonPeer,
  ];
}

function deps(extra: Partial<Parameters<typeof runSourceNow>[1]> = {}) {
  return { store: h.store, ingest: h.ingest, lifecycle: h.lifecycle, fetcher: h.fetcher, env: {}, ...extra };
}

describe('runSourceNow', () => {
  it('records an ok run with the pages fetched and the ingest counts, and rejects the non-peer job', async () => {
    server.setBoard(COMPANY, board());
    const source = leverSource('lever-allegheny', server.origin, COMPANY);

    const run = await runSourceNow(source, deps());

    expect(run.status).toBe('ok');
    expect(run.pagesFetched).toBe(1);
    expect(run.counts).toMatchObject({ received: 4, new: 3, updated: 0, unchanged: 0 });
    expect(run.counts.rejected).toEqual({ not_peer_role: 1 });
    expect(run.expired).toBe(0);
    expect(run.endedAt).not.toBeNull();

    const [stored] = await h.store.listRuns({ sourceId: 'lever-allegheny' });
    expect(stored).toEqual(run);
    expect(await h.store.countPostings({ source: 'lever-allegheny', statuses: ['active'] })).toBe(3);
    // The lock is released at the end: another owner can take it at once.
    expect(await h.store.acquireLock('source:lever-allegheny', 'someone-else', 1000)).toBe(true);
  });

  it('is idempotent: a second run of an unchanged listing finds everything unchanged and expires nothing', async () => {
    server.setBoard(COMPANY, board());
    const source = leverSource('lever-allegheny', server.origin, COMPANY);
    await runSourceNow(source, deps());
    const before = await collect(h);

    const second = await runSourceNow(source, deps());

    expect(second.status).toBe('ok');
    expect(second.counts).toMatchObject({ new: 0, updated: 0, unchanged: 3 });
    expect(second.expired).toBe(0);
    // Same postings, same content, no content update: only the "last seen" stamps move.
    const essentials = (list: Awaited<ReturnType<typeof collect>>) => list.map((p) => [p.id, p.status, p.contentHash, p.updatedAt]);
    expect(essentials(await collect(h))).toEqual(essentials(before));
    expect(await h.store.listRuns({ sourceId: 'lever-allegheny' })).toHaveLength(2);
  });

  it('expires a job the listing no longer has after a complete run, and reactivates it when it comes back', async () => {
    const jobs = board();
    server.setBoard(COMPANY, jobs);
    const source = leverSource('lever-allegheny', server.origin, COMPANY);
    await runSourceNow(source, deps());

    // Between runs: job 2 vanishes, job 1 gets a raise, a new job appears.
    const [first, second, third, nonPeer] = jobs;
    const raised = { ...first!, salaryRange: { currency: 'USD', interval: 'per-hour-wage', min: 19, max: 23 } };
    const added = peerPosting(COMPANY, 'b4c1d2e3-0000-4000-8000-000000000005', 'Youth Peer Advocate', { city: 'Altoona, PA', min: 18, max: 20 });
    server.setBoard(COMPANY, [raised, third!, nonPeer!, added]);

    const changed = await runSourceNow(source, deps());
    expect(changed.status).toBe('ok');
    expect(changed.counts).toMatchObject({ new: 1, updated: 1, unchanged: 1 });
    expect(changed.expired).toBe(1);
    const vanished = await h.store.findBySource('lever-allegheny', second!.id);
    expect(vanished?.status).toBe('expired');
    expect(vanished?.endedAt).not.toBeNull();

    server.setBoard(COMPANY, [raised, second!, third!, nonPeer!, added]);
    const back = await runSourceNow(source, deps());
    expect(back.status).toBe('ok');
    expect(back.expired).toBe(0);
    expect((await h.store.findBySource('lever-allegheny', second!.id))?.status).toBe('active');
    expect(await h.store.countPostings({ source: 'lever-allegheny', statuses: ['active'] })).toBe(4);
  });

  it('records a source that cannot be reached as failed, and the other sources still run', async () => {
    server.setBoard(COMPANY, board());
    const missing = leverSource('lever-gone', server.origin, 'no-such-company');
    const fine = leverSource('lever-allegheny', server.origin, COMPANY);

    const outcomes = await scrapeSources([missing, fine], { store: h.store, ingest: h.ingest, lifecycle: h.lifecycle, fetcher: h.fetcher, env: {}, concurrency: 1 });

    expect(outcomes.map((o) => (o.kind === 'ran' ? [o.source.id, o.run.status] : [o.source.id, o.kind]))).toEqual([
      ['lever-gone', 'failed'],
      ['lever-allegheny', 'ok'],
    ]);
    const [failed] = await h.store.listRuns({ sourceId: 'lever-gone' });
    expect(failed?.status).toBe('failed');
    expect(failed?.errors.join('\n')).toContain('no-such-company');
    expect(failed?.expired).toBe(0);
  });

  it('skips a USAJOBS source without an API key as disabled, not failed, and sends no request', async () => {
    server.setBoard(COMPANY, board());
    const usajobs = { id: 'usajobs-peer', kind: 'usajobs', keyword: 'peer support', baseUrl: `${server.origin}/api/search`, schedule: '0 */6 * * *', enabled: true, maxPages: 2 } as const;
    const fine = leverSource('lever-allegheny', server.origin, COMPANY);

    const outcomes = await scrapeSources([usajobs, fine], { store: h.store, ingest: h.ingest, lifecycle: h.lifecycle, fetcher: h.fetcher, env: {}, concurrency: 1 });

    expect(outcomes[0]).toMatchObject({ kind: 'disabled', reason: expect.stringContaining('USAJOBS_API_KEY') });
    expect(outcomes.some(failedEntirely)).toBe(false);
    expect(await h.store.listRuns({ sourceId: 'usajobs-peer' })).toEqual([]);
  });

  it('records a run whose source throws as failed, with the message', async () => {
    const throwing: SourceRunner = async () => {
      throw new Error('answer shape changed: expected an array');
    };
    const run = await runSourceNow(leverSource('lever-allegheny', server.origin, COMPANY), deps({ runner: throwing }));
    expect(run.status).toBe('failed');
    expect(run.errors[0]).toContain('answer shape changed: expected an array');
    expect((await h.store.listRuns({ sourceId: 'lever-allegheny' }))[0]?.status).toBe('failed');
  });

  it('never expires anything after an incomplete run', async () => {
    server.setBoard(COMPANY, board());
    const source = leverSource('lever-allegheny', server.origin, COMPANY);
    await runSourceNow(source, deps());
    server.setBoard(COMPANY, null);

    const run = await runSourceNow(source, deps());

    expect(run.status).toBe('failed');
    expect(run.expired).toBe(0);
    expect(await h.store.countPostings({ source: 'lever-allegheny', statuses: ['active'] })).toBe(3);
  });

  it('after a run that read only part of a paged listing, records it partial and expires nothing', async () => {
    const fixtures = server.fixtures;
    const sites = fileURLToPath(new URL('../../jobs/demo/sites/governmentjobs/', import.meta.url));
    const page = async (file: string) => html(fillDates(await readFile(join(sites, file), 'utf8'), new Date()));
    const listing = (n: number) => `/careers/home/index?agency=lakeviewcounty&keywords=peer&page=${n}`;
    fixtures.route(listing(1), await page('careers/home/index-page-1.html'));
    fixtures.route(listing(2), await page('careers/home/index-page-2.html'));
    for (const posting of ['4721803/behavioral-health-peer-support-specialist-i-ii', '4721955/peer-support-specialist-jail-health-services', '4698012/mental-health-court-peer-mentor-extra-help', '4730440/peer-review-coordinator-public-health-accreditation']) {
      fixtures.route(`/careers/lakeviewcounty/jobs/${posting}`, await page(`careers/lakeviewcounty/jobs/${posting}.html`));
    }
    const source = sourceConfigSchema.parse({ id: 'neogov-lakeview', kind: 'neogov', agency: 'lakeviewcounty', employer: 'Lakeview County, OR', baseUrl: server.origin, delayMs: 0 });
    const full = await runSourceNow(source, deps());
    expect(full.status).toBe('ok');
    expect(full.counts.new).toBe(3);

    // Page 2 now fails: its jobs were not seen, but that is no reason to think they are gone.
    fixtures.route(listing(2), { status: 500, headers: { 'content-type': 'text/html' }, body: '<h1>Service Unavailable</h1>' });
    const cut = await runSourceNow(source, deps());

    expect(cut.status).toBe('partial');
    expect(cut.expired).toBe(0);
    expect(cut.errors.join('\n')).toContain('page=2');
    expect((await h.store.findBySource('neogov-lakeview', '4698012'))?.status).toBe('active');
  });

  it('lets only one of two concurrent runs of a source proceed; the other says it is already running', async () => {
    server.setBoard(COMPANY, board());
    server.delayMs = 150;
    const source = leverSource('lever-allegheny', server.origin, COMPANY);

    const results = await Promise.allSettled([runSourceNow(source, deps()), runSourceNow(source, deps())]);

    const ran = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(ran).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(refused[0]?.reason).toBeInstanceOf(SourceAlreadyRunningError);
    expect(String((refused[0]?.reason as Error).message)).toContain('already running');
    expect(await h.store.listRuns({ sourceId: 'lever-allegheny' })).toHaveLength(1);
  });

  it('runs once the lock of a crashed runner has expired, and not before', async () => {
    server.setBoard(COMPANY, board());
    const source = leverSource('lever-allegheny', server.origin, COMPANY);
    // A runner took the lock and died without releasing it.
    expect(await h.store.acquireLock('source:lever-allegheny', 'crashed-host:4242:dead', 200)).toBe(true);

    await expect(runSourceNow(source, deps())).rejects.toBeInstanceOf(SourceAlreadyRunningError);
    expect(await h.store.listRuns()).toHaveLength(0);

    await new Promise((resolve) => setTimeout(resolve, 300));
    const run = await runSourceNow(source, deps());
    expect(run.status).toBe('ok');
  });

  it('in a dry run counts what would change and writes nothing', async () => {
    server.setBoard(COMPANY, board());
    const run = await runSourceNow(leverSource('lever-allegheny', server.origin, COMPANY), deps({ dryRun: true }));
    expect(run.status).toBe('ok');
    expect(run.counts).toMatchObject({ new: 3 });
    expect(await h.store.countPostings()).toBe(0);
    expect(await h.store.listRuns()).toHaveLength(0);
  });

  it('when stopped mid-run lets the page in flight finish, ingests it and records the run as partial without expiring', async () => {
    const jobs = board();
    server.setBoard(COMPANY, jobs);
    const source = leverSource('lever-allegheny', server.origin, COMPANY);
    await runSourceNow(source, deps());
    server.setBoard(COMPANY, jobs.slice(1));
    server.delayMs = 200;
    const stop = new AbortController();
    server.onListingRequest = () => setTimeout(() => stop.abort(new Error('SIGTERM')), 20);

    const run = await runSourceNow(source, deps({ signal: stop.signal }));

    expect(run.status).toBe('partial');
    expect(run.pagesFetched).toBe(1);
    expect(run.counts.unchanged).toBe(2);
    expect(run.expired).toBe(0);
    expect(await h.store.countPostings({ source: 'lever-allegheny', statuses: ['active'] })).toBe(3);
    expect((await h.store.listRuns({ sourceId: 'lever-allegheny', last: 1 }))[0]?.status).toBe('partial');
  });
});

async function collect(harness: JobHarness) {
  const out = [];
  for await (const batch of harness.store.iteratePostings()) out.push(...batch);
  return out;
}
