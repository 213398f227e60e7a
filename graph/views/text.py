"""The words of the views: tooltips, subtitles and the lines that describe a path's steps.

Everything here is plain text: tooltips travel to the page as lists of
strings and become DOM text there (``textContent``), never markup.

Examples
--------
>>> role_tip({"label": "Product Manager", "seniority": 2, "track": "individual contributor"})
['Product Manager', 'seniority 2 · individual contributor']
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from careergraph.namespaces import CG, RDF

if TYPE_CHECKING:
    import networkx as nx

    from careergraph.career_graph import CareerGraph


def sources_lines(sources: Sequence[Mapping[str, Any]], limit: int = 2) -> list[str]:
    """Tooltip lines quoting the source passages (at most ``limit``).

    Parameters
    ----------
    sources : sequence of mapping
        The sources of a thing, each with ``quote`` and, optionally, ``section``.
    limit : int
        The most passages quoted; a last line counts the others.

    Returns
    -------
    list of str
        One line per quoted passage, and one for the rest.

    Examples
    --------
    >>> sources_lines([{"quote": "a", "section": "Intro"}, {"quote": "b"}, {"quote": "c"}], limit=1)
    ['Source (Intro): “a”', '… and 2 more source passage(s)']
    """
    passages = [s for s in sources if s.get("quote")]
    lines = []
    for passage in passages[:limit]:
        where = f" ({passage['section']})" if passage.get("section") else ""
        lines.append(f"Source{where}: “{passage['quote']}”")
    if len(passages) > limit:
        lines.append(f"… and {len(passages) - limit} more source passage(s)")
    return lines


def level_meter(level: int, top: int = 5) -> str:
    """A level as a row of filled and empty dots, e.g. ``●●●○○`` for 3 of 5.

    Parameters
    ----------
    level : int
        The level (clipped to 0..``top``).
    top : int
        The highest level of the scale.

    Returns
    -------
    str
        ``level`` filled dots, then the empty ones up to ``top``.

    Examples
    --------
    >>> level_meter(3), level_meter(7, 5)
    ('●●●○○', '●●●●●')
    """
    filled = min(max(level, 0), top)
    return "●" * filled + "○" * (top - filled)


def role_tip(data: Mapping[str, Any]) -> list[str]:
    """Tooltip lines of a role: label, other titles, level and track, definition, sources.

    Parameters
    ----------
    data : mapping
        The role's node data in the role graph (``label``, ``alt_labels``,
        ``seniority``, ``track``, ``definition``, ``sources``).

    Returns
    -------
    list of str
        The tooltip's lines, the label first.

    Examples
    --------
    >>> role_tip({"label": "APM", "alt_labels": ["Junior PM"]})
    ['APM', 'Also called: Junior PM', 'seniority not given · no track']
    """
    lines = [data["label"]]
    if data.get("alt_labels"):
        lines.append("Also called: " + ", ".join(data["alt_labels"]))
    level = "seniority not given" if data.get("seniority") is None else f"seniority {data['seniority']}"
    lines.append(f"{level} · {data.get('track') or 'no track'}")
    if data.get("definition"):
        lines.append(data["definition"])
    return lines + sources_lines(data.get("sources", []))


def move_tip(roles: nx.DiGraph, source: str, target: str, data: Mapping[str, Any]) -> list[str]:
    """Tooltip lines of a move: its roles, its kind and its sources.

    Parameters
    ----------
    roles : networkx.DiGraph
        The role graph, for the roles' labels.
    source, target : str
        The move's roles.
    data : mapping
        The move's edge data (``kind_label`` or ``kind``, ``sources``).

    Returns
    -------
    list of str
        The tooltip's lines.

    Examples
    --------
    >>> import networkx as nx
    >>> roles = nx.DiGraph()
    >>> roles.add_node("a", label="A")
    >>> roles.add_node("b", label="B")
    >>> move_tip(roles, "a", "b", {"kind": "promotion"})
    ['A → B', 'Kind of move: promotion']
    """
    return [f"{roles.nodes[source]['label']} → {roles.nodes[target]['label']}",
            f"Kind of move: {data.get('kind_label') or data.get('kind')}",
            *sources_lines(data.get("sources", []))]


def _skill_text(item: Any) -> tuple[str, Any, Any]:
    """(label, level, from level) of a gained or raised skill, as dict or object."""
    def get(name: str) -> Any:
        return item.get(name) if isinstance(item, Mapping) else getattr(item, name, None)
    level = next((get(n) for n in ("level", "to_level", "required", "proficiency") if get(n) is not None), None)
    start = next((get(n) for n in ("from_level", "current", "have") if get(n) is not None), None)
    return str(get("label") or get("skill") or "?"), level, start


def step_lines(step: Any) -> list[str]:
    """Plain-text lines of one step's gap: skills to gain and to raise, responsibilities taken on.

    Parameters
    ----------
    step : StepGap or object
        One step of :func:`careergraph.gap.path_gap`: anything with ``gain``,
        ``raise_`` and ``responsibilities``, whose skills are objects or dicts
        with a label and a level.

    Returns
    -------
    list of str
        The lines, or one saying there is nothing to gain or raise.

    Examples
    --------
    >>> from types import SimpleNamespace as Step
    >>> step_lines(Step(gain=[{"label": "SQL", "level": 2}],
    ...                 raise_=[{"label": "Strategy", "from_level": 2, "level": 4}], responsibilities=["x"]))
    ['Gain: SQL (level 2)', 'Raise: Strategy (2 → 4)', 'Takes on 1 responsibility']
    """
    gain = [_skill_text(s) for s in getattr(step, "gain", ()) or ()]
    raised = [_skill_text(s) for s in getattr(step, "raise_", ()) or ()]
    lines = []
    if gain:
        lines.append("Gain: " + ", ".join(f"{label} (level {level})" if level is not None else label
                                          for label, level, _ in gain))
    if raised:
        lines.append("Raise: " + ", ".join(
            f"{label} ({start} → {level})" if start is not None else f"{label} (to {level})"
            for label, level, start in raised))
    if not lines:
        lines.append("No skill to gain or raise")
    responsibilities = list(getattr(step, "responsibilities", ()) or ())
    if responsibilities:
        lines.append(f"Takes on {len(responsibilities)} responsibilit{'y' if len(responsibilities) == 1 else 'ies'}")
    return lines


def layers_text(kg: CareerGraph) -> str:
    """What a view is drawn from, for its subtitle: the built-in data and the user's layers.

    Parameters
    ----------
    kg : CareerGraph
        The loaded graph.

    Returns
    -------
    str
        ``built-in data``, followed by the names of the user's layers.

    Examples
    --------
    >>> from careergraph.load import load_graph
    >>> layers_text(load_graph())
    'built-in data'
    """
    user = [layer.name for layer in kg.layers if not layer.builtin]
    return "built-in data" + (" + " + ", ".join(user) if user else "")


def ladder_titles(kg: CareerGraph) -> list[str]:
    """The titles of the graph's ladders (``cg:Ladder``), sorted.

    Parameters
    ----------
    kg : CareerGraph
        The loaded graph.

    Returns
    -------
    list of str
        Each ladder's label once.

    Examples
    --------
    >>> from careergraph.load import load_graph
    >>> ladder_titles(load_graph())
    ['Product management career ladder']
    """
    from rdflib import URIRef

    ladders = set(kg.subjects(URIRef(RDF + "type"), URIRef(CG + "Ladder")))
    return sorted({kg.label(ladder) for ladder in ladders})
