"""Rewrite a query so that Oxigraph computes what rdflib computes, where the two engines differ.

The fast path of ``careergraph query`` (:mod:`careergraph.sparql.fast`) answers
from Oxigraph and must print what the rdflib path prints. Two of rdflib's
ways differ from Oxigraph's (and from the letter of SPARQL) in what the
named queries use, and a small rewrite of the query text makes Oxigraph
give rdflib's answer:

- ``GROUP_CONCAT``: rdflib joins the text of the values into a plain string;
  Oxigraph keeps the language when every value has the same one (as
  SPARQL 1.2 does). :func:`rdflib_like` wraps each one's expression in ``STR()``.
- ``*``: rdflib multiplies as decimals (``2 * 3`` is ``"6"^^xsd:decimal``);
  Oxigraph keeps whole numbers whole. :func:`rdflib_like` makes each product
  a decimal one (``a * b`` becomes ``a * 1.0 * b``).

The rewrite reads the query's tokens (:func:`careergraph.sparql.values.tokens`),
so strings, IRIs and comments are never touched. Where it cannot tell what a
``*`` is (a product or a property path after a parenthesis), or meets a
``GROUP_CONCAT(DISTINCT ...)`` (``STR()`` would merge values rdflib keeps
apart), it gives up and the rdflib path answers.

Examples
--------
>>> rdflib_like("SELECT (GROUP_CONCAT(?t; separator=', ') AS ?ts) WHERE { ?r rdfs:label ?t }")
"SELECT (GROUP_CONCAT(STR(?t); separator=', ') AS ?ts) WHERE { ?r rdfs:label ?t }"
>>> rdflib_like("SELECT (?s * 10 AS ?t) (COUNT(*) AS ?n) WHERE { ?r cg:promotesTo* ?x ; cg:seniority ?s }")
'SELECT (?s * 1.0 * 10 AS ?t) (COUNT(*) AS ?n) WHERE { ?r cg:promotesTo* ?x ; cg:seniority ?s }'
>>> rdflib_like("SELECT ?o WHERE { ?s (cg:a/cg:b)* ?o }") is None
True
"""

from __future__ import annotations

NOT_A_PRODUCT = frozenset({"select", "distinct", "reduced"})
"""Words a ``*`` follows when it means every variable (``SELECT *``) or every row (``COUNT(DISTINCT *)``)."""


def rdflib_like(text: str) -> str | None:
    """The query rewritten so that Oxigraph answers as rdflib does (see the module notes).

    Parameters
    ----------
    text : str
        A query.

    Returns
    -------
    str or None
        The rewritten query (the same text when there is nothing to rewrite);
        None when the rewrite cannot be done safely.
    """
    from careergraph.sparql.values import tokens

    found = tokens(text)
    insertions: list[tuple[int, str]] = []
    for index, (kind, mark, start) in enumerate(found):
        if kind == "word" and mark.lower() == "group_concat":
            around = _group_concat(found, index)
            if around is None:
                return None
            insertions += around
        elif kind == "other" and mark == "*":
            product = _is_product(found, index)
            if product is None:
                return None
            if product:
                insertions.append((start + 1, " 1.0 *"))
    for position, added in sorted(insertions, reverse=True):
        text = text[:position] + added + text[position:]
    return text


def _group_concat(found: list[tuple[str, str, int]], index: int) -> list[tuple[int, str]] | None:
    """Where ``STR(`` and ``)`` go around the expression of the ``GROUP_CONCAT`` at ``index``."""
    first = index + 2
    if first >= len(found) or found[index + 1][1] != "(" or found[first][1].lower() in ("distinct", ")", ";"):
        return None
    depth = 0
    for position in range(first, len(found)):
        mark = found[position][1]
        if mark == "(":
            depth += 1
        elif mark == ")" and depth:
            depth -= 1
        elif mark in (")", ";"):
            return [(found[first][2], "STR("), (found[position][2], ")")]
    return None


def _is_product(found: list[tuple[str, str, int]], index: int) -> bool | None:
    """Whether the ``*`` at ``index`` multiplies (True), is ``SELECT *``, ``COUNT(*)`` or a path (False), or None."""
    if index == 0:
        return None
    kind, mark, _ = found[index - 1]
    if mark == "(" or (kind == "word" and mark.lower() in NOT_A_PRODUCT):
        return False
    if kind in ("pname", "iri") or (kind == "word" and mark == "a"):
        return False  # a property path: cg:promotesTo*
    if kind == "var" or mark.isdigit() or mark == ".":
        return True  # ?s * 10, 100 * SUM(...)
    return None  # after ")": (cg:a/cg:b)* or (1 + 2) * 3
