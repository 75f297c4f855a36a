import type { ComponentChildren, VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { AssetBundle } from '../asset-build.ts';

export type Section = 'home' | 'jobs' | 'salaries' | 'employers' | 'none';

export interface PageMeta {
  title: string;
  section: Section;
  description?: string;
  /** Extra elements for <head> (alternate links, canonical URL, JSON-LD). */
  head?: ComponentChildren;
  /** Enhancement scripts this page loads; pages that work fine without one list none. */
  scripts?: ('employers.js' | 'salaries.js')[];
  /** Adds "noindex" (pages with one-time content, such as a new API key). */
  noindex?: boolean;
}

const NAV: { section: Section; href: string; label: string }[] = [
  { section: 'jobs', href: '/jobs', label: 'Find jobs' },
  { section: 'salaries', href: '/salaries', label: 'Salaries' },
  { section: 'employers', href: '/employers', label: 'Employers' },
];

function Layout(props: { meta: PageMeta; assets: AssetBundle; children: ComponentChildren }): VNode {
  const { meta, assets } = props;
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${meta.title} – Peerboard`}</title>
        {meta.description ? <meta name="description" content={meta.description} /> : null}
        {meta.noindex ? <meta name="robots" content="noindex" /> : null}
        <link rel="stylesheet" href={assets.byName['site.css'].path} />
        {meta.head}
        {(meta.scripts ?? []).map((s) => (
          <script type="module" src={assets.byName[s].path} />
        ))}
      </head>
      <body>
        <a class="skip-link" href="#main">
          Skip to main content
        </a>
        <header class="site-header">
          <div class="width-container">
            <a class="site-name" href="/">
              Peerboard
            </a>
            <nav class="site-nav" aria-label="Main">
              <ul>
                {NAV.map((n) => (
                  <li>
                    <a href={n.href} aria-current={meta.section === n.section ? 'page' : undefined}>
                      {n.label}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          </div>
        </header>
        <main id="main" class="width-container" tabIndex={-1}>
          {props.children}
        </main>
        <footer class="site-footer">
          <div class="width-container">
            <p>
              Peerboard lists peer support jobs from employers' own career pages and public job boards, and publishes what they pay. Pay figures are
              computed from postings that state pay; small groups are not published.
            </p>
            <p>
              For developers: the <a href="/graphql">GraphQL API</a> and CSV exports. <a href="/sitemap.xml">Sitemap</a>.
            </p>
          </div>
        </footer>
      </body>
    </html>
  );
}

/** A whole page as an HTML document string. */
export function renderPage(meta: PageMeta, assets: AssetBundle, body: ComponentChildren): string {
  return `<!doctype html>${renderToString(
    <Layout meta={meta} assets={assets}>
      {body}
    </Layout>,
  )}`;
}
