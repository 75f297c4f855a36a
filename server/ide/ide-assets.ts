/**
 * The offline GraphQL IDE: one HTML page, one script and one stylesheet, all served by this
 * server (Apollo's default landing page loads its code from a CDN, which fails offline and would
 * need a CSP hole). The script runs queries with fetch and builds a schema explorer from
 * introspection. It writes results with textContent only, so nothing a response holds can run as
 * markup, and it loads as a same-origin file, so the page's CSP needs no 'unsafe-inline' script.
 */

export const IDE_PATHS = { script: '/ide/ide.js', styles: '/ide/ide.css' } as const;

const EXAMPLES: Record<string, { query: string; variables?: string }> = {
  'Job seeker: search': {
    query: `query Search($q: String, $filter: JobFilter, $after: String) {
  searchJobs(query: $q, filter: $filter, first: 10, after: $after) {
    totalCount
    edges {
      cursor
      highlights { field snippet }
      node { id title employer location { display } settings pay { min max period hourlyMin hourlyMax } url }
    }
    pageInfo { hasNextPage endCursor }
    facets { settings { value label count } states { value count } }
  }
}`,
    variables: `{ "q": "recovery coach", "filter": { "states": ["OH"], "payMinHourly": 18 } }`,
  },
  'Analyst: salary statistics': {
    query: `{
  salaryStats(groupBy: [SETTING]) {
    group { dimension value label }
    count withPay payTransparency
    hourly { median p90 }
    annual { median p90 }
  }
}`,
  },
  'Analyst: trend': {
    query: `{
  salaryTrend(interval: QUARTER, filter: { includeExpired: true }) {
    period count withPay hourlyMedian hourlyP90
  }
}`,
  },
  'Employer: register': {
    query: `mutation Register($input: RegisterEmployerInput!) {
  registerEmployer(input: $input) { employer { id name } apiKey }
}`,
    variables: `{ "input": { "name": "Harbor Recovery Center", "email": "jobs@harbor.example", "website": "https://harbor.example" } }`,
  },
  'Employer: market position': {
    query: `{
  marketPosition(pay: { min: 19, max: 23, period: HOUR }, filter: { states: ["OH"] }) {
    percentile sampleSize hourlyMedian hourlyP90
  }
}`,
  },
  Settings: { query: `{ settings { key label description activePostings } }` },
};

export function idePageHtml(options: { introspection: boolean }): string {
  // Script content is raw text (no entity decoding): escape only what could close the element.
  const config = JSON.stringify({ endpoint: '/graphql', introspection: options.introspection, examples: EXAMPLES })
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
<header><h1>Peerboard GraphQL</h1><span class="hint">Ctrl+Enter runs the query</span></header>
<main>
  <section class="editor">
    <label>Example <select id="examples"><option value="">(choose)</option></select></label>
    <label for="query">Query</label>
    <textarea id="query" spellcheck="false" rows="18">{ settings { key label activePostings } }</textarea>
    <label for="variables">Variables (JSON)</label>
    <textarea id="variables" spellcheck="false" rows="4"></textarea>
    <label for="headers">Headers (JSON), e.g. {"Authorization": "Bearer pbk_..."}</label>
    <textarea id="headers" spellcheck="false" rows="2"></textarea>
    <button id="run" type="button">Run</button>
  </section>
  <section class="result"><div class="status" id="status"></div><pre id="result"></pre></section>
  <aside class="schema"><h2>Schema</h2><div id="schema">loading…</div></aside>
</main>
<script type="application/json" id="ide-config">${config}</script>
<script src="${IDE_PATHS.script}" defer></script>
</body>
</html>
`;
}

export const IDE_STYLES = `
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.4 system-ui, sans-serif; color: #1d2430; background: #f6f7f9; }
header { display: flex; align-items: baseline; gap: 1rem; padding: .5rem 1rem; background: #24405c; color: #fff; }
header h1 { font-size: 1.1rem; margin: 0; }
.hint { opacity: .8; font-size: .85rem; }
main { display: grid; grid-template-columns: minmax(0, 2fr) minmax(0, 2fr) minmax(0, 1.3fr); gap: 1rem; padding: 1rem; height: calc(100vh - 3rem); }
section, aside { display: flex; flex-direction: column; min-height: 0; }
label { font-weight: 600; margin: .4rem 0 .2rem; }
textarea, pre, select { font: 13px/1.4 ui-monospace, Menlo, Consolas, monospace; border: 1px solid #c6ccd5; border-radius: 4px; padding: .5rem; background: #fff; }
#query { flex: 1; }
button { margin-top: .6rem; padding: .5rem; font-weight: 600; background: #2f6f4f; color: #fff; border: 0; border-radius: 4px; cursor: pointer; }
button:hover { background: #275c42; }
pre { flex: 1; margin: 0; overflow: auto; white-space: pre-wrap; }
.status { min-height: 1.4rem; font-weight: 600; }
.status.error { color: #a12a2a; }
.schema { overflow: auto; background: #fff; border: 1px solid #c6ccd5; border-radius: 4px; padding: .5rem; }
.schema h2 { font-size: 1rem; margin: 0 0 .5rem; }
.schema h3 { font-size: .95rem; margin: .8rem 0 .2rem; }
.schema ul { list-style: none; padding-left: .5rem; margin: 0; }
.schema li { margin: .15rem 0; }
.schema .desc { color: #5b6573; font-size: .85rem; }
.schema a { color: #24405c; cursor: pointer; text-decoration: underline; }
`;

export const IDE_SCRIPT = `'use strict';
(function () {
  var config = JSON.parse(document.getElementById('ide-config').textContent);
  var $ = function (id) { return document.getElementById(id); };
  var types = {};

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }

  function parseJson(text, what) {
    if (!text.trim()) return {};
    try { return JSON.parse(text); } catch (e) { throw new Error(what + ' is not valid JSON: ' + e.message); }
  }

  function post(body, extraHeaders) {
    var headers = { 'Content-Type': 'application/json', 'Accept': 'application/json' };
    Object.keys(extraHeaders || {}).forEach(function (k) { headers[k] = String(extraHeaders[k]); });
    return fetch(config.endpoint, { method: 'POST', headers: headers, body: JSON.stringify(body) })
      .then(function (r) { return r.text().then(function (t) { return { status: r.status, text: t }; }); });
  }

  function run() {
    var status = $('status');
    status.className = 'status';
    status.textContent = 'running…';
    var body, headers;
    try {
      body = { query: $('query').value, variables: parseJson($('variables').value, 'Variables') };
      headers = parseJson($('headers').value, 'Headers');
    } catch (e) {
      status.className = 'status error';
      status.textContent = e.message;
      return;
    }
    var started = performance.now();
    post(body, headers).then(function (r) {
      var ms = Math.round(performance.now() - started);
      var shown = r.text;
      try { shown = JSON.stringify(JSON.parse(r.text), null, 2); } catch (e) { /* not JSON: show as is */ }
      $('result').textContent = shown;
      status.className = r.status >= 400 || /"errors"/.test(r.text) ? 'status error' : 'status';
      status.textContent = 'HTTP ' + r.status + ' in ' + ms + ' ms';
    }, function (e) {
      status.className = 'status error';
      status.textContent = 'request failed: ' + e.message;
    });
  }

  function typeName(t) {
    if (t.kind === 'NON_NULL') return typeName(t.ofType) + '!';
    if (t.kind === 'LIST') return '[' + typeName(t.ofType) + ']';
    return t.name;
  }
  function baseName(t) { return t.ofType ? baseName(t.ofType) : t.name; }

  function typeLink(t) {
    var a = el('a', typeName(t));
    a.addEventListener('click', function () { showType(baseName(t)); });
    return a;
  }

  function showType(name) {
    var t = types[name];
    var box = $('schema');
    box.textContent = '';
    var back = el('a', '← Query and Mutation');
    back.addEventListener('click', showRoots);
    box.appendChild(back);
    if (!t) return;
    box.appendChild(el('h3', t.kind.toLowerCase() + ' ' + t.name));
    if (t.description) box.appendChild(el('div', t.description, 'desc'));
    var list = el('ul');
    (t.fields || t.inputFields || []).forEach(function (f) {
      var li = el('li');
      li.appendChild(el('span', f.name + ': '));
      li.appendChild(typeLink(f.type));
      if (f.description) li.appendChild(el('div', f.description, 'desc'));
      list.appendChild(li);
    });
    (t.enumValues || []).forEach(function (v) { list.appendChild(el('li', v.name)); });
    box.appendChild(list);
  }

  function showRoots() {
    var box = $('schema');
    box.textContent = '';
    ['Query', 'Mutation'].forEach(function (root) {
      var t = types[root];
      if (!t) return;
      box.appendChild(el('h3', root));
      var list = el('ul');
      t.fields.forEach(function (f) {
        var li = el('li');
        var args = f.args.map(function (a) { return a.name + ': ' + typeName(a.type); }).join(', ');
        li.appendChild(el('span', f.name + (args ? '(' + args + ')' : '') + ': '));
        li.appendChild(typeLink(f.type));
        if (f.description) li.appendChild(el('div', f.description, 'desc'));
        list.appendChild(li);
      });
      box.appendChild(list);
    });
  }

  var TYPE_REF = 'kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } }';
  var INTROSPECTION = '{ __schema { types { kind name description ' +
    'fields { name description args { name type { ' + TYPE_REF + ' } } type { ' + TYPE_REF + ' } } ' +
    'inputFields { name description type { ' + TYPE_REF + ' } } enumValues { name } } } }';

  function loadSchema() {
    if (!config.introspection) { $('schema').textContent = 'Introspection is off on this server.'; return; }
    post({ query: INTROSPECTION }, {}).then(function (r) {
      var data = JSON.parse(r.text);
      if (!data.data) throw new Error((data.errors && data.errors[0] && data.errors[0].message) || 'no schema');
      data.data.__schema.types.forEach(function (t) { types[t.name] = t; });
      showRoots();
    }).catch(function (e) { $('schema').textContent = 'Could not load the schema: ' + e.message; });
  }

  var select = $('examples');
  Object.keys(config.examples).forEach(function (name) { select.appendChild(el('option', name)); });
  select.addEventListener('change', function () {
    var ex = config.examples[select.value];
    if (!ex) return;
    $('query').value = ex.query;
    $('variables').value = ex.variables || '';
  });
  $('run').addEventListener('click', run);
  document.addEventListener('keydown', function (e) { if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') run(); });
  loadSchema();
})();
`;
