"""Read the YAML form of a company ladder, with the line of every value and the text of every entry.

The document is what ``yaml.safe_load`` gives; the composed node tree gives
each value's line and each entry's text (:class:`~careergraph.importers.ladder_document.LadderDocument`).
The text is parsed once, by careergraph's one YAML reader
(:func:`careergraph.yaml_safe.load_yaml`: safe loader, no alias bombs, no
numbers too long, no control characters in text); a key written twice in
one mapping (the second would silently win) is refused here.

Examples
--------
>>> from careergraph.resources import example_path
>>> document = read_yaml(example_path("acme-ladder.yaml"), "acme-ladder.yaml")
>>> document.data["roles"][0]["title"], str(document.place(("roles", 0, "title")))
('Product Analyst', 'acme-ladder.yaml, line 30')
"""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

from careergraph.errors import DataFileError, LadderError
from careergraph.importers.ladder_document import (LADDER_LISTS, NESTED, LadderDocument, Path_, Place,
                                                   read_text)
from careergraph.yaml_safe import load_yaml


def read_yaml(path: Path, name: str) -> LadderDocument:
    """Read the YAML form, with the line of every value and the text of every entry.

    Parameters
    ----------
    path : Path
        The ``.yaml`` or ``.yml`` file.
    name : str
        How to name it in errors and provenance.

    Returns
    -------
    LadderDocument

    Raises
    ------
    LadderError
        The file is not UTF-8, not valid YAML (with the line), not a mapping,
        repeats a key in one mapping, or has aliases that expand too far.
    """
    text = read_text(path, name)
    try:
        data, root = load_yaml(text, name)
    except DataFileError as error:
        place = Place(name, error.line) if error.line is not None else None
        raise LadderError(name, error.reason, place=place) from None
    if not isinstance(data, dict):
        raise LadderError(name, "a ladder file is a mapping with 'ladder' and 'roles' "
                                "(and 'skills', 'moves')", place=Place(name, 1))
    document = LadderDocument(data, name, "yaml")
    lines = text.splitlines()
    _locate(document, root, (), lines)
    return document


def _is_code(path: Path_) -> bool:
    """Whether ``path`` holds a grade code (kept as written: ``9.10`` is not the number 9.1)."""
    if path[:2] == ("ladder", "grades"):
        return len(path) == 3 or (len(path) == 4 and path[3] == "code")
    return len(path) in (3, 4) and path[0] == "roles" and path[2] == "grade"


def _keep_as_written(document: LadderDocument, path: Path_, node: Any) -> None:
    """Put back the text of a grade code that YAML read as a number (``9.5``, ``7``)."""
    container: Any = document.data
    try:
        for part in path[:-1]:
            container = container[part]
        if isinstance(container[path[-1]], (int, float)) and not isinstance(container[path[-1]], bool):
            container[path[-1]] = node.value
    except (KeyError, IndexError, TypeError):
        return


def _locate(document: LadderDocument, node: Any, path: Path_, lines: list[str]) -> None:
    """Record the line of each node below ``node``, the text of each entry, and refuse duplicate keys."""
    import yaml

    document.places[path] = Place(document.name, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key, value in node.value:
            name = key.value
            if name in seen:
                raise LadderError(document.name, f"the key '{name}' appears twice in one mapping "
                                                 f"(first at line {seen[name]})",
                                  place=Place(document.name, key.start_mark.line + 1), field=name)
            seen[name] = key.start_mark.line + 1
            _locate(document, value, (*path, name), lines)
            document.places[(*path, name)] = Place(document.name, key.start_mark.line + 1)
        if _is_entry(path):
            document.quotes[path] = _entry_text(node, lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _locate(document, item, (*path, index), lines)
    else:
        if _is_code(path) and node.style is None:
            _keep_as_written(document, path, node)
        if _is_entry(path):
            document.quotes[path] = lines[node.start_mark.line].strip().removeprefix("- ")


def _is_entry(path: Path_) -> bool:
    """Whether ``path`` is an entry that becomes a node: the ladder, a role, a skill, ..."""
    return (path in (("ladder",), ("ladder", "scale"))
            or (len(path) == 2 and path[0] in ("roles", "skills", "moves", "mappings"))
            or (len(path) == 4 and path[0] == "roles" and path[2] in NESTED)
            or (len(path) == 3 and path[0] == "roles" and path[2] in NESTED[2:])
            or (len(path) == 3 and path[:2] in {("ladder", name) for name in LADDER_LISTS})
            or (len(path) == 4 and path[:3] == ("ladder", "scale", "levels")))


def _entry_text(node: Any, lines: list[str]) -> str:
    """The lines of a mapping, without its nested entries (requirements, grades, ...)."""
    numbers: set[int] = set()
    for key, value in node.value:
        if key.value in (*NESTED, *LADDER_LISTS, "scale", "levels"):
            continue
        ends_before = value.end_mark.line >= len(lines) or \
            not lines[value.end_mark.line][:value.end_mark.column].strip()
        end = value.end_mark.line - (1 if ends_before else 0)
        numbers.update(range(key.start_mark.line, max(end, key.start_mark.line) + 1))
    text = "\n".join(lines[n] for n in sorted(numbers) if n < len(lines))
    first = lines[node.start_mark.line]
    if first.lstrip().startswith("- "):  # the entry's dash stands before its first key
        text = text.replace("- ", "  ", 1)
    return textwrap.dedent(text).strip()
