"""The title index a store keeps: written by ``careergraph load`` into a named graph of its own.

Looking a role up by title on a big store should not read every title first
(15,631 roles and 31,000 titles take 3 s to read and index). So
:func:`write_title_keys` reads, once, the titles a graph of files indexes in
memory (:func:`careergraph.title_entries.role_entries`, on the store being
filled) and writes them as triples into the named graph
:data:`~careergraph.title_entries.GRAPH`; :mod:`careergraph.title_lookup`
answers from it, a few look-ups a title. For each role:

- ``role cgi:titleKey "senior product manager"``: the words of each of its titles
  (:func:`~careergraph.title_words.normalize_title`), and ``cgi:preferredKey``
  for those of a preferred title;
- ``role cgi:label "Senior Product Manager"``: the title that names it in messages;
- ``role cgi:ladder "acme"``: the short names of its ladders;

and for the whole graph: ``<namespace> cgi:prefix "pm"`` for each prefix that
covers roles, ``<graph> cgi:ladderName`` each ladder's short name,
``<graph> cgi:listedLadder`` each name :meth:`~careergraph.names.TitleIndex.ladders`
lists, and ``<graph> cgi:entries``, one literal of JSON with every title as
written and the ladders of the roles, what the full index is built from when
something needs every title (a suggestion): read at once, where 31,000 triples
take 0.4 s. The default graph (what queries, ``export`` and dumps read) is left as
it was. A graph whose roles include blank nodes gets no index (a blank node
has no name that lasts); the store is then served by the full index.

Examples
--------
>>> import pyoxigraph as ox
>>> from careergraph.load.into_store import build_store
>>> from careergraph.title_entries import GRAPH
>>> import tempfile, pathlib
>>> with tempfile.TemporaryDirectory() as tmp:
...     info = build_store(pathlib.Path(tmp) / "store")
...     store = ox.Store.read_only(str(pathlib.Path(tmp) / "store"))
...     keys = [q.object.value for q in store.quads_for_pattern(
...         ox.NamedNode("https://w3id.org/careergraph/pm/senior-product-manager"), None, None,
...         ox.NamedNode(GRAPH))]
>>> info["title_index"]["format"], "senior product manager" in keys, "Senior Product Manager" in keys
(1, True, True)
"""

from __future__ import annotations

import json
from types import SimpleNamespace
from typing import Any

from careergraph.ladder_scopes import ladder_names
from careergraph.namespaces import PREFIXES
from careergraph.title_entries import CGI, FORMAT, GRAPH, role_entries
from careergraph.title_words import normalize_title

_BLANK_ROLE = "ASK { ?role a cg:Role FILTER isBlank(?role) }"


def write_title_keys(store: Any) -> dict[str, Any] | None:
    """Index the titles of the roles of a store being filled, in the named graph of the index.

    Parameters
    ----------
    store : pyoxigraph.Store
        The store, open for writing, its default graph filled.

    Returns
    -------
    dict or None
        What the store's metadata records of the index: ``format``,
        ``graph`` and ``triples`` (how many the named graph holds); None when
        the roles include blank nodes and no index was written.
    """
    import pyoxigraph as ox

    from careergraph.store.answer import answer_from_oxigraph

    if store.query(_BLANK_ROLE, prefixes=PREFIXES):
        return None
    graph = SimpleNamespace(  # what role_entries reads: queries, and the store's prefixes (careergraph's)
        query=lambda text: answer_from_oxigraph(store.query(text, prefixes=PREFIXES), "select"),
        store=SimpleNamespace(namespaces=lambda: dict(PREFIXES)))
    entries, ladders, namespaces = role_entries(graph)  # what TitleIndex.from_graph indexes
    name, cgi = ox.NamedNode(GRAPH), {term: ox.NamedNode(CGI + term) for term in (
        "titleKey", "preferredKey", "label", "ladder", "prefix", "ladderName", "listedLadder", "entries")}
    quads: dict[Any, None] = {}  # each once, in order

    def add(subject: Any, predicate: str, value: str) -> None:
        quads[ox.Quad(subject, cgi[predicate], ox.Literal(value), name)] = None

    roles: dict[str, Any] = {}
    labels: dict[str, str] = {}  # as TitleIndex.label: the last preferred title, else the first
    for role, title, preferred in entries:
        if preferred or role not in labels:
            labels[role] = title
        node = roles.get(role) or roles.setdefault(role, ox.NamedNode(role))
        add(node, "titleKey", normalize_title(title))
        if preferred:
            add(node, "preferredKey", normalize_title(title))
    for role, node in roles.items():
        add(node, "label", labels[role])
        for ladder in ladders.get(role, ()):
            add(node, "ladder", ladder)
    for prefix, namespace in namespaces.items():
        add(ox.NamedNode(namespace), "prefix", prefix)
    for ladder in sorted({n for names in ladders.values() for n in names}):
        add(name, "ladderName", ladder)
    for ladder in ladder_names(ladders, namespaces, labels):
        add(name, "listedLadder", ladder)
    add(name, "entries", json.dumps({"entries": entries, "ladders": ladders}))
    store.bulk_extend(quads)
    return {"format": FORMAT, "graph": GRAPH, "triples": len(quads)}
