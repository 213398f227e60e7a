"""Every export format reads back: rdflib for RDF, networkx and csv for the role and role–skill graph."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import networkx as nx
import pytest
import rdflib

from careergraph.export import combined_graph, export, flatten
from careergraph.load import load_graph
from careergraph.namespaces import PM
from careergraph.project import role_graph, skill_graph
from careergraph.resources import example_path

APM, PM_ROLE = PM + "associate-product-manager", PM + "product-manager"
ANALYTICAL = PM + "skill-analytical-skills"
ACME_YAML = example_path("acme-ladder.yaml")


@pytest.fixture(scope="module")
def acme():
    return load_graph([ACME_YAML])


@pytest.fixture(scope="module")
def expected(acme):
    G = combined_graph(acme)
    roles, skills = role_graph(acme), skill_graph(acme)
    assert G.number_of_nodes() == roles.number_of_nodes() + sum(
        1 for _, kind in skills.nodes(data="kind") if kind == "skill")
    assert G.number_of_edges() == roles.number_of_edges() + skills.number_of_edges()
    return G


@pytest.mark.parametrize("fmt, rdflib_format", [("ttl", "turtle"), ("nt", "nt"), ("jsonld", "json-ld")])
def test_rdf_formats_hold_the_whole_graph(cli, tmp_path, acme, fmt, rdflib_format):
    out = tmp_path / f"all.{fmt}"
    result = cli(["export", "--format", fmt, "--out", str(out), "-d", str(ACME_YAML)])
    assert result.code == 0, result.err
    assert result.out.strip().endswith(f"{len(acme):,} triples")
    back = rdflib.Graph().parse(out, format=rdflib_format)
    assert set(back) == set(acme.store.triples((None, None, None)))
    again = load_graph([out])  # and careergraph itself reads it as a layer
    assert "Staff Product Manager" in {again.label(role) for role in role_graph(again)}


def _check_graph(back: nx.DiGraph, expected: nx.DiGraph) -> None:
    assert back.number_of_nodes() == expected.number_of_nodes()
    assert back.number_of_edges() == expected.number_of_edges()
    assert set(back.nodes) == set(expected.nodes) and set(back.edges) == set(expected.edges)


def test_graphml_reads_back_with_flattened_attributes(tmp_path, acme, expected):
    done = export(acme, "graphml", tmp_path / "roles.graphml")
    back = nx.read_graphml(done.path)
    _check_graph(back, expected)
    apm = back.nodes[APM]
    assert (apm["kind"], apm["label"], apm["seniority"]) == ("role", "Associate Product Manager", 1)
    assert apm["alt_labels"] == "; ".join(expected.nodes[APM]["alt_labels"])
    assert json.loads(apm["sources"]) == expected.nodes[APM]["sources"]
    assert apm["responsibilities"].split("; ") == [r["label"] for r in expected.nodes[APM]["responsibilities"]]
    assert back.edges[APM, PM_ROLE]["kind"] == "promotion" and back.edges[APM, PM_ROLE]["relation"] == "move"
    need = back.edges[APM, ANALYTICAL]
    assert (need["relation"], need["proficiency"], need["importance"]) == ("requires", 3, "core")
    assert back.nodes[ANALYTICAL]["category_label"] == "analytical"
    assert "definition" not in back.nodes[ANALYTICAL]  # None values are left out


def test_gexf_reads_back(tmp_path, acme, expected):
    done = export(acme, "gexf", tmp_path / "roles.gexf")
    back = nx.read_gexf(done.path)
    _check_graph(back, expected)
    staff = back.nodes["https://example.org/acme/ladder/staff-product-manager"]
    assert staff["label"] == "Staff Product Manager" and int(staff["seniority"]) == 4
    assert staff["track"] == "individual contributor"
    assert back.edges[APM, PM_ROLE]["kind"] == "promotion"
    assert int(back.edges[APM, ANALYTICAL]["proficiency"]) == 3


def test_cytoscape_keeps_lists_and_dicts(cli, tmp_path, expected):
    out = tmp_path / "roles.cyjs"
    result = cli(["export", "--out", str(out), "-d", str(ACME_YAML)])  # format from the ending
    assert result.code == 0
    assert result.out.strip() == (f"wrote {out}: Cytoscape.js JSON, {expected.number_of_nodes()} nodes "
                                  f"(roles and skills), {expected.number_of_edges()} edges "
                                  "(moves and requirements)")
    data = json.loads(out.read_text(encoding="utf-8"))
    back = nx.cytoscape_graph(data, name="label")
    _check_graph(back, expected)
    assert back.nodes[APM]["alt_labels"] == expected.nodes[APM]["alt_labels"]
    assert back.nodes[APM]["sources"] == expected.nodes[APM]["sources"]
    assert back.edges[APM, ANALYTICAL]["proficiency"] == 3
    names = {element["data"]["name"] for element in data["elements"]["nodes"]}
    assert "Product Analyst" in names


def test_csv_zip_of_nodes_and_edges(tmp_path, acme, expected):
    done = export(acme, "csv", tmp_path / "roles.zip")
    with zipfile.ZipFile(done.path) as archive:
        assert sorted(archive.namelist()) == ["edges.csv", "nodes.csv"]
        nodes = list(csv.DictReader(io.StringIO(archive.read("nodes.csv").decode("utf-8"))))
        edges = list(csv.DictReader(io.StringIO(archive.read("edges.csv").decode("utf-8"))))
    assert len(nodes) == expected.number_of_nodes() and len(edges) == expected.number_of_edges()
    by_id = {row["id"]: row for row in nodes}
    assert by_id[APM]["seniority"] == "1" and by_id[APM]["kind"] == "role"
    assert by_id[ANALYTICAL]["kind"] == "skill" and by_id[ANALYTICAL]["seniority"] == ""
    assert {(row["source"], row["target"]) for row in edges} == set(expected.edges)
    move = next(row for row in edges if (row["source"], row["target"]) == (APM, PM_ROLE))
    assert move["relation"] == "move" and move["kind"] == "promotion"
    assert json.loads(move["sources"]) == expected.edges[APM, PM_ROLE]["sources"]


def test_flatten_rules():
    assert flatten({"sources": [], "responsibilities": [{"iri": "x", "label": "Lead"}],
                    "track": None, "seniority": 2}) == {"sources": "[]", "responsibilities": "Lead",
                                                        "seniority": 2}


def test_failures_leave_an_existing_file_untouched(cli, tmp_path):
    out = tmp_path / "roles.graphml"
    out.write_text("previous\n", encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text("ladder: [\n", encoding="utf-8")
    result = cli(["export", "--out", str(out), "-d", str(bad)])
    assert result.code == 2 and result.out == "" and result.err.count("\n") == 1
    assert f"{bad}, line 2: not valid YAML" in result.err
    result = cli(["export", "--out", str(tmp_path / "roles.txt")])
    assert result.code == 2
    assert "cannot tell the export format from the ending '.txt'" in result.err
    blocked = tmp_path / "file"
    blocked.write_text("", encoding="utf-8")
    result = cli(["export", "--format", "ttl", "--out", str(blocked / "x.ttl")])
    assert result.code == 2 and result.err.startswith(f"careergraph export: error: cannot write {blocked}")
    assert out.read_text(encoding="utf-8") == "previous\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.yaml", "file", "roles.graphml"]
