"""Bind variables of a SPARQL query in its text, for servers that take nothing but text.

The SPARQL 1.1 Protocol sends a query as text and has no way to pass
bindings beside it. rdflib's ``initBindings`` and Oxigraph's
``substitutions`` (SEP-0007) bind a variable *everywhere* in the query,
including inside ``FILTER NOT EXISTS { ... }`` and the branches of a
``UNION``; a single ``VALUES`` block at the top of the query would not reach
those, because SPARQL evaluates inner groups on their own. So
:func:`bind_values` puts a one-row ``VALUES`` block at the start of the
query's main group and of every inner group that mentions the variable: the
patterns of each group then only ever see the bound value, which is what
pre-binding means.

The values must already be RDF terms in SPARQL syntax (``<iri>``,
``"text"@en``, ``"3"^^<...#integer>``), as produced by rdflib's ``.n3()``
(see :func:`careergraph.store.term_to_sparql`); they are never a user's raw
text, so a value cannot change the query around it.

The function reads the query with a small tokenizer that knows SPARQL's
strings, IRIs, comments and prefixed names, so braces or keywords inside a
string or a comment are never mistaken for structure. It is meant for
queries that already parsed (:mod:`careergraph.sparql.guard` runs first).

Examples
--------
>>> print(bind_values("SELECT ?s WHERE { ?s a ?type }", {"type": "<http://example.org/T>"}))
SELECT ?s WHERE { VALUES (?type) { (<http://example.org/T>) } ?s a ?type }
>>> text = "ASK { ?a ?p ?b FILTER NOT EXISTS { ?b ?q ?a } }"
>>> print(bind_values(text, {"a": "<http://x>"}))
ASK { VALUES (?a) { (<http://x>) } ?a ?p ?b FILTER NOT EXISTS { VALUES (?a) { (<http://x>) } ?b ?q ?a } }
>>> query_form('PREFIX x: <http://x#> CONSTRUCT { ?s x:p "SELECT" } WHERE { ?s ?p ?o }')
'construct'
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import NamedTuple

_TOKEN = re.compile(r'''
    (?P<space>\s+)
  | (?P<comment>\#[^\n]*)
  | (?P<string>"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\'
               |"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$]\w+)
  | (?P<pname>(?:[A-Za-z][\w.-]*)?:(?:[\w.:%-]|\\.)*)
  | (?P<word>[A-Za-z_]\w*)
  | (?P<open>\{)
  | (?P<close>\})
  | (?P<other>.)
''', re.VERBOSE | re.DOTALL)

FORMS = ("select", "ask", "construct", "describe")
"""The query forms, as :func:`query_form` names them."""


class _Token(NamedTuple):
    kind: str
    text: str
    start: int
    end: int


def _tokens(text: str) -> list[_Token]:
    """The significant tokens of a query: no blanks, no comments."""
    return [_Token(m.lastgroup or "other", m.group(), m.start(), m.end())
            for m in _TOKEN.finditer(text) if m.lastgroup not in ("space", "comment")]


def tokens(text: str) -> list[tuple[str, str, int]]:
    """The significant tokens of a query (no blanks, no comments): kind, text and start of each.

    Parameters
    ----------
    text : str
        The query.

    Returns
    -------
    list of tuple
        ``(kind, text, start)``; the kinds are ``string``, ``iri``, ``var``,
        ``pname``, ``word``, ``open``, ``close`` and ``other`` (one character).

    Examples
    --------
    >>> tokens('ASK { ?s rdfs:label "x" }')[1:4]
    [('open', '{', 4), ('var', '?s', 6), ('pname', 'rdfs:label', 9)]
    """
    return [(token.kind, token.text, token.start) for token in _tokens(text)]


def query_form(text: str) -> str | None:
    """``select``, ``ask``, ``construct`` or ``describe``: the form of a query, or None.

    Parameters
    ----------
    text : str
        The query.

    Returns
    -------
    str or None
        The first form keyword outside strings, IRIs and comments; None when there is none.

    Examples
    --------
    >>> query_form("# ASK\\nSELECT * WHERE { ?s ?p ?o }")
    'select'
    """
    for token in _tokens(text):
        if token.kind == "word" and token.text.lower() in FORMS:
            return token.text.lower()
    return None


def words_and_variables(text: str) -> tuple[set[str], set[str]]:
    """The keywords and the variables of a query, read outside strings, IRIs and comments.

    Parameters
    ----------
    text : str
        The query.

    Returns
    -------
    tuple of (set of str, set of str)
        Every bare word, lower-cased (``select``, ``service``, ``from``...), and
        every variable's name without ``?`` or ``$``.

    Examples
    --------
    >>> words, names = words_and_variables('SELECT ?s WHERE { ?s rdfs:label "FROM" } # SERVICE')
    >>> sorted(words), sorted(names)
    (['select', 'where'], ['s'])
    """
    words: set[str] = set()
    names: set[str] = set()
    for token in _tokens(text):
        if token.kind == "word":
            words.add(token.text.lower())
        elif token.kind == "var":
            names.add(token.text[1:])
    return words, names


def bind_values(text: str, values: Mapping[str, str]) -> str:
    """The query with each variable of ``values`` bound by ``VALUES`` blocks (see the module).

    Parameters
    ----------
    text : str
        A SPARQL query that parses.
    values : mapping
        Variable name (without ``?``) -> the term in SPARQL syntax.

    Returns
    -------
    str
        The query text with the blocks inserted; unchanged when ``values`` is empty.

    Examples
    --------
    >>> print(bind_values("CONSTRUCT WHERE { ?s ?p ?o }", {"s": "<http://x>"}))
    CONSTRUCT WHERE { ?s ?p ?o }
    VALUES (?s) { (<http://x>) }
    """
    if not values:
        return text
    tokens = _tokens(text)
    groups = _groups(tokens)
    if not groups:  # CONSTRUCT WHERE { triples } and DESCRIBE without WHERE: a trailing block
        return f"{text}\n{_block(list(values), values)}"
    insertions: list[tuple[int, str]] = []
    for number, (first, last) in enumerate(groups):
        mentioned = {tokens[i].text[1:] for i in range(first, last) if tokens[i].kind == "var"}
        names = list(values) if number == 0 else [name for name in values if name in mentioned]
        if names:
            insertions.append((tokens[first].end, " " + _block(names, values)))
    for position, block in sorted(insertions, reverse=True):
        text = text[:position] + block + text[position:]
    return text


def _block(names: list[str], values: Mapping[str, str]) -> str:
    """One one-row ``VALUES`` block per variable: their join is the one row of all the values.

    Not one block of several variables: Virtuoso 7.2 fails to compile one
    (``Internal error: ssg_print_rvr_fixed_val(): no SPART_VARR_FIXED``) when
    one of its variables is also read by a FILTER of the group followed by an
    OPTIONAL (the named query ``roles-requiring-skill`` with ``minimum``).
    """
    return " ".join(f"VALUES (?{name}) {{ ({values[name]}) }}" for name in names)


def _groups(tokens: list[_Token]) -> list[tuple[int, int]]:
    """``(open, close)`` token indexes of every group graph pattern, the main one first.

    Left out: ``VALUES`` data blocks, the template of ``CONSTRUCT``, the
    pattern of the short form ``CONSTRUCT WHERE``, and the braces that wrap
    a sub-select (its own ``WHERE`` group is kept).
    """
    closing = _matching(tokens)
    form = None
    groups: list[tuple[int, int]] = []
    main: tuple[int, int] | None = None
    data_next = where_seen = False
    skip_to = -1
    for index, token in enumerate(tokens):
        if index < skip_to:
            continue
        word = token.text.lower() if token.kind == "word" else ""
        if form is None and word in FORMS:
            form = word
        if word == "values":
            data_next = True
        if word == "where":
            where_seen = True
        if token.kind != "open":
            continue
        end = closing.get(index, len(tokens) - 1)
        if data_next:  # VALUES ... { rows }: data, not a pattern
            data_next = False
            skip_to = end
            continue
        depth_zero = main is None and not any(first < index < last for first, last in groups)
        if form == "construct" and depth_zero and not where_seen:  # the template
            skip_to = end
            continue
        if form == "construct" and depth_zero and index > 0 and \
                tokens[index - 1].text.lower() == "where" and \
                tokens[index - 2].text.lower() == "construct":  # CONSTRUCT WHERE { triples }
            return []
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        if following is not None and following.text.lower() == "select":  # { SELECT ... }
            continue
        if main is None:
            main = (index, end)
        groups.append((index, end))
    return groups


def _matching(tokens: list[_Token]) -> dict[int, int]:
    """Open-brace index -> the index of its closing brace."""
    stack: list[int] = []
    pairs: dict[int, int] = {}
    for index, token in enumerate(tokens):
        if token.kind == "open":
            stack.append(index)
        elif token.kind == "close" and stack:
            pairs[stack.pop()] = index
    return pairs
