import * as cheerio from 'cheerio';

/**
 * Reads a sitemap (`<urlset>`) or a sitemap index (`<sitemapindex>`) per sitemaps.org: the `<loc>`
 * of each entry. Parsed as XML so `<loc>` text with `&amp;` comes out decoded.
 */
export interface Sitemap {
  kind: 'urlset' | 'index';
  locations: string[];
}

export function looksLikeSitemap(text: string, contentType: string | undefined): boolean {
  const head = text.slice(0, 2000);
  return /<(?:[\w-]+:)?(?:urlset|sitemapindex)[\s>]/i.test(head) && (!contentType || !/html/i.test(contentType) || !/<html[\s>]/i.test(head));
}

export function parseSitemap(xml: string): Sitemap {
  const $ = cheerio.load(xml, { xml: true });
  const isIndex = $('sitemapindex').length > 0;
  const locations = (isIndex ? $('sitemap > loc') : $('url > loc'))
    .map((_, el) => $(el).text().trim())
    .get()
    .filter((l) => l !== '');
  return { kind: isIndex ? 'index' : 'urlset', locations };
}
