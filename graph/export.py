"""Export the loaded graph: RDF whole, or the role graph with the role–skill graph for graph tools.

Formats:

- ``ttl``, ``nt``, ``jsonld``: the whole loaded RDF graph (built-in files, the
  user's layers and the derived move triples), as Turtle, N-Triples or JSON-LD
  (with an inline ``@context`` of the graph's prefixes). A store writes the
  formats it can itself (``dump_formats``: a persistent store streams Turtle
  and N-Triples whatever its size); otherwise the triples are read from the
  store into an rdflib graph for its writers, up to
  :data:`careergraph.store.MAX_IN_MEMORY` triples, and written by
  :func:`careergraph.load.write.rdf_bytes`, so that careergraph reads the
  file back (control characters escaped, JSON-LD literals kept as they are; a
  lone surrogate or an invalid IRI is refused, naming the node);
- ``graphml``, ``gexf``, ``cytoscape``, ``csv``: :func:`combined_graph`, the
  role graph of :func:`careergraph.project.role_graph` with the role–skill
  graph of :func:`careergraph.project.skill_graph`. Role nodes keep every
  attribute of the role graph and get ``kind="role"``; skill nodes are those of
  the role–skill graph (``kind="skill"``, ``label``, ``category``,
  ``category_label``, ``category_order``); move edges keep their attributes
  (``kind`` promotion / branch / lateral / exit, ``kind_label``,
  ``transition``, ``sources``) and get ``relation="move"``; requirement edges
  (role to skill) keep ``proficiency``, ``importance``, ``requirement``,
  ``sources`` and get ``relation="requires"``.

GraphML, GEXF and CSV hold only plain values, so :func:`flatten` turns the
lists into text: ``alt_labels`` joined with ``"; "``, ``responsibilities`` as
their labels joined with ``"; "``, ``sources`` (a list of passages) as JSON
text; a missing value (None) is left out. Cytoscape.js JSON
(``networkx.cytoscape_data``, node ``name`` = the label) keeps lists and
dicts as they are. ``csv`` is a zip file holding ``nodes.csv`` (``id`` and the
node attributes) and ``edges.csv`` (``source``, ``target`` and the edge
attributes).

Every file is written whole or not at all (:func:`careergraph.files.write_atomic`).

Examples
--------
>>> from careergraph.load import load_graph
>>> G = combined_graph(load_graph())
>>> apm = "https://w3id.org/careergraph/pm/associate-product-manager"
>>> G.nodes[apm]["kind"], G.edges[apm, "https://w3id.org/careergraph/pm/product-manager"]["relation"]
('role', 'move')
>>> G.edges[apm, "https://w3id.org/careergraph/pm/skill-analytical-skills"]["relation"]
'requires'
>>> flatten({"alt_labels": ["APM", "Product Owner"], "definition": None, "seniority": 1})
{'alt_labels': 'APM; Product Owner', 'seniority': 1}
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from careergraph.errors import CareerGraphError
from careergraph.files import write_atomic, write_atomic_with
from careergraph.career_graph import CareerGraph

if TYPE_CHECKING:
    import networkx as nx

RDF_FORMATS: dict[str, str] = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld"}
"""The RDF formats, and rdflib's name for each."""

GRAPH_FORMATS = ("graphml", "gexf", "cytoscape", "csv")
"""The formats of the role and role–skill graph."""

FORMATS = (*RDF_FORMATS, *GRAPH_FORMATS)

SUFFIXES: dict[str, str] = {".ttl": "ttl", ".nt": "nt", ".jsonld": "jsonld", ".graphml": "graphml",
                            ".gexf": "gexf", ".cyjs": "cytoscape", ".zip": "csv"}
"""The file ending that names each format when ``--format`` is not given."""

NODE_COLUMNS = ("kind", "label", "seniority", "track", "track_iri", "alt_labels", "definition",
                "responsibilities", "category", "category_label", "category_order", "sources")
EDGE_COLUMNS = ("relation", "kind", "kind_label", "transition", "proficiency", "importance",
                "requirement", "sources")
"""The first columns of nodes.csv and edges.csv after ``id`` / ``source, target``; any
other attribute follows in name order."""


@dataclass(frozen=True)
class Exported:
    """What :func:`export` wrote: the file, the format and how much.

    Parameters
    ----------
    path : Path
        The file written.
    format : str
        One of :data:`FORMATS`.
    triples : int, optional
        How many triples, for an RDF format.
    nodes, edges : int, optional
        How many nodes and edges, for a graph format.
    """

    path: Path
    format: str
    triples: int | None = None
    nodes: int | None = None
    edges: int | None = None


def format_for(path: str | Path) -> str:
    """The format a file ending names.

    Parameters
    ----------
    path : str or Path
        The file to write.

    Returns
    -------
    str
        One of :data:`FORMATS`.

    Raises
    ------
    CareerGraphError
        When the ending names no format.

    Examples
    --------
    >>> format_for("roles.graphml"), format_for("ladder.zip")
    ('graphml', 'csv')
    >>> format_for("roles.txt")
    Traceback (most recent call last):
    ...
    careergraph.errors.CareerGraphError: cannot tell the export format from the ending '.txt';
        give --format (ttl, nt, jsonld, graphml, gexf, cytoscape, csv)
    """
    suffix = Path(path).suffix.lower()
    if suffix not in SUFFIXES:
        raise CareerGraphError(f"cannot tell the export format from the ending '{suffix or '(none)'}'; "
                               f"give --format ({', '.join(FORMATS)})")
    return SUFFIXES[suffix]


def combined_graph(kg: CareerGraph) -> nx.DiGraph:
    """The role graph with the role–skill graph: roles, skills, moves and requirements.

    Parameters
    ----------
    kg : CareerGraph
        The loaded graph.

    Returns
    -------
    networkx.DiGraph
        Role and skill nodes (``kind``), move and requirement edges (``relation``).
    """
    import networkx as nx

    from careergraph.project import role_graph, skill_graph

    roles, skills = role_graph(kg), skill_graph(kg)
    G = nx.DiGraph()
    for node, data in roles.nodes(data=True):
        G.add_node(node, kind="role", **data)
    for node, data in skills.nodes(data=True):
        if data["kind"] == "skill":
            G.add_node(node, **data)
    for source, target, data in roles.edges(data=True):
        G.add_edge(source, target, relation="move", **data)
    for source, target, data in skills.edges(data=True):
        G.add_edge(source, target, relation="requires", **data)
    return G


def flatten(attributes: dict[str, Any]) -> dict[str, Any]:
    """Attributes as plain values for GraphML, GEXF and CSV (see the module's description).

    Parameters
    ----------
    attributes : dict
        A node's or an edge's attributes.

    Returns
    -------
    dict
        The same keys, lists and dicts as text, without None values.
    """
    flat = {}
    for key, value in attributes.items():
        if value is None:
            continue
        if key == "sources" or isinstance(value, dict):
            value = json.dumps(value, ensure_ascii=False, sort_keys=True)
        elif isinstance(value, (list, tuple)):
            value = "; ".join(str(item["label"]) if isinstance(item, dict) else str(item)
                              for item in value)
        flat[key] = value
    return flat


def flat_graph(kg: CareerGraph) -> nx.DiGraph:
    """:func:`combined_graph` with every attribute flattened.

    Parameters
    ----------
    kg : CareerGraph
        The loaded graph.

    Returns
    -------
    networkx.DiGraph
        See :func:`flatten`.
    """
    import networkx as nx

    G = combined_graph(kg)
    flat = nx.DiGraph()
    flat.add_nodes_from((node, flatten(data)) for node, data in G.nodes(data=True))
    flat.add_edges_from((u, v, flatten(data)) for u, v, data in G.edges(data=True))
    return flat


def export(kg: CareerGraph, fmt: str, out: str | Path, *, csv_safe: bool = True) -> Exported:
    """Write the graph to ``out`` in format ``fmt`` (one of :data:`FORMATS`).

    Parameters
    ----------
    kg : CareerGraph
        The loaded graph.
    fmt : str
        One of :data:`FORMATS`.
    out : str or Path
        The file to write (replaced whole, or left as it was).
    csv_safe : bool, optional
        For ``csv``: write a cell a spreadsheet would run as a formula with a
        leading ``'`` (:func:`careergraph.spreadsheet.safe_cell`; default on).

    Returns
    -------
    Exported
        What was written.

    Raises
    ------
    CareerGraphError
        For an unknown format, or when the file cannot be written (an
        existing file is then left as it was).

    Examples
    --------
    >>> import tempfile, os
    >>> import networkx as nx
    >>> from careergraph.load import load_graph
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     done = export(load_graph(), "graphml", os.path.join(tmp, "roles.graphml"))
    ...     back = nx.read_graphml(done.path)
    >>> (done.nodes, done.edges) == (back.number_of_nodes(), back.number_of_edges())
    True
    """
    import networkx as nx

    out = Path(out)
    if fmt in RDF_FORMATS:
        return _export_rdf(kg, fmt, out)
    if fmt == "cytoscape":
        G = combined_graph(kg)
        text = json.dumps(nx.cytoscape_data(G, name="label"), ensure_ascii=False, indent=1)
        write_atomic(out, text + "\n")
    elif fmt in ("graphml", "gexf", "csv"):
        G = flat_graph(kg)
        writer = {"graphml": nx.write_graphml, "gexf": nx.write_gexf,
                  "csv": lambda G, handle: _write_csv_zip(G, handle, csv_safe)}[fmt]
        write_atomic_with(out, lambda handle: writer(G, handle))
    else:
        raise CareerGraphError(f"unknown export format '{fmt}'; use one of {', '.join(FORMATS)}")
    return Exported(out, fmt, nodes=G.number_of_nodes(), edges=G.number_of_edges())


def _export_rdf(kg: CareerGraph, fmt: str, out: Path) -> Exported:
    """Write every triple: a persistent store streams its own; in memory, careergraph's writer.

    The graph in memory goes through :func:`careergraph.load.write.rdf_bytes`
    (not the store's ``dump``, rdflib's writers as they are), so that the file
    reads back.
    """
    from careergraph.load.write import write_rdf
    from careergraph.store import MAX_IN_MEMORY, check_size, graph_of

    store = kg.store
    if store.in_memory:
        graph = store.rdflib_graph(limit=None)
    elif fmt in store.dump_formats:
        write_atomic_with(out, lambda handle: store.dump(handle, fmt))
        return Exported(out, fmt, triples=len(kg))
    else:
        check_size(len(store), MAX_IN_MEMORY, store.describe())
        graph = graph_of(store.triples((None, None, None)))
    write_atomic_with(out, lambda handle: write_rdf(graph, handle, fmt))
    return Exported(out, fmt, triples=len(graph))


def _write_csv_zip(G: nx.DiGraph, handle: IO[bytes], csv_safe: bool = True) -> None:
    from careergraph.spreadsheet import safe_rows

    nodes = [{"id": n, **d} for n, d in G.nodes(data=True)]
    edges = [{"source": u, "target": v, **d} for u, v, d in G.edges(data=True)]
    if csv_safe:
        nodes, edges = safe_rows(nodes), safe_rows(edges)
    with zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("nodes.csv", _csv(["id", *NODE_COLUMNS], nodes))
        archive.writestr("edges.csv", _csv(["source", "target", *EDGE_COLUMNS], edges))


def _csv(first: list[str], rows: list[dict[str, Any]]) -> str:
    columns = first + sorted({key for row in rows for key in row} - set(first))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\r\n")  # quotes a CR too
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()

