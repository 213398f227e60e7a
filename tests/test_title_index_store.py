"""The title index a store keeps (careergraph.title_lookup): the same answers as the full index.

For the built-in graph, the ACME ladder, the two real ladders and a small
synthetic graph, each loaded into a store: many names (every title as written,
in its words and in lower case, abbreviated, qualified, by IRI, partial,
unknown, misspelt, ambiguous, in each ladder with ``--ladder``) resolve to the
same IRI, or fail with the same message, through the index in the store and
through the full index in memory. Also: the index is in a named graph that
queries, ``export``, dumps and the triple count do not see, and a store
without it (an older one) is served by the full index.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from careergraph.errors import NotFound
from careergraph.load.into_store import build_store
from careergraph.names import TitleIndex
from careergraph.session import open_graph
from careergraph.store.metadata import METADATA
from careergraph.title_entries import GRAPH
from careergraph.title_lookup import StoreTitleIndex
from careergraph.title_words import ABBREVIATIONS

EXAMPLES = Path(__file__).resolve().parents[1] / "ontology" / "examples"

GRAPHS = {
    "builtin": [],
    "acme": [EXAMPLES / "acme-ladder.ttl"],
    "real ladders": [EXAMPLES / "monzo-product.yaml", EXAMPLES / "ukgov-product-manager.yaml"],
    "synthetic": ["synthetic"],
}


@pytest.fixture(scope="module", params=list(GRAPHS))
def store(request, tmp_path_factory) -> Path:
    """A store of one of :data:`GRAPHS` (the synthetic one written first)."""
    folder = tmp_path_factory.mktemp("titles")
    files = []
    for file in GRAPHS[request.param]:
        if file == "synthetic":
            from synthetic import write_ntriples

            file = folder / "synthetic.nt"
            write_ntriples(file, families=14, levels=4, skills=6, requirements=2)
        files.append(file)
    build_store(folder / "store", files)
    return folder / "store"


def _outcome(index: TitleIndex, name: str) -> tuple[str, ...]:
    try:
        return ("found", index.resolve(name))
    except NotFound as error:
        return (type(error).__name__, str(error))


def _names(full: TitleIndex) -> list[str]:
    """Many names to look up: titles every way, qualified, IRIs, partial, unknown, misspelt."""
    rng = random.Random(17)
    spelt = {word: short for short, word in ABBREVIATIONS.items()}
    names = []
    for role, title, _ in full.entries:
        words = title.split()
        names += [title, title.lower(), f"  {title.upper()} ", " ".join(spelt.get(w.lower(), w) for w in words),
                  words[0], " ".join(words[-2:]), title[:-1] + "x", role, f"<{role}>", f"{title}:{title}"]
    for role in full.roles():
        names.append(full.qualified(role))
        for ladder in full.ladders():
            names.append(f"{ladder.upper()}:{full.label(role)}")
    names += ["", "   ", ":", "nope:Product Manager", "pm:", "pm:nothing", "Zorblax Quux", "VP", "sr. pm",
              "Senoir Product Manger", "http://example.org/nothing", "<not an iri>", "a:b:c", "x" * 300]
    return rng.sample(names, min(len(names), 1500))


def test_the_store_keeps_an_index_and_the_answers_are_those_of_the_full_index(store):
    kg = open_graph(store=store)
    lean = kg.derived.titles
    assert isinstance(lean, StoreTitleIndex)
    full = TitleIndex.from_graph(kg)
    assert lean.ladders() == full.ladders()
    assert lean.roles() == full.roles() and lean.entries == full.entries
    for role in full.roles():
        assert (lean.label(role), lean.qualified(role)) == (full.label(role), full.qualified(role))
    names = _names(full)
    for name in names:
        assert _outcome(lean, name) == _outcome(full, name), name
    for ladder in [*full.ladders(), "nope"]:
        try:
            views = (full.in_ladder(ladder), lean.in_ladder(ladder))
        except NotFound as error:
            with pytest.raises(NotFound) as again:
                lean.in_ladder(ladder)
            assert str(again.value) == str(error)
            continue
        for name in names[:300]:
            assert _outcome(views[1], name) == _outcome(views[0], name), (ladder, name)


def test_an_exact_title_is_resolved_without_the_full_index(store, monkeypatch):
    kg = open_graph(store=store)
    full = TitleIndex.from_graph(kg)
    kg.derived.clear()
    titles = kg.derived.titles

    def refuse(self):
        raise AssertionError("the full index was built")

    monkeypatch.setattr(StoreTitleIndex, "full_index", refuse)
    for role in full.roles():
        assert titles.resolve(full.qualified(role)) == role
        assert titles.label(role) == full.label(role)
        assert _outcome(titles, full.label(role)) == _outcome(full, full.label(role))


def test_the_full_index_read_from_the_store_is_the_one_read_from_the_graph(store):
    kg = open_graph(store=store)
    full, again = TitleIndex.from_graph(kg), kg.derived.titles.full_index()
    assert full.entries == again.entries
    assert full.roles() == again.roles() and full.ladders() == again.ladders()
    assert full.qualifiers() == again.qualifiers()


def test_queries_export_and_dumps_do_not_see_the_index(store, tmp_path):
    kg = open_graph(store=store)
    index = json.loads((store / METADATA).read_text())["title_index"]
    assert index["graph"] == GRAPH and index["triples"] > 0
    ox = kg.store.oxigraph
    assert len(ox) == len(kg) + index["triples"]
    assert not kg.query("ASK { ?role <https://w3id.org/careergraph/index#titleKey> ?key }")
    assert kg.query(f"ASK {{ GRAPH <{GRAPH}> {{ ?role <https://w3id.org/careergraph/index#titleKey> ?key }} }}")
    with open(tmp_path / "dump.nt", "wb") as out:
        kg.store.dump(out, "nt")
    dumped = (tmp_path / "dump.nt").read_text(encoding="utf-8")
    assert "careergraph/index" not in dumped and dumped.count("\n") == len(kg)
    assert not any("careergraph/index" in str(term) for triple in kg.store.triples((None, None, None))
                   for term in triple)


def test_a_store_without_the_index_is_served_by_the_full_index(store, tmp_path):
    import shutil

    old = tmp_path / "old"
    shutil.copytree(store, old)
    metadata = json.loads((old / METADATA).read_text())
    del metadata["title_index"]
    (old / METADATA).write_text(json.dumps(metadata))
    kg = open_graph(store=old)
    titles = kg.derived.titles
    assert type(titles) is TitleIndex
    lean = open_graph(store=store).derived.titles
    for name in _names(titles)[:200]:
        assert _outcome(titles, name) == _outcome(lean, name), name


def test_a_damaged_index_is_one_readable_error(store, tmp_path):
    import shutil

    import pyoxigraph as ox

    from careergraph.errors import CareerGraphError
    from careergraph.title_entries import CGI

    broken = tmp_path / "broken"
    shutil.copytree(store, broken)
    writable = ox.Store(str(broken))
    entries = ox.NamedNode(CGI + "entries")
    for quad in list(writable.quads_for_pattern(None, entries, None, ox.NamedNode(GRAPH))):
        writable.remove(quad)
        writable.add(ox.Quad(quad.subject, entries, ox.Literal('{"entries": [["x", 1]]}'), quad.graph_name))
    del writable
    titles = open_graph(store=broken).derived.titles
    with pytest.raises(CareerGraphError, match="its title index is damaged; load it again"):
        titles.resolve("Zorblax Quux")


def test_roles_that_are_blank_nodes_get_no_index(tmp_path):
    data = tmp_path / "blank.ttl"
    data.write_text("@prefix cg: <https://w3id.org/careergraph/ontology#> .\n"
                    "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
                    '[] a cg:Role ; skos:prefLabel "Blank Role"@en .\n', encoding="utf-8")
    info = build_store(tmp_path / "store", [data])
    assert "title_index" not in info
    kg = open_graph(store=tmp_path / "store")
    assert type(kg.derived.titles) is TitleIndex
    assert kg.derived.titles.label(kg.derived.titles.resolve("sr pm")) == "Senior Product Manager"
