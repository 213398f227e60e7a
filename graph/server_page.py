"""The query page the server shows at ``/``: one self-contained HTML file.

Its colours are those of :data:`careergraph.views.style.SERVER_PAGE_COLORS`,
as CSS custom properties.

No file and no script comes from anywhere else: the style and the script are
inline, and :data:`CONTENT_SECURITY_POLICY` allows exactly them (by hash),
plus requests to the server itself. The script fills the picker from
``GET /queries``, runs a query by ``POST /sparql`` (or a named query with its
parameters by ``GET /queries/NAME``) and builds the results table with
``textContent`` only, so no text from the data is ever read as HTML.

Examples
--------
>>> PAGE.startswith("<!doctype html>") and "http" not in PAGE.split("<body>")[1]
True
>>> "script-src 'sha256-" in CONTENT_SECURITY_POLICY
True
"""

from __future__ import annotations

import base64
import hashlib

from careergraph.views.style import SERVER_PAGE_COLORS, css_variables

STYLE = "\n" + css_variables(SERVER_PAGE_COLORS) + """
body { font: 15px/1.45 system-ui, sans-serif; margin: 1.5rem auto; max-width: 72rem; padding: 0 1rem;
       color: var(--cg-ink); }
h1 { font-size: 1.4rem; margin: 0 0 .3rem; }
label { display: block; font-weight: 600; margin: .8rem 0 .25rem; }
label.param { font-weight: 400; }
select, input, textarea, button { font: inherit; }
input { width: 24rem; max-width: 100%; }
textarea { width: 100%; box-sizing: border-box; font-family: ui-monospace, monospace; font-size: 13px; }
button { margin: .6rem 0; padding: .35rem 1.2rem; }
#status { margin-left: .8rem; color: var(--cg-status); }
#error { background: var(--cg-error-fill); border: 1px solid var(--cg-error-border); padding: .5rem .8rem;
         white-space: pre-wrap; }
#description { color: var(--cg-description); margin: .3rem 0; }
table { border-collapse: collapse; margin-top: .6rem; }
th, td { border: 1px solid var(--cg-cell-border); padding: .25rem .5rem; text-align: left; vertical-align: top; }
th { background: var(--cg-head-fill); }
pre { background: var(--cg-code-fill); padding: .6rem; overflow-x: auto; }
"""

SCRIPT = """
"use strict";
const $ = (id) => document.getElementById(id);
const ACCEPT = "application/sparql-results+json, text/turtle;q=0.9";
let queries = [];
let picked = null;

async function loadQueries() {
  const response = await fetch("queries", {headers: {Accept: "application/json"}});
  queries = await response.json();
  for (const query of queries) {
    const option = document.createElement("option");
    option.value = query.name;
    option.textContent = query.title + " (" + query.name + ")";
    $("named").append(option);
  }
}

function pick() {
  picked = queries.find((query) => query.name === $("named").value) || null;
  $("params").replaceChildren();
  $("description").textContent = picked ? picked.description : "";
  if (!picked) return;
  $("query").value = picked.text;
  for (const parameter of picked.parameters) {
    const label = document.createElement("label");
    label.className = "param";
    label.htmlFor = "param-" + parameter.name;
    label.textContent = parameter.name + " (" + parameter.kind + ", " +
      (parameter.required ? "required" : "optional") + "): " + parameter.description;
    const input = document.createElement("input");
    input.id = "param-" + parameter.name;
    input.dataset.param = parameter.name;
    $("params").append(label, input);
  }
}

function clearResults() {
  $("error").hidden = true;
  $("graph").hidden = true;
  $("results").querySelector("thead").replaceChildren();
  $("results").querySelector("tbody").replaceChildren();
}

function row(cells, tag) {
  const tr = document.createElement("tr");
  for (const cell of cells) {
    const td = document.createElement(tag);
    td.textContent = cell;
    tr.append(td);
  }
  return tr;
}

function showRows(answer) {
  if ("boolean" in answer) {
    $("results").querySelector("thead").append(row(["ask"], "th"));
    $("results").querySelector("tbody").append(row([String(answer.boolean)], "td"));
    return 1;
  }
  const names = answer.head.vars;
  $("results").querySelector("thead").append(row(names, "th"));
  const body = $("results").querySelector("tbody");
  for (const binding of answer.results.bindings) {
    body.append(row(names.map((name) => binding[name] ? binding[name].value : ""), "td"));
  }
  return answer.results.bindings.length;
}

async function run() {
  clearResults();
  $("status").textContent = "Running\\u2026";
  const started = performance.now();
  let response;
  try {
    if (picked && $("query").value === picked.text) {
      const params = new URLSearchParams();
      for (const input of $("params").querySelectorAll("input")) {
        if (input.value.trim()) params.set(input.dataset.param, input.value);
      }
      response = await fetch("queries/" + encodeURIComponent(picked.name) + "?" + params,
                             {headers: {Accept: ACCEPT}});
    } else {
      response = await fetch("sparql", {method: "POST", body: $("query").value,
        headers: {"Content-Type": "application/sparql-query", Accept: ACCEPT}});
    }
  } catch (failure) {
    $("status").textContent = "";
    $("error").textContent = "The server did not answer: " + failure;
    $("error").hidden = false;
    return;
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  if (!response.ok) {
    $("status").textContent = "";
    $("error").textContent = response.status + ": " + (await response.text());
    $("error").hidden = false;
    return;
  }
  const type = response.headers.get("Content-Type") || "";
  let count;
  if (type.startsWith("application/sparql-results+json")) {
    count = showRows(await response.json()) + " rows";
  } else {
    $("graph").textContent = await response.text();
    $("graph").hidden = false;
    count = "triples";
  }
  const limit = response.headers.get("X-Careergraph-Row-Limit");
  const bytes = response.headers.get("X-Careergraph-Byte-Limit");
  const cut = !response.headers.get("X-Careergraph-Truncated") ? ""
    : bytes ? " (cut at the limit of " + bytes + " bytes)" : " (cut at the limit of " + limit + ")";
  $("status").textContent = count + cut + " in " + seconds + " s";
}

$("named").addEventListener("change", pick);
$("run").addEventListener("click", run);
$("query").addEventListener("keydown", (event) => {
  if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) run();
});
loadQueries();
"""

PAGE = f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>careergraph: SPARQL</title>
<style>{STYLE}</style>
</head>
<body>
<h1>careergraph: ask the graph in SPARQL</h1>
<p>Type a SPARQL query or pick a named query, then run it (Ctrl+Enter).
The prefixes cg:, pm:, skos:, rdfs:, rdf:, owl:, xsd:, dcterms:, prov:, schema: are predeclared;
the graph is read-only.</p>
<label for="named">Named query</label>
<select id="named"><option value="">(your own query)</option></select>
<p id="description"></p>
<div id="params"></div>
<label for="query">Query</label>
<textarea id="query" rows="12" spellcheck="false">SELECT ?seniority ?role
WHERE {{ ?r a cg:Role ; skos:prefLabel ?role ; cg:seniority ?seniority }}
ORDER BY ?seniority ?role</textarea>
<button id="run" type="button">Run</button><span id="status" role="status"></span>
<div id="error" role="alert" hidden></div>
<table id="results"><thead></thead><tbody></tbody></table>
<pre id="graph" hidden></pre>
<script>{SCRIPT}</script>
</body>
</html>
"""


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


CONTENT_SECURITY_POLICY = (
    f"default-src 'none'; script-src {_hash(SCRIPT)}; style-src {_hash(STYLE)}; "
    "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
"""Allows the page's own inline style and script, and requests to the server; nothing else."""
