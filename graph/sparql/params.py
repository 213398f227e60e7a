"""Parameters of SPARQL queries: how a query declares them, and how values become RDF terms.

A query file declares its parameters in its header, one per comment line
under ``# Parameters:``::

    # Parameters:
    #   role (role, required): the role, by any title or alternative title
    #   minimum (integer, optional): the lowest proficiency to list

Each gives the name (the query's variable without ``?``), the kind, whether it
is required (the default) or optional, and a description; ``# Parameters:
none`` says there are none. The kinds:

``role``
    a role, named by any title or alternative title (or IRI, ``pm:name``); bound as its IRI.
``skill``
    a skill, named by its name or alternative name in any case (or IRI); bound as its IRI.
``text``
    a string, bound as a plain literal.
``integer``
    a whole number, bound as an ``xsd:integer``.
``iri``
    an IRI, written ``<...>``, ``prefix:name`` or ``http(s)://...``.

A value for a query that declares no parameters is read as a term: ``<iri>``,
``prefix:name``, ``http(s)://...`` or ``urn:...`` are IRIs; ``42`` and
``4.5`` numbers; ``"text"@en`` or ``"1"^^xsd:integer`` literals as written;
anything else a plain string. Values are bound with rdflib's ``initBindings``,
never pasted into the query text, so a value is only ever a value.
:func:`plain_term` reads a value the same way without rdflib (for the fast
path of :mod:`careergraph.sparql.fast`); rdflib is imported only by the
functions that make rdflib terms.

Examples
--------
>>> parse_parameters(["# Parameters:", "#   role (role, required): the role, by any title"])
(Parameter(name='role', kind='role', required=True, description='the role, by any title'),)
>>> term_from_text("pm:product-manager")
rdflib.term.URIRef('https://w3id.org/careergraph/pm/product-manager')
>>> term_from_text('"Product Owner"@en')
rdflib.term.Literal('Product Owner', lang='en')
>>> term_from_text("3")
rdflib.term.Literal('3', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#integer'))
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, NamedTuple

from careergraph.errors import CareerGraphError
from careergraph.namespaces import PREFIXES, XSD

if TYPE_CHECKING:
    from rdflib.term import Node

KINDS: dict[str, str] = {
    "role": "a role, by any title or alternative title",
    "skill": "a skill, by its name",
    "text": "text",
    "integer": "a whole number",
    "iri": "an IRI (<...> or prefix:name)",
}
"""The kinds of parameter, and what a value of each is."""


class Parameter(NamedTuple):
    """One declared parameter of a query (a named tuple: no ``dataclasses`` import on the query's fast path).

    Parameters
    ----------
    name : str
        The query variable it binds, without ``?``.
    kind : str
        One of :data:`KINDS`.
    required : bool, default True
        Whether the query needs a value for it.
    description : str, default ""
        What the value is, in words.
    """

    name: str
    kind: str
    required: bool = True
    description: str = ""

    def usage(self) -> str:
        """The parameter as shown in lists: ``role=ROLE``, ``[minimum=INTEGER]`` when optional.

        Returns
        -------
        str
            ``name=KIND``, in brackets when optional.

        Examples
        --------
        >>> Parameter("minimum", "integer", required=False).usage()
        '[minimum=INTEGER]'
        """
        text = f"{self.name}={self.kind.upper()}"
        return text if self.required else f"[{text}]"

    def to_dict(self) -> dict[str, Any]:
        """The parameter as plain JSON-ready values.

        Returns
        -------
        dict
            ``name``, ``kind``, ``required`` and ``description``.
        """
        return {"name": self.name, "kind": self.kind, "required": self.required,
                "description": self.description}


_SPEC = re.compile(r"(?P<name>[A-Za-z_]\w*)\s*\(\s*(?P<kind>\w+)\s*(?:,\s*(?P<need>required|optional)\s*)?\)"
                   r"\s*:?\s*(?P<description>.*)")


def parse_parameters(lines: Iterable[str], where: str = "the query") -> tuple[Parameter, ...]:
    """The parameters a query header declares.

    Parameters
    ----------
    lines : iterable of str
        The lines of the query (only the ``# Parameters:`` block is read).
    where : str
        How to name the query in errors.

    Returns
    -------
    tuple of Parameter
        In the order declared; empty when the header declares none.

    Raises
    ------
    CareerGraphError
        For a parameter line that does not follow the syntax, or an unknown kind.
    """
    parameters: list[Parameter] = []
    lines = iter(lines)
    for line in lines:
        if line.startswith("# Parameters:"):
            rest = line.split(":", 1)[1].strip()
            specs = [] if rest.lower() in ("", "none") else [rest]
            for more in lines:
                if not re.match(r"#\s{2,}\S", more):
                    break
                specs.append(more.lstrip("#").strip())
            parameters += [_parameter(spec, where) for spec in specs]
            break
    return tuple(parameters)


def _parameter(spec: str, where: str) -> Parameter:
    match = _SPEC.fullmatch(spec)
    if not match:
        raise CareerGraphError(f"{where}: cannot read the parameter line '{spec}'; write "
                               "'name (kind, required|optional): description'")
    if match["kind"] not in KINDS:
        raise CareerGraphError(f"{where}: parameter '{match['name']}' has the unknown kind "
                               f"'{match['kind']}'; use one of {', '.join(KINDS)}")
    return Parameter(match["name"], match["kind"], match["need"] != "optional",
                     match["description"].strip())


def resolve_value(kg, parameter: Parameter, value: Any) -> Node:
    """The RDF term a value of a declared parameter stands for.

    Parameters
    ----------
    kg : CareerGraph
        The loaded graph (roles and skills are looked up in it).
    parameter : Parameter
        The declared parameter the value is for.
    value : str or int or rdflib term
        The value as given; an rdflib term is taken as it is.

    Returns
    -------
    rdflib term
        The IRI of the role or skill, or the literal or IRI of the value.

    Raises
    ------
    RoleNotFound, SkillNotFound
        For an unknown role or skill, with suggestions (both are a
        :class:`~careergraph.errors.NotFound` of :mod:`careergraph.names`).
    CareerGraphError
        For a value that is not of the parameter's kind.

    Examples
    --------
    >>> from careergraph.load import load_graph
    >>> resolve_value(load_graph(), Parameter("role", "role"), "Product Owner")
    rdflib.term.URIRef('https://w3id.org/careergraph/pm/associate-product-manager')
    >>> resolve_value(None, Parameter("minimum", "integer"), "three")
    Traceback (most recent call last):
    ...
    careergraph.errors.CareerGraphError: parameter 'minimum' must be a whole number, not 'three'
    """
    from rdflib import Literal, URIRef
    from rdflib.term import Node

    from careergraph.names import TitleIndex, skill_index

    if isinstance(value, Node):
        return value
    if parameter.kind == "role":
        return URIRef(TitleIndex.for_graph(kg).resolve(str(value)))
    if parameter.kind == "skill":
        return URIRef(skill_index(kg).resolve(str(value)))
    if parameter.kind == "integer":
        try:
            return Literal(int(str(value).strip()))
        except ValueError:
            raise CareerGraphError(f"parameter '{parameter.name}' must be a whole number, "
                                   f"not '{value}'") from None
    if parameter.kind == "iri":
        term = term_from_text(str(value))
        if not isinstance(term, URIRef):
            raise CareerGraphError(f"parameter '{parameter.name}' must be an IRI "
                                   f"(<...> or prefix:name), not '{value}'")
        return term
    return Literal(str(value))


_IRI = re.compile(r"<([^<>\"{}|^`\\\s]*)>")
_ABSOLUTE = re.compile(r"(https?://|urn:)[^<>\"{}|^`\\\s]*")
_NAME = re.compile(r"(?P<prefix>[A-Za-z][\w-]*):(?P<local>[\w.-]*)")
_LITERAL = re.compile(r'"(?P<text>(?:[^"\\]|\\.)*)"(?:@(?P<lang>[A-Za-z]+(?:-[A-Za-z0-9]+)*)'
                      r"|\^\^(?P<datatype>.+))?", re.DOTALL)


def term_from_text(value: Any) -> Node:
    """Read a value for an undeclared parameter as an RDF term (see the module notes).

    Parameters
    ----------
    value : str or int or rdflib term
        The value as given.

    Returns
    -------
    rdflib term
        An IRI or a literal.

    Examples
    --------
    >>> term_from_text("<http://example.org/a>")
    rdflib.term.URIRef('http://example.org/a')
    >>> term_from_text('x" } ; DROP ALL ; #')
    rdflib.term.Literal('x" } ; DROP ALL ; #')
    >>> term_from_text('"2"^^xsd:integer').toPython()
    2
    """
    from rdflib import Literal, URIRef
    from rdflib.term import Node

    if isinstance(value, Node):
        return value
    if not isinstance(value, str):
        return Literal(value)
    kind, text, extra = plain_term(value)
    if kind == "iri":
        return URIRef(text)
    if kind == "integer":
        return Literal(int(text))
    if kind == "lang":
        return Literal(text, lang=extra)
    if kind == "typed":
        datatype = term_from_text(extra)
        if not isinstance(datatype, URIRef):
            raise CareerGraphError(f"the datatype of {value!r} must be an IRI")
        return Literal(text, datatype=datatype)
    if kind == "decimal":
        return Literal(text, datatype=URIRef(XSD + "decimal"))
    return Literal(text)


def plain_term(value: str) -> tuple[str, str, str | None]:
    """How :func:`term_from_text` reads a value, without rdflib: its kind, text and language or datatype.

    Parameters
    ----------
    value : str
        The value as given.

    Returns
    -------
    tuple
        ``(kind, text, extra)``: ``("iri", iri, None)``, ``("integer", digits, None)``,
        ``("decimal", text, None)``, ``("lang", text, language)`` (``language``
        None for a quoted string without one), ``("typed", text, datatype as
        written)``, or ``("string", value, None)`` for anything else (the value
        as given, blanks kept).

    Examples
    --------
    >>> plain_term(" pm:product-manager ")
    ('iri', 'https://w3id.org/careergraph/pm/product-manager', None)
    >>> plain_term('"Product Owner"@en'), plain_term("Product Owner")
    (('lang', 'Product Owner', 'en'), ('string', 'Product Owner', None))
    """
    text = value.strip()
    if match := _IRI.fullmatch(text):
        return "iri", match.group(1), None
    if _ABSOLUTE.fullmatch(text):
        return "iri", text, None
    if (match := _NAME.fullmatch(text)) and match["prefix"] in PREFIXES:
        return "iri", PREFIXES[match["prefix"]] + match["local"], None
    if re.fullmatch(r"[+-]?\d+", text):
        return "integer", text, None
    if re.fullmatch(r"[+-]?\d*\.\d+", text):
        return "decimal", text, None
    if match := _LITERAL.fullmatch(text):
        lexical = re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t", "r": "\r"}.get(m[1], m[1]),
                         match["text"])
        if match["datatype"]:
            return "typed", lexical, match["datatype"]
        return "lang", lexical, match["lang"]
    return "string", value, None
