/* global document */
// The GraphQL IDE's browser code: the official GraphiQL, bundled by `npm run build` (bin/build.js)
// into dist/ide/graphiql.js and served by this server, so it works offline and the page's CSP
// needs no inline script. The page hands over the endpoint and our example operations as a JSON
// block (<script type="application/json">, which is data, never run).
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';

const config = JSON.parse(document.getElementById('ide-config').textContent);
const fetcher = createGraphiQLFetcher({ url: config.endpoint });
const tabs = config.examples.map((e) => ({ query: e.query, variables: e.variables ?? '', headers: e.headers ?? '' }));

createRoot(document.getElementById('graphiql')).render(
  createElement(GraphiQL, {
    fetcher,
    defaultTabs: tabs,
    // GraphiQL 4 fills the first tab's variable and header editors from these props only (it
    // ignores defaultTabs[0].variables and .headers when it opens): give it the first example's.
    ...(tabs[0] ? { variables: tabs[0].variables, headers: tabs[0].headers } : {}),
    // Headers are editable (an employer pastes an API key there); they are not kept in the
    // browser's storage, so a key does not outlive the tab.
    isHeadersEditorEnabled: true,
    shouldPersistHeaders: false,
    defaultEditorToolsVisibility: true,
    // Without introspection the IDE runs queries but cannot explore the schema.
    ...(config.introspection ? {} : { schema: null }),
  }),
);
