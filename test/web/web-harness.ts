import * as cheerio from 'cheerio';
import { ingestSample } from '../../jobs/commands/demo.ts';
import { startTestServer } from '../server/server-harness.ts';
import type { TestServer } from '../server/server-harness.ts';

/** A real server with the demo's bundled sample ingested through the real pipeline. */
export async function startDemoServer(env: Record<string, string> = {}): Promise<TestServer> {
  const s = await startTestServer(env);
  try {
    await ingestSample(s.runtime);
  } catch (err) {
    await s.close();
    throw err;
  }
  return s;
}

export interface Page {
  status: number;
  headers: Headers;
  text: string;
  $: cheerio.CheerioAPI;
}

/** GET a page as a browser asks for it. */
export async function getPage(s: TestServer, path: string, init: RequestInit = {}): Promise<Page> {
  const res = await s.request(path, { ...init, headers: { accept: 'text/html,application/xhtml+xml', ...(init.headers ?? {}) } });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, $: cheerio.load(text) };
}

/** A browser-like form session: keeps the CSRF cookie, sends same-origin fetch metadata. */
export class FormSession {
  private cookie = '';
  constructor(private readonly s: TestServer) {}

  async get(path: string): Promise<Page & { csrf: string }> {
    const page = await getPage(this.s, path, { headers: this.cookie ? { cookie: this.cookie } : {} });
    const set = page.headers.get('set-cookie');
    if (set) this.cookie = set.split(';')[0] ?? '';
    return { ...page, csrf: page.$('input[name=csrf]').first().val() as string };
  }

  async post(path: string, fields: Record<string, string | string[]>, headers: Record<string, string> = {}): Promise<Page> {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
    return getPage(this.s, path, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin', cookie: this.cookie, ...headers },
    });
  }
}
