"""A person's profile file: where they are now and the skills they have.

A profile is a YAML (``.yaml``, ``.yml``) or JSON (``.json``) file with a
mapping of up to three fields::

    name: Alex Example          # optional; shown in output
    current: PM                 # optional; the current title (``role`` and ``title`` are synonyms)
    skills:                     # skill -> level
      Communication: 4
      data-driven decision making: practitioner

``current`` is any title of a role, resolved like every title (alternative
titles, abbreviations, any case). Skills are named by their label or any
alternative label, in any case; ``skills`` may also be a list of
``{skill: ..., level: ...}`` items. A level is an integer of the proficiency
scale (1 awareness, 2 working knowledge, 3 practitioner, 4 advanced, 5
expert) or its name. Leave out the skills you do not have.

Every mistake raises :class:`~careergraph.errors.DataFileError` naming the
file, the line where known, and the field, with suggestions for unknown
titles and skills.

Examples
--------
>>> from careergraph.load import load_graph
>>> from careergraph.resources import ontology_dir
>>> profile = load_profile(ontology_dir() / "examples" / "profile.yaml", load_graph())
>>> profile.name, profile.role
('Alex Example', 'https://w3id.org/careergraph/pm/product-manager')
>>> profile.skills["https://w3id.org/careergraph/pm/skill-data-driven-decision-making"]
3
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from careergraph.errors import DataFileError, NotFound, shown
from careergraph.names import TitleIndex, normalize_title, skill_index
from careergraph.yaml_safe import MAX_DIGITS, load_yaml, refuse_control, safe_loader

if TYPE_CHECKING:
    from careergraph.career_graph import CareerGraph

SUFFIXES = (".yaml", ".yml", ".json")
"""File endings a profile may have."""

FIELDS = ("name", "current", "skills")
"""The fields of a profile."""

SYNONYMS = {"role": "current", "title": "current", "current_role": "current",
            "current_title": "current"}
"""Other names accepted for a field."""


@dataclass(frozen=True)
class Profile:
    """A person's profile, with the title and skills resolved against a graph.

    Parameters
    ----------
    path : str
        The file, as named by the user.
    name : str or None
        The person's name, if given.
    title : str or None
        The current title as written in the file.
    role : str or None
        The IRI of the current role.
    skills : dict
        Skill IRI -> level (an integer of the proficiency scale).
    """

    path: str
    name: str | None
    title: str | None
    role: str | None
    skills: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The profile as plain JSON-ready values.

        Returns
        -------
        dict
            ``path``, ``name``, ``title``, ``role`` and ``skills`` (skill IRI -> level).
        """
        return {"path": self.path, "name": self.name, "title": self.title, "role": self.role,
                "skills": dict(self.skills)}


class _Mapping(dict):
    """A mapping read from a file, with the line of each key."""

    lines: dict[Any, int]


class _Sequence(list):
    """A list read from a file, with the line of each item."""

    lines: list[int]


def load_profile(path: str | Path, kg: CareerGraph) -> Profile:
    """Read a profile file and resolve its title and skills against ``kg``.

    Parameters
    ----------
    path : str or Path
        The profile file (``.yaml``, ``.yml`` or ``.json``).
    kg : CareerGraph
        The loaded graph the title and skills are looked up in.

    Returns
    -------
    Profile
        The person's name, current role and skills, resolved.

    Raises
    ------
    DataFileError
        The file is missing, unreadable or malformed, or names an unknown
        field, title, skill or level.

    Examples
    --------
    >>> import os, tempfile
    >>> from careergraph.load import load_graph
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = os.path.join(tmp, "me.yaml")
    ...     _ = open(path, "w").write("current: Senior PM\\nskills:\\n  Comunication: 3\\n")
    ...     load_profile(path, load_graph())
    Traceback (most recent call last):
    ...
    careergraph.errors.DataFileError: .../me.yaml:3: skills: unknown skill 'Comunication'; did you mean Communication?
    """
    name = str(path)
    data = read_profile_data(path)
    for key in data:
        if not isinstance(key, str) or SYNONYMS.get(key, key) not in FIELDS:
            raise _error(name, data, key, f"unknown field '{key}'; a profile has the fields "
                                          f"{', '.join(FIELDS)}", field=False)
    given = [key for key in data if SYNONYMS.get(key, key) == "current"]
    if len(given) > 1:
        raise _error(name, data, given[1], f"'{given[0]}' and '{given[1]}' both give the "
                                           "current role; keep one")
    person = _text(name, data, "name")
    title = _text(name, data, given[0]) if given else None
    role = None
    if title is not None:
        try:
            role = TitleIndex.for_graph(kg).resolve(title)
        except NotFound as error:
            raise _error(name, data, given[0], str(error)) from None
    skills = _skills(name, data, kg)
    return Profile(name, person, title, role, skills)


def read_profile_data(path: str | Path) -> _Mapping:
    """Parse a profile file into a mapping that knows the line of each key.

    Parameters
    ----------
    path : str or Path
        The profile file.

    Returns
    -------
    dict
        The top-level mapping, with ``lines`` (key -> line) where known.

    Raises
    ------
    DataFileError
        The file is missing, unreadable, not valid YAML or JSON, or not a mapping.

    Examples
    --------
    >>> import os, tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = os.path.join(tmp, "me.json")
    ...     _ = open(path, "w").write('{"current": "PM",\\n "skills": {"Leadership": 3}}')
    ...     data = read_profile_data(path)
    >>> data, data.lines
    ({'current': 'PM', 'skills': {'Leadership': 3}}, {'current': 1, 'skills': 2})
    """
    name, path = str(path), Path(path)
    if path.suffix.lower() not in SUFFIXES:
        raise DataFileError(name, f"cannot tell the format from the ending "
                                  f"'{path.suffix or '(none)'}'; a profile is {', '.join(SUFFIXES)}")
    text = _read_text(path, name)
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(text, object_pairs_hook=lambda pairs: _unique(name, pairs),
                              parse_int=lambda digits: _integer(name, digits))
        except json.JSONDecodeError as error:
            raise DataFileError(name, f"not valid JSON: {error.msg}", line=error.lineno,
                                column=error.colno) from None
        except RecursionError:
            raise DataFileError(name, "not valid JSON: nested too deeply to read") from None
        try:  # JSON is YAML: read it again for the lines
            located, _ = load_yaml(text, name, _line_loader())
        except DataFileError:
            located = None  # the few JSON texts PyYAML cannot read: no lines, same values
        if located == data:
            data = located
        _refuse_control(name, data, data)
    else:
        data, _ = load_yaml(text, name, _line_loader())
    if data is None:
        raise DataFileError(name, "is empty; a profile gives 'current' and 'skills'")
    if not isinstance(data, dict):
        raise DataFileError(name, "a profile is a mapping of fields (name, current, skills), "
                                  f"not a {_kind(data)}", line=1)
    return data


def _skills(name: str, data: _Mapping, kg: CareerGraph) -> dict[str, int]:
    """The ``skills`` field resolved: skill IRI -> level."""
    if "skills" not in data or data["skills"] is None:
        return {}
    items = _skill_items(name, data)
    index, scale = skill_index(kg), kg.derived.proficiency_scale
    skills: dict[str, int] = {}
    written: dict[str, str] = {}
    for skill, level, line in items:
        if not isinstance(skill, str) or not skill.strip():
            raise DataFileError(name, f"skills: a skill is named by text, not {skill!r}", line=line)
        try:
            iri = index.resolve(skill)
        except NotFound as error:
            raise DataFileError(name, f"skills: {error}", line=line) from None
        if iri in skills:
            raise DataFileError(name, f"skills: '{written[iri]}' and '{skill}' name the same skill "
                                      f"({index.label(iri)}); keep one", line=line)
        skills[iri], written[iri] = _level(name, skill, level, line, scale), skill
    return skills


def _skill_items(name: str, data: _Mapping) -> list[tuple[Any, Any, int | None]]:
    """(skill, level, line) for each skill, from the mapping or the list form."""
    value, line = data["skills"], getattr(data, "lines", {}).get("skills")
    if isinstance(value, dict):
        return [(skill, level, getattr(value, "lines", {}).get(skill, line))
                for skill, level in value.items()]
    if isinstance(value, list):
        items = []
        lines = getattr(value, "lines", [])
        for number, item in enumerate(value):
            where = lines[number] if number < len(lines) else line
            if not isinstance(item, dict) or set(item) != {"skill", "level"}:
                raise DataFileError(name, "skills: each item of the list is a mapping with "
                                          "'skill' and 'level'", line=where)
            items.append((item["skill"], item["level"], where))
        return items
    raise DataFileError(name, f"skills: a mapping of skill to level, not a {_kind(value)}",
                        line=line)


def _level(name: str, skill: str, level: Any, line: int | None, scale: Mapping[int, str]) -> int:
    """A level as an integer of the scale, from the integer or the level's name."""
    if isinstance(level, str):
        by_name = {normalize_title(n): v for v, n in scale.items()}
        if normalize_title(level) in by_name:
            return by_name[normalize_title(level)]
        if level.strip().isascii() and level.strip().isdigit() and len(level.strip()) <= MAX_DIGITS:
            level = int(level.strip())
    if not isinstance(level, bool) and isinstance(level, int) and level in scale:
        return level
    names = ", ".join(f"{v} {n}" for v, n in scale.items())
    raise DataFileError(name, f"skills: the level of '{shown(skill)}' is {shown(repr(level))}; "
                              f"a level is one of "
                              f"{names} (leave out the skills you do not have)", line=line)


def _text(name: str, data: _Mapping, key: str) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, (dict, list, bool)):
        raise _error(name, data, key, f"a text, not a {_kind(value)}")
    text = str(value).strip()
    if not text:
        raise _error(name, data, key, "is empty")
    return text


def _error(name: str, data: _Mapping, key: Any, reason: str, *,
           field: bool = True) -> DataFileError:
    """An error about one field of the profile, at the line of its key."""
    return DataFileError(name, f"{key}: {reason}" if field else reason,
                         line=getattr(data, "lines", {}).get(key))


def _kind(value: Any) -> str:
    for kind, name in ((bool, "true/false"), (dict, "mapping"), (list, "list"), (str, "text"),
                       ((int, float), "number")):
        if isinstance(value, kind):
            return name
    return type(value).__name__


def _read_text(path: Path, name: str) -> str:
    if not path.exists():
        raise DataFileError(name, "no such file")
    if path.is_dir():
        raise DataFileError(name, "is a folder, not a file")
    try:
        return path.read_bytes().decode("utf-8-sig")
    except OSError as error:
        raise DataFileError(name, error.strerror or str(error)) from None
    except UnicodeDecodeError as error:
        raise DataFileError(name, f"not UTF-8 text (byte 0x{error.object[error.start]:02x})") from None


def _refuse_control(name: str, value: Any, top: Any, key: Any = None) -> None:
    """Refuse a control character or a lone surrogate in any text of a JSON profile (YAML's reader refuses them)."""
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for inner, item in items:
        where = inner if value is top else key
        for text in (inner, item):
            problem = refuse_control(text) if isinstance(text, str) else None
            if problem is not None:
                raise DataFileError(name, f"{where}: {problem}",
                                    line=getattr(top, "lines", {}).get(where))
        _refuse_control(name, item, top, where)


def _integer(name: str, digits: str) -> int:
    """A whole number of a JSON profile, refused when too long to convert."""
    if len(digits.lstrip("+-")) > MAX_DIGITS:
        raise DataFileError(name, f"not valid JSON: a number of {len(digits.lstrip('+-')):,} "
                                  f"digits; careergraph reads whole numbers of up to {MAX_DIGITS} "
                                  "digits")
    return int(digits)


def _unique(name: str, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise DataFileError(name, f"the key '{key}' appears twice")
        seen[key] = value
    return seen


@lru_cache(maxsize=1)
def _line_loader() -> type:
    """The line-recording loader class, built on first use so that importing this module skips PyYAML."""
    import yaml

    class LineLoader(safe_loader()):
        """A safe YAML loader that records the line of every key and item, and refuses duplicate keys."""

    def mapping(loader: LineLoader, node: yaml.MappingNode) -> _Mapping:
        loader.flatten_mapping(node)
        result = _Mapping()
        result.lines = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if isinstance(key, (dict, list)):
                raise yaml.constructor.ConstructorError(
                    None, None, "a key is a mapping or a list", key_node.start_mark)
            if key in result:
                raise yaml.constructor.ConstructorError(
                    None, None, f"the key '{key}' appears twice", key_node.start_mark)
            result[key] = loader.construct_object(value_node, deep=True)
            result.lines[key] = key_node.start_mark.line + 1
        return result

    def sequence(loader: LineLoader, node: yaml.SequenceNode) -> _Sequence:
        result = _Sequence(loader.construct_object(item, deep=True) for item in node.value)
        result.lines = [item.start_mark.line + 1 for item in node.value]
        return result

    LineLoader.add_constructor("tag:yaml.org,2002:map", mapping)
    LineLoader.add_constructor("tag:yaml.org,2002:seq", sequence)
    return LineLoader
