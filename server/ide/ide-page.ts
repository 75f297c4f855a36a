import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { IDE_EXAMPLES } from './ide-examples.ts';

/**
 * The GraphQL IDE: the official GraphiQL (with React), bundled at install time by `npm run
 * build` (bin/build.js, from server/ide/graphiql-app.js) into dist/ide/, and served by this
 * server: no CDN, so it works offline and the page's CSP allows same-origin scripts only. The page
 * itself is static HTML plus a JSON data block (never run) with the endpoint and our examples.
 */
export const IDE_PATHS = { script: '/ide/graphiql.js', styles: '/ide/graphiql.css' } as const;

/** Where the bundle lives (dist/ide at the project root). */
export const IDE_BUNDLE_DIR = fileURLToPath(new URL('../../dist/ide/', import.meta.url));

export function ideBundleBuilt(): boolean {
  return existsSync(`${IDE_BUNDLE_DIR}graphiql.js`) && existsSync(`${IDE_BUNDLE_DIR}graphiql.css`);
}

export function idePageHtml(options: { introspection: boolean }): string {
  // Script content is raw text (no entity decoding): escape only what could close the element.
  const config = JSON.stringify({ endpoint: '/graphql', introspection: options.introspection, examples: IDE_EXAMPLES })
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Peerboard GraphQL</title>
<link rel="stylesheet" href="${IDE_PATHS.styles}">
</head>
<body>
<div id="graphiql" class="graphiql-container">Loading the GraphQL IDE… (if this stays, its bundle is missing: run <code>npm run build</code>)</div>
<script type="application/json" id="ide-config">${config}</script>
<script src="${IDE_PATHS.script}" defer></script>
</body>
</html>
`;
}
