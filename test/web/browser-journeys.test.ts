import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { TestServer } from '../server/server-harness.ts';
import { axeViolations, horizontalOverflow, launchChromium, screenshot } from './browser-harness.ts';
import type { Browser } from './browser-harness.ts';
import { startDemoServer } from './web-harness.ts';

/**
 * The three users' journeys in Chromium, on a server holding the demo's sample, with axe-core
 * (WCAG 2.2 AA rules) on every page they pass and screenshots at 1280 and 390 px.
 */
let s: TestServer;
let browser: Browser;
let page: Page;
const problems: string[] = [];

beforeAll(async () => {
  // Launch first: a missing Chromium fails here, loudly.
  browser = await launchChromium();
  s = await startDemoServer();
  page = await browser.context.newPage();
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !/Failed to load resource: the server responded with a status of (400|403|404)/.test(msg.text())) problems.push(`console: ${msg.text()}`);
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await s?.close();
});

async function expectAccessible(where: string): Promise<void> {
  const violations = await axeViolations(page);
  expect(violations, `${where}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
}

async function expectFitsBothWidths(name: string): Promise<void> {
  await screenshot(page, name, 390);
  expect(await horizontalOverflow(page), `${name} scrolls sideways at 390 px`).toBeLessThanOrEqual(0);
  await screenshot(page, name, 1280);
  const mainWidth = await page.locator('main').evaluate((m) => m.getBoundingClientRect().width);
  expect(mainWidth, `${name} uses the width at 1280 px`).toBeGreaterThan(1100);
}

describe('a job seeker', () => {
  it('searches with a typo, filters by setting and place, opens a job and follows the feed link', async () => {
    await page.goto(`${s.server.url}/`);
    await expectAccessible('/');
    // Keyboard: the first Tab stop is the skip link, and it is visible when focused.
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to main content' });
    await expect.poll(() => skip.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await skip.evaluate((el) => el.getBoundingClientRect().top >= 0)).toBe(true);
    await expectFitsBothWidths('home');

    await page.getByLabel('What').fill('recovry coach');
    await page.getByRole('button', { name: 'Search jobs' }).click();
    await page.waitForURL(/\/jobs\?q=recovry\+coach/);
    const heading = page.getByRole('heading', { level: 2, name: /^\d[\d,]* jobs?$/ });
    const before = Number((await heading.textContent())!.replace(/\D/g, ''));
    expect(before).toBeGreaterThan(5);

    await page.getByLabel(/^Community organizations \(\d+\)$/).check();
    await page.getByLabel('Near').fill('Columbus, OH');
    await page.getByLabel('Within (miles)').selectOption('250');
    // The focus ring is visible on a focused field.
    expect(await page.getByLabel('Near').evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe('none');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/setting=community_org/);
    expect(page.url()).toContain('near=Columbus%2C+OH');
    const after = Number((await page.getByRole('heading', { level: 2, name: /^\d[\d,]* jobs?$/ }).textContent())!.replace(/\D/g, ''));
    expect(after).toBeGreaterThan(0);
    expect(after).toBeLessThan(before);
    await expectAccessible('/jobs filtered');
    await expectFitsBothWidths('jobs');
    expect(await page.locator('script[src]').count()).toBe(0);

    const feedHref = await page.getByRole('link', { name: /feed \(Atom\)/ }).getAttribute('href');
    const first = page.locator('.job-list > li h3 a').first();
    const title = await first.textContent();
    await first.click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(title);
    expect(await page.getByText(/comparable postings/).count()).toBeGreaterThan(0);
    await expectAccessible('/jobs/{id}');
    await expectFitsBothWidths('job');

    await page.goBack();
    await page.getByRole('link', { name: /feed \(Atom\)/ }).waitFor();
    const feed = await page.evaluate(async (href) => {
      const res = await fetch(href);
      const doc = new DOMParser().parseFromString(await res.text(), 'application/xml');
      return {
        status: res.status,
        type: res.headers.get('content-type'),
        parseError: doc.getElementsByTagName('parsererror').length,
        root: doc.documentElement.namespaceURI,
        entries: doc.getElementsByTagName('entry').length,
      };
    }, feedHref!);
    expect(feed).toEqual({ status: 200, type: 'application/atom+xml; charset=utf-8', parseError: 0, root: 'http://www.w3.org/2005/Atom', entries: after });
    await page.goto(`${s.server.url}${feedHref}`);
  });
});

describe('an employer', () => {
  it('registers, posts a job with live market position, sees it in search and closes it', async () => {
    const sent: { url: string; authorization: string | undefined; body: string | null }[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST') sent.push({ url: r.url(), authorization: r.headers().authorization, body: r.postData() });
    });
    await page.goto(`${s.server.url}/employers`);
    await expectAccessible('/employers');
    await expectFitsBothWidths('employers');

    const register = page.getByRole('region', { name: 'Register your organisation' });
    await register.getByLabel('Organisation name').fill('Lakeside Peer Services');
    await register.getByLabel('Email address').fill('jobs@lakeside.example.org');
    await register.getByRole('button', { name: 'Register and get an API key' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your API key' }).waitFor();
    const key = await page.getByLabel('API key').inputValue();
    expect(key).toMatch(/^pbk_[A-Za-z0-9_-]{43}$/);
    await page.getByRole('button', { name: 'Copy the key' }).click();
    await expect.poll(() => page.getByRole('status').last().textContent()).toMatch(/Copied|Could not copy/);
    await expectAccessible('key page');
    await page.getByRole('link', { name: 'Post a job' }).click();

    const post = page.getByRole('region', { name: 'Post a job' });
    await post.getByLabel('Your API key').fill(key);
    // First an incomplete form: the error summary leads to each field.
    await post.getByRole('button', { name: 'Post the job' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await summary.waitFor();
    await expect.poll(() => summary.evaluate((el) => el === document.activeElement)).toBe(true);
    await expectAccessible('/employers with errors');
    await summary.getByRole('link', { name: /^Lowest pay/ }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('e-payMin');

    const form = page.getByRole('region', { name: 'Post a job' });
    expect(await form.getByLabel('Your API key').inputValue()).toBe(key); // kept in the page's memory, not in the HTML
    await form.getByLabel('Job title').fill('Peer Recovery Specialist - Lakeside Crisis Center');
    await form.getByLabel('Location').fill('Columbus, OH');
    await form.getByLabel('Lowest pay in dollars').fill('21.50');
    await form.getByLabel('Highest pay in dollars').fill('25');
    await form.getByLabel('Crisis stabilization units').check();
    const live = form.locator('[data-market-output]');
    await expect.poll(() => live.textContent(), { timeout: 5000 }).toMatch(/sits at the \d+(st|nd|rd|th) percentile of \d+ comparable postings|Too few comparable postings/);
    await form.getByLabel('Description').fill('Support adults in our crisis stabilization unit and mobile crisis team. Lived experience of recovery required.');
    await form.getByLabel('Apply link').fill('https://lakeside.example.org/careers/peer');
    await form.getByRole('button', { name: 'Post the job' }).click();
    await page.getByRole('heading', { name: 'Your job is posted' }).waitFor();
    const posts = sent.filter((r) => r.url.endsWith('/employers/jobs'));
    expect(posts.length).toBeGreaterThan(0);
    for (const r of posts) {
      expect(r.authorization).toBe(`Bearer ${key}`);
      expect(r.body ?? '').not.toContain('apiKey');
      expect(r.url).not.toContain(key);
    }
    const jobHref = await page.getByRole('link', { name: 'Peer Recovery Specialist - Lakeside Crisis Center' }).first().getAttribute('href');

    await page.goto(`${s.server.url}/jobs?q=lakeside+crisis`);
    await page.getByRole('link', { name: 'Peer Recovery Specialist - Lakeside Crisis Center' }).click();
    await page.waitForURL(`**${jobHref}`);
    expect(await page.getByRole('region', { name: 'How this pay compares' }).textContent()).toMatch(/percentile of \d+ comparable postings|Too few comparable postings/);

    await page.goto(`${s.server.url}/employers`);
    const mine = page.getByRole('region', { name: 'Your jobs' });
    await mine.getByLabel('Your API key').fill(key);
    await mine.getByRole('button', { name: 'Show my jobs' }).click();
    await page.getByText('Jobs posted by').waitFor();
    await expectAccessible('/employers with jobs');
    await page.getByRole('button', { name: 'Close Peer Recovery Specialist - Lakeside Crisis Center' }).click();
    await page.getByText(/is closed: it no longer appears in search/).waitFor();
    await page.goto(`${s.server.url}${jobHref}`);
    expect(await page.getByRole('status').textContent()).toContain('Applications are closed');
    expect(sent.every((r) => !r.url.includes('pbk_'))).toBe(true);
  });
});

describe('an analyst', () => {
  it('opens salaries, changes setting and state, sees the charts and tables, and downloads the CSV', async () => {
    await page.goto(`${s.server.url}/salaries`);
    await page.locator('.chart canvas').first().waitFor();
    expect(await page.locator('.chart').count()).toBe(4);
    await expectAccessible('/salaries');
    await expectFitsBothWidths('salaries');

    await page.getByLabel('Setting', { exact: true }).selectOption('outpatient');
    await page.getByLabel('State', { exact: true }).selectOption('PA');
    await page.getByRole('button', { name: 'Show pay' }).click();
    await page.waitForURL(/setting=outpatient&state=PA/);
    await page.locator('.chart canvas').first().waitFor();
    expect(await page.getByRole('table', { name: /Pay by state: Outpatient programs/ }).count()).toBe(1);
    expect(await page.getByRole('row', { name: /Pennsylvania \(selected\)/ }).count()).toBe(1);
    await expectAccessible('/salaries filtered');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Pay by state (CSV)' }).click()]);
    expect(download.url()).toContain('/export/salary-stats.csv?settings=OUTPATIENT&includeExpired=true&postedWithinDays=365&groupBy=STATE');
    const csv = await readFile((await download.path()), 'utf8');
    expect(csv.split('\n')[0]).toMatch(/state/i);
    expect(csv).toMatch(/\nPA,|"PA"/);
    expect(problems).toEqual([]);
  });
});
