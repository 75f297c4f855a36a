import iconv from 'iconv-lite';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  BodyTooLargeError,
  classifyNetworkError,
  createFetcher,
  HostUnreachableError,
  FetchError,
  OffHostRedirectError,
  parseRetryAfterMs,
  peerboardUserAgent,
  RobotsDisallowedError,
  UnsupportedUrlError,
  type FetcherOptions,
} from '../../scrapers/http/index.ts';
import { gunzipIfCompressed } from '../../scrapers/http/body-reader.ts';
import { html, startFixtureServer, type FixtureServer } from '../fixtures/fixture-server.ts';

/** A clock that only moves when the fetcher sleeps, so backoff and pacing are exact and instant. */
function fakeTime() {
  let now = 1_700_000_000_000;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    },
  };
}

let server: FixtureServer;
let time: ReturnType<typeof fakeTime>;

function fetcher(options: Partial<FetcherOptions> = {}) {
  return createFetcher({ contact: 'https://peerboard.example/contact', defaultDelayMs: 0, now: time.now, sleep: time.sleep, random: () => 0.5, ...options });
}

beforeEach(async () => {
  server = await startFixtureServer();
  time = fakeTime();
  server.route('/robots.txt', { headers: { 'content-type': 'text/plain' }, body: 'User-agent: *\nDisallow: /private/\n\nUser-agent: PeerboardBot\nDisallow: /no-bots/\nAllow: /\n' });
});
afterEach(async () => {
  await server.close();
});

describe('robots.txt', () => {
  it('never requests a URL robots.txt disallows for PeerboardBot, and counts the skip', async () => {
    server.route('/no-bots/jobs', html('<p>secret</p>'));
    const f = fetcher();
    await expect(f.fetch({ url: `${server.origin}/no-bots/jobs` })).rejects.toBeInstanceOf(RobotsDisallowedError);
    expect(server.requestsTo('/no-bots')).toHaveLength(0);
    expect(f.stats().robotsSkipped).toBe(1);
  });

  it('follows the PeerboardBot group, not the * group, when both exist', async () => {
    server.route('/private/jobs', html('<p>jobs</p>'));
    const res = await fetcher().fetch({ url: `${server.origin}/private/jobs` });
    expect(res.text).toContain('jobs');
  });

  it('reads robots.txt once per host while the cached copy is fresh, and again after the TTL', async () => {
    server.route('/a', html('a'));
    const f = fetcher({ robotsCacheTtlMs: 60_000 });
    await f.fetch({ url: `${server.origin}/a` });
    await f.fetch({ url: `${server.origin}/a` });
    expect(server.requestsTo('/robots.txt')).toHaveLength(1);
    await time.sleep(61_000);
    await f.fetch({ url: `${server.origin}/a` });
    expect(server.requestsTo('/robots.txt')).toHaveLength(2);
  });

  it('treats a 5xx robots.txt as disallow-all: nothing else on the host is fetched', async () => {
    server.route('/robots.txt', { status: 503, body: 'down for maintenance' });
    server.route('/jobs', html('<p>jobs</p>'));
    const f = fetcher({ maxRetries: 1 });
    await expect(f.fetch({ url: `${server.origin}/jobs` })).rejects.toBeInstanceOf(RobotsDisallowedError);
    expect(server.requests.map((r) => r.path)).toEqual(['/robots.txt', '/robots.txt']);
  });

  it('says the host refused the connection, keeping "unreachable robots.txt means disallow" as the detail', async () => {
    const origin = server.origin;
    await server.close();
    server = await startFixtureServer();
    const f = fetcher({ maxRetries: 0 });
    const error = await f.fetch({ url: `${origin}/jobs` }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HostUnreachableError);
    expect(error).not.toBeInstanceOf(RobotsDisallowedError);
    expect((error as HostUnreachableError).failure).toBe('refused');
    expect((error as Error).message).toMatch(/unreachable: connection refused \(connect ECONNREFUSED 127\.0\.0\.1:\d+\)/);
    expect((error as Error).message).toContain('an unreachable robots.txt means disallow (RFC 9309 §2.3.1.4)');
    expect((error as Error).message).not.toMatch(/^robots\.txt disallows/);
    // The verdict is remembered briefly: the next page on that host fails the same way without a request.
    await expect(f.fetch({ url: `${origin}/jobs/2` })).rejects.toThrow(/connection refused/);
    expect(f.stats().robotsSkipped).toBe(0);
  });

  it('says a host timed out when robots.txt never answers', async () => {
    server.route('/robots.txt', { delayMs: 2000, body: 'User-agent: *\nAllow: /\n' });
    const f = fetcher({ maxRetries: 0, timeoutMs: 100 });
    const error = await f.fetch({ url: `${server.origin}/jobs` }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HostUnreachableError);
    expect((error as HostUnreachableError).failure).toBe('timeout');
    expect((error as Error).message).toMatch(/unreachable: timed out/);
  });

  it('says TLS failed when an https URL meets a plain-http server', async () => {
    const f = fetcher({ maxRetries: 0 });
    const error = await f.fetch({ url: `${server.origin.replace('http:', 'https:')}/jobs` }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HostUnreachableError);
    expect((error as HostUnreachableError).failure).toBe('tls');
    expect((error as Error).message).toMatch(/unreachable: TLS failure/);
  });

  it('sorts network errors by cause: DNS, refused, timeout, TLS, reset', () => {
    const wrapped = (code: string, message = `${code} thing`) => Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error(message), { code }) });
    expect(classifyNetworkError(wrapped('ENOTFOUND', 'getaddrinfo ENOTFOUND jobs.example.org'))).toEqual({ kind: 'dns', detail: 'getaddrinfo ENOTFOUND jobs.example.org' });
    expect(classifyNetworkError(wrapped('EAI_AGAIN')).kind).toBe('dns');
    expect(classifyNetworkError(wrapped('ECONNREFUSED')).kind).toBe('refused');
    expect(classifyNetworkError(wrapped('UND_ERR_CONNECT_TIMEOUT')).kind).toBe('timeout');
    expect(classifyNetworkError(Object.assign(new Error('The operation was aborted due to timeout'), { name: 'TimeoutError' })).kind).toBe('timeout');
    expect(classifyNetworkError(wrapped('CERT_HAS_EXPIRED', 'certificate has expired')).kind).toBe('tls');
    expect(classifyNetworkError(wrapped('ERR_TLS_CERT_ALTNAME_INVALID')).kind).toBe('tls');
    expect(classifyNetworkError(wrapped('ECONNRESET')).kind).toBe('reset');
    // Happy-eyeballs: several attempts in an AggregateError.
    const aggregate = Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new AggregateError([Object.assign(new Error('connect ECONNREFUSED ::1:80'), { code: 'ECONNREFUSED' })]), { code: 'ECONNREFUSED' }) });
    expect(classifyNetworkError(aggregate).kind).toBe('refused');
    expect(classifyNetworkError(new Error('something else')).kind).toBe('network');
  });

  it('treats a 4xx robots.txt as allow-all', async () => {
    server.route('/robots.txt', { status: 404, body: 'not found' });
    server.route('/no-bots/jobs', html('<p>open</p>'));
    const res = await fetcher().fetch({ url: `${server.origin}/no-bots/jobs` });
    expect(res.text).toContain('open');
  });

  it('waits the robots.txt Crawl-delay between requests when it is longer than the source delay', async () => {
    server.route('/robots.txt', { headers: { 'content-type': 'text/plain' }, body: 'User-agent: PeerboardBot\nCrawl-delay: 5\nAllow: /\n' });
    server.route('/p', html('p'));
    const f = fetcher({ defaultDelayMs: 1000 });
    await f.fetch({ url: `${server.origin}/p` });
    await f.fetch({ url: `${server.origin}/p` });
    expect(time.sleeps).toContain(5000);
  });
});

describe('pacing', () => {
  it('keeps one request at a time per host with the requested delay between them', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    server.route('/slow', async () => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((r) => setTimeout(r, 20));
      inFlight--;
      return html('ok');
    });
    const f = fetcher();
    await Promise.all([1, 2, 3].map((n) => f.fetch({ url: `${server.origin}/slow?n=${n}`, delayMs: 1500 })));
    expect(maxInFlight).toBe(1);
    // robots.txt, then three pages: each page after the first waits the full delay (the clock is fake).
    expect(time.sleeps.filter((ms) => ms === 1500)).toHaveLength(3);
  });
});

describe('retries', () => {
  it('retries a 500 with exponential backoff and full jitter, then succeeds', async () => {
    let calls = 0;
    server.route('/flaky', () => (++calls < 3 ? { status: 500, body: 'oops' } : html('finally')));
    const f = fetcher({ backoffBaseMs: 1000, random: () => 0.5 });
    const res = await f.fetch({ url: `${server.origin}/flaky` });
    expect(res.text).toBe('finally');
    // random 0.5 × ceilings 1000, 2000
    expect(time.sleeps).toEqual([500, 1000]);
    expect(f.stats().retries).toBe(2);
  });

  it('honours Retry-After in seconds on a 429', async () => {
    let calls = 0;
    server.route('/busy', () => (++calls === 1 ? { status: 429, headers: { 'retry-after': '7' }, body: '' } : html('ok')));
    await fetcher().fetch({ url: `${server.origin}/busy` });
    expect(time.sleeps).toEqual([7000]);
  });

  it('honours Retry-After given as an HTTP date', () => {
    const now = Date.parse('Wed, 21 May 2025 07:28:00 GMT');
    expect(parseRetryAfterMs('Wed, 21 May 2025 07:28:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfterMs('soon', now)).toBeUndefined();
  });

  it('gives up after maxRetries with a retryable FetchError carrying the status', async () => {
    server.route('/down', { status: 502, body: 'bad gateway' });
    const f = fetcher({ maxRetries: 2 });
    const error = await f.fetch({ url: `${server.origin}/down` }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FetchError);
    expect((error as FetchError).retryable).toBe(true);
    expect((error as FetchError).status).toBe(502);
    expect(server.requestsTo('/down')).toHaveLength(3);
  });

  it('does not retry a 404, and tells the caller to skip the item', async () => {
    const error = await fetcher().fetch({ url: `${server.origin}/gone` }).catch((e: unknown) => e);
    expect((error as FetchError).status).toBe(404);
    expect((error as FetchError).nextStep).toBe('skip');
    expect(server.requestsTo('/gone')).toHaveLength(1);
  });

  it('tells the caller to abort the run on 403', async () => {
    server.route('/forbidden', { status: 403, body: 'no' });
    const error = await fetcher().fetch({ url: `${server.origin}/forbidden` }).catch((e: unknown) => e);
    expect((error as FetchError).nextStep).toBe('abort');
  });

  it('times out a stalled answer and retries it', async () => {
    let calls = 0;
    server.route('/stall', () => (++calls === 1 ? { delayMs: 2000, body: 'late' } : html('on time')));
    const res = await fetcher({ timeoutMs: 150 }).fetch({ url: `${server.origin}/stall` });
    expect(res.text).toBe('on time');
    expect(calls).toBe(2);
  });
});

describe('safety', () => {
  it('follows a redirect on the same host', async () => {
    server.route('/old-careers', { status: 301, headers: { location: '/careers' } });
    server.route('/careers', html('<h1>Careers</h1>'));
    const res = await fetcher().fetch({ url: `${server.origin}/old-careers` });
    expect(res.url).toBe(`${server.origin}/careers`);
    expect(res.text).toContain('Careers');
  });

  it('refuses a redirect to another host without requesting it', async () => {
    const other = await startFixtureServer();
    try {
      other.route('/robots.txt', { status: 404 });
      other.route('/elsewhere', html('elsewhere'));
      server.route('/jump', { status: 302, headers: { location: `${other.origin}/elsewhere` } });
      await expect(fetcher().fetch({ url: `${server.origin}/jump` })).rejects.toBeInstanceOf(OffHostRedirectError);
      expect(other.requests).toHaveLength(0);
    } finally {
      await other.close();
    }
  });

  it('stops after five redirects', async () => {
    server.route('/loop', { status: 302, headers: { location: '/loop' } });
    await expect(fetcher().fetch({ url: `${server.origin}/loop` })).rejects.toThrow(/more than 5 redirects/);
    expect(server.requestsTo('/loop')).toHaveLength(6);
  });

  it.each(['file:///etc/passwd', 'data:text/html,<p>x</p>', 'ftp://example.org/jobs.txt', 'javascript:alert(1)'])('refuses %s', async (url) => {
    await expect(fetcher().fetch({ url })).rejects.toBeInstanceOf(UnsupportedUrlError);
  });

  it('aborts an oversized page while it streams', async () => {
    server.route('/huge', { headers: { 'content-type': 'text/html' }, body: '<p>' + 'x'.repeat(300_000) + '</p>', hang: true });
    await expect(fetcher({ maxBodyBytes: 100_000 }).fetch({ url: `${server.origin}/huge` })).rejects.toBeInstanceOf(BodyTooLargeError);
  });

  it('refuses an oversized page from its Content-Length', async () => {
    server.route('/big', html('y'.repeat(200_000)));
    await expect(fetcher({ maxBodyBytes: 100_000 }).fetch({ url: `${server.origin}/big` })).rejects.toBeInstanceOf(BodyTooLargeError);
  });

  it('sends an honest User-Agent with the contact URL', async () => {
    server.route('/ua', html('ok'));
    await fetcher().fetch({ url: `${server.origin}/ua` });
    expect(server.requestsTo('/ua')[0]?.headers['user-agent']).toBe('PeerboardBot/0.1 (+https://peerboard.example/contact)');
    expect(peerboardUserAgent('mailto:ops@peerboard.example')).toBe('PeerboardBot/0.1 (+mailto:ops@peerboard.example)');
  });
});

describe('decoding and caching', () => {
  it('decodes a windows-1252 page declared only in <meta http-equiv>', async () => {
    const page = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252"></head><body>Peer Specialist – Café “Recovery” $18–$20</body></html>';
    server.route('/legacy', { headers: { 'content-type': 'text/html' }, body: iconv.encode(page, 'windows-1252') });
    const res = await fetcher().fetch({ url: `${server.origin}/legacy` });
    expect(res.text).toContain('Peer Specialist – Café “Recovery” $18–$20');
  });

  it('decodes with the Content-Type charset, reading ISO-8859-1 as windows-1252 like browsers', async () => {
    server.route('/latin', { headers: { 'content-type': 'text/html; charset=ISO-8859-1' }, body: iconv.encode('Se\u00f1or – peer', 'windows-1252') });
    const res = await fetcher().fetch({ url: `${server.origin}/latin` });
    expect(res.text).toBe('Señor – peer');
  });

  it('revalidates with If-None-Match / If-Modified-Since and reuses the body on 304', async () => {
    server.route('/listing', (req) =>
      req.headers['if-none-match'] === '"v1"' ? { status: 304, headers: { etag: '"v1"' } } : html('<ul><li>job</li></ul>', { etag: '"v1"', 'last-modified': 'Tue, 20 May 2025 12:00:00 GMT' }),
    );
    const f = fetcher();
    const first = await f.fetch({ url: `${server.origin}/listing` });
    const second = await f.fetch({ url: `${server.origin}/listing` });
    expect(first.notModified).toBe(false);
    expect(second.notModified).toBe(true);
    expect(second.text).toBe('<ul><li>job</li></ul>');
    const sent = server.requestsTo('/listing')[1]?.headers;
    expect(sent?.['if-none-match']).toBe('"v1"');
    expect(sent?.['if-modified-since']).toBe('Tue, 20 May 2025 12:00:00 GMT');
  });

  it('counts requests and pages', async () => {
    server.route('/x', html('x'));
    const f = fetcher();
    await f.fetch({ url: `${server.origin}/x` });
    expect(f.stats()).toMatchObject({ requests: 2, pagesFetched: 1, robotsSkipped: 0, retries: 0 });
  });
});

describe('gzip files (sitemap.xml.gz)', () => {
  it('inflates a body that is a gzip file and leaves other bytes alone', () => {
    const xml = '<?xml version="1.0"?><urlset><url><loc>https://x.example/jobs/1</loc></url></urlset>';
    expect(Buffer.from(gunzipIfCompressed(gzipSync(Buffer.from(xml)), 'https://x.example/sitemap.xml.gz', 1_000_000, 200)).toString('utf8')).toBe(xml);
    const plain = new TextEncoder().encode('<html><body>not gzip at all</body></html>');
    expect(gunzipIfCompressed(plain, 'https://x.example/', 1_000_000, 200)).toBe(plain);
  });

  it('refuses a small gzip file that inflates past the body limit', () => {
    const bomb = gzipSync(Buffer.alloc(2_000_000, 0x20));
    expect(() => gunzipIfCompressed(bomb, 'https://x.example/sitemap.xml.gz', 1_000_000, 200)).toThrow(BodyTooLargeError);
  });
});
