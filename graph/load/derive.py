"""The shortcut move triples, derived from every ``cg:Transition`` by one rule on any backend.

A move is stated once, as a ``cg:Transition`` with a kind, a from-role and a
to-role. So that simple SPARQL stays simple, the loader adds for each one
its kind's shortcut triple (``cg:promotesTo``, ``cg:branchesTo`` and the
others, named by the kind's ``cg:shortcutProperty``) and ``cg:canMoveTo``.
The rule is one SPARQL CONSTRUCT, :data:`DERIVE_MOVES`: :func:`derive_moves`
runs it on an rdflib graph in memory; :func:`derive_in_store` joins the same
pattern from scans of a persistent Oxigraph store (a test checks both give the
same triples). A new kind of move needs no code.

Examples
--------
>>> "cg:shortcutProperty" in DERIVE_MOVES
True
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from careergraph.namespaces import CG, PREFIXES, RDF

if TYPE_CHECKING:
    import rdflib

DERIVE_MOVES = """
CONSTRUCT { ?from ?shortcut ?to . ?from cg:canMoveTo ?to . }
WHERE {
  ?move a cg:Transition ; cg:transitionKind ?kind ; cg:fromRole ?from ; cg:toRole ?to .
  ?kind cg:shortcutProperty ?shortcut .
}"""
"""The derived move triples: for every transition, its kind's shortcut and ``cg:canMoveTo``."""


def derive_moves(graph: rdflib.Graph) -> int:
    """Add the shortcut triple and ``cg:canMoveTo`` of every ``cg:Transition`` (:data:`DERIVE_MOVES`).

    The kind of a transition names its shortcut property with
    ``cg:shortcutProperty`` (``cg:Promotion cg:shortcutProperty cg:promotesTo``),
    so a new kind needs no code.

    Parameters
    ----------
    graph : rdflib.Graph
        The merged graph, changed in place.

    Returns
    -------
    int
        The number of triples the rule derives (some may have been there already).

    Examples
    --------
    >>> import rdflib
    >>> g = rdflib.Graph()
    >>> _ = g.parse(data='''
    ... @prefix cg: <https://w3id.org/careergraph/ontology#> .
    ... @prefix ex: <http://example.org/> .
    ... cg:Promotion cg:shortcutProperty cg:promotesTo .
    ... ex:m a cg:Transition ; cg:fromRole ex:a ; cg:toRole ex:b ; cg:transitionKind cg:Promotion .
    ... ''', format="turtle")
    >>> derive_moves(g)
    2
    >>> sorted(str(p) for _, p, _ in g.triples((rdflib.URIRef("http://example.org/a"), None, None)))
    ['https://w3id.org/careergraph/ontology#canMoveTo', 'https://w3id.org/careergraph/ontology#promotesTo']
    """
    derived = list(graph.query(DERIVE_MOVES, initNs=PREFIXES))
    for triple in derived:
        graph.add(triple)
    return len(derived)


def derive_in_store(store: Any) -> int:
    """Add the derived move triples (:data:`DERIVE_MOVES`) to a pyoxigraph store.

    The rule's pattern is joined here from one scan per property of the
    store (``rdf:type cg:Transition``, ``cg:transitionKind``,
    ``cg:fromRole``, ``cg:toRole``, ``cg:shortcutProperty``), each an index
    range read, and the new triples go in by the bulk loader. Oxigraph's own
    evaluation of the rule as an update does a disk lookup per transition and
    step: three times slower at a million triples, and counting the store
    before and after costs two full scans more. The triples are exactly those
    of :data:`DERIVE_MOVES` (a test runs both on the same graphs).

    Parameters
    ----------
    store : pyoxigraph.Store
        A store open for writing, changed in place.

    Returns
    -------
    int
        How many triples the rule added (those already there are not counted).

    Examples
    --------
    >>> import pyoxigraph as ox
    >>> store = ox.Store()
    >>> store.update('''
    ... PREFIX cg: <https://w3id.org/careergraph/ontology#>
    ... INSERT DATA { cg:Promotion cg:shortcutProperty cg:promotesTo .
    ...   <http://example.org/m> a cg:Transition ; cg:transitionKind cg:Promotion ;
    ...     cg:fromRole <http://example.org/a> ; cg:toRole <http://example.org/b> . }''')
    >>> derive_in_store(store), derive_in_store(store)
    (2, 0)
    """
    import pyoxigraph as ox

    default = ox.DefaultGraph()

    def values(predicate: str, value: Any = None) -> dict[Any, list[Any]]:
        found: dict[Any, list[Any]] = {}
        for quad in store.quads_for_pattern(None, ox.NamedNode(predicate), value, default):
            found.setdefault(quad.subject, []).append(quad.object)
        return found

    transitions = values(RDF + "type", ox.NamedNode(CG + "Transition"))
    kinds, froms, tos = (values(CG + name) for name in ("transitionKind", "fromRole", "toRole"))
    shortcuts = values(CG + "shortcutProperty")
    can_move = ox.NamedNode(CG + "canMoveTo")
    derived: set[Any] = set()
    for move in transitions:
        for kind in kinds.get(move, ()):
            for shortcut in shortcuts.get(kind, ()):
                for source in froms.get(move, ()):
                    if isinstance(source, ox.Literal):
                        continue  # no triple has a literal subject: the rule makes none
                    for target in tos.get(move, ()):  # each template triple stands alone, as in CONSTRUCT
                        if isinstance(shortcut, ox.NamedNode):
                            derived.add(ox.Quad(source, shortcut, target, default))
                        derived.add(ox.Quad(source, can_move, target, default))
    new = [quad for quad in derived if quad not in store]
    store.bulk_extend(new)
    return len(new)
