import { afterEach, describe, expect, it } from 'vitest';
import type { Runtime } from '../../store/runtime-port.ts';
import { captureLogger } from './log-capture.ts';
import { silentLogger } from '../../server/logging/logger.ts';
import { IDE_EXAMPLES } from '../../server/ide/ide-examples.ts';
import { ensureIdeBundle } from './ide-bundle.ts';
import { startTestServer } from './server-harness.ts';
import type { TestServer } from './server-harness.ts';

let t: TestServer | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const html = { accept: 'text/html,application/xhtml+xml' };

describe('the offline GraphQL IDE', () => {
  it('is the official GraphiQL, served in development from this server only, under a CSP without inline script', async () => {
    ensureIdeBundle();
    t = await startTestServer({ NODE_ENV: 'development' });
    const page = await t.request('/graphql', { headers: html });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const text = await page.text();
    expect(text).toContain('<script src="/ide/graphiql.js" defer></script>');
    expect(text).toContain('<link rel="stylesheet" href="/ide/graphiql.css">');
    // Nothing loads from elsewhere: every script, style and link is same-origin.
    expect(text).not.toMatch(/(src|href)="(https?:)?\/\//);
    // The only inline script is a JSON data block, which browsers never run.
    expect([...text.matchAll(/<script([^>]*)>/g)].map((m) => m[1]!.trim())).toEqual(['type="application/json" id="ide-config"', 'src="/ide/graphiql.js" defer']);
    const config = JSON.parse(/<script type="application\/json" id="ide-config">(.*?)<\/script>/s.exec(text)![1]!) as { endpoint: string; examples: { query: string; headers?: string }[] };
    expect(config.endpoint).toBe('/graphql');
    expect(config.examples.map((e) => /(query|mutation) (\w+)/.exec(e.query)?.[2])).toEqual(IDE_EXAMPLES.map((e) => /(query|mutation) (\w+)/.exec(e.query)?.[2]));
    expect(config.examples.some((e) => e.headers?.includes('Authorization'))).toBe(true);
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).not.toMatch(/unsafe-inline[^;]*;?.*script-src|script-src[^;]*unsafe-inline/);
    expect(csp).not.toContain('upgrade-insecure-requests');
    const script = await t.request('/ide/graphiql.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/^application\/javascript/);
    const code = await script.text();
    expect(code).toContain('graphiql');
    expect(code).not.toMatch(/https?:\/\/(unpkg|cdn\.jsdelivr|esm\.sh)/);
    const css = await t.request('/ide/graphiql.css');
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
    // No other file of dist/ is reachable through the IDE's paths.
    expect((await t.request('/ide/../build-info.json')).status).toBe(404);
    expect((await t.request('/ide/graphiql.js.LEGAL.txt')).status).toBe(404);
    // Introspection is on in development: the IDE's explorer works.
    expect((await t.gql('{ __schema { queryType { name } } }')).body.data!.__schema.queryType.name).toBe('Query');
  });

  it('is off in production, with introspection, unless turned on', async () => {
    t = await startTestServer({ NODE_ENV: 'production' });
    const page = await t.request('/graphql', { headers: html });
    expect(page.headers.get('content-type')).not.toMatch(/text\/html/);
    expect((await t.request('/ide/graphiql.js')).status).toBe(404);
    const intro = await t.gql('{ __schema { types { name } } }');
    expect(intro.status).toBe(400);
    expect(intro.body.errors?.[0]?.message).toMatch(/introspection is not allowed/i);
    await t.close();
    t = await startTestServer({ NODE_ENV: 'production', GRAPHQL_IDE: 'on', GRAPHQL_INTROSPECTION: 'on' });
    expect((await t.request('/graphql', { headers: html })).status).toBe(200);
    expect((await t.gql('{ __schema { queryType { name } } }')).status).toBe(200);
  });
});

/** The real runtime with a statistics engine that fails the way a broken dependency would. */
function withFailingStats(runtime: Runtime): Runtime {
  const stats = new Proxy(runtime.stats, {
    get(target, prop, receiver) {
      if (prop === 'salaryStats') {
        return () => {
          throw new Error('EACCES: permission denied, open /var/lib/peerboard/secret-stats.bin');
        };
      }
      const v = Reflect.get(target, prop, receiver) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
  return { ...runtime, stats };
}

describe('errors', () => {
  it('are masked in production: a code and "Internal server error", the detail only in the log', async () => {
    t = await startTestServer({ NODE_ENV: 'production' });
    const { start } = await import('../../server/app.ts');
    const captured = captureLogger();
    const failing = await start({ config: t.config, runtime: withFailingStats(t.runtime), logger: captured.logger });
    try {
      const res = await fetch(failing.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ salaryStats { count } }' }),
      });
      const text = await res.text();
      expect(res.status).toBeLessThan(600);
      expect(JSON.parse(text).errors).toEqual([{ message: 'Internal server error', locations: [{ line: 1, column: 3 }], path: ['salaryStats'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }]);
      expect(text).not.toMatch(/secret|EACCES|stacktrace/);
      expect(captured.lines.join('\n')).toContain('secret-stats.bin');
      // Validation errors stay readable, without "did you mean" schema hints.
      const typo = await (
        await fetch(failing.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ setings { key } }' }) })
      ).json() as { errors: { message: string }[] };
      expect(typo.errors[0]!.message).toBe('Cannot query field "setings" on type "Query".');
    } finally {
      await failing.stop();
    }
  });

  it('keep the message but never a stack trace in development', async () => {
    t = await startTestServer({ NODE_ENV: 'development' });
    const { start } = await import('../../server/app.ts');
    const failing = await start({ config: t.config, runtime: withFailingStats(t.runtime), logger: silentLogger() });
    try {
      const body = await (
        await fetch(failing.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ salaryStats { count } }' }) })
      ).json() as { errors: { message: string; extensions: unknown }[] };
      expect(body.errors[0]!.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
      expect(body.errors[0]!.message).toContain('EACCES');
    } finally {
      await failing.stop();
    }
  });
});

describe('CORS and security headers', () => {
  it('allows only the configured origins', async () => {
    t = await startTestServer({ CORS_ORIGINS: 'https://dashboard.example.org, https://jobs.example.org' });
    const preflight = (origin: string) =>
      t!.request('/graphql', {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' },
      });
    const allowed = await preflight('https://dashboard.example.org');
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://dashboard.example.org');
    expect(allowed.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
    const denied = await preflight('https://evil.example');
    expect(denied.headers.get('access-control-allow-origin')).toBeNull();
    const simple = await t.request('/graphql', { method: 'POST', headers: { origin: 'https://evil.example', 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
    expect(simple.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('sends helmet headers and hides the framework', async () => {
    t = await startTestServer();
    const res = await t.request('/healthz');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-powered-by')).toBeNull();
  });
});

describe('query limits', () => {
  it('names the depth limit when a query nests real fields past it', async () => {
    t = await startTestServer({}, { limits: { maxDepth: 3 } });
    const r = await t.gql('{ searchJobs { edges { node { pay { min } } } } }');
    expect(r.status).toBe(400);
    expect(r.body.errors).toEqual([
      { message: 'depth limit: the operation nests fields 5 deep; the maximum is 3', locations: [{ line: 1, column: 1 }], extensions: { code: 'BAD_USER_INPUT', limit: 'depth' } },
    ]);
    expect((await t.gql('{ searchJobs { totalCount } }')).status).toBe(200);
  });

  it('costs a search by its page size, a variable page size at the maximum', async () => {
    t = await startTestServer({}, { limits: { maxCost: 200 } });
    const fields = '{ edges { node { id pay { min } location { city } } } }';
    // 10 for the search + edges: 1 + 10 × (node 1 + pay 1 + location 1) = 41.
    expect((await t.gql(`{ searchJobs(first: 10) ${fields} }`)).status).toBe(200);
    const big = await t.gql(`query($n: Int) { searchJobs(first: $n) ${fields} }`, { n: 10 });
    expect(big.status).toBe(400);
    expect(big.body.errors?.[0]?.message).toBe('cost limit: the operation is estimated at 311; the maximum is 200 (ask for fewer results with first, or fewer fields)');
  });
});
