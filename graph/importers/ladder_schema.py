"""Check a ladder document against the ladder schema, with messages a person can act on.

``ontology/schemas/ladder.schema.json`` says what a ladder may hold;
jsonschema finds every mistake, and :func:`check_document` raises the first
one in the order of the file, saying it in words: the file, the line or row,
the field, and the closest choice or field name when there is one.

Examples
--------
>>> from careergraph.importers.ladder_document import LadderDocument, Place
>>> document = LadderDocument({"ladder": {"id": "x1", "title": "X"}, "roles": [
...     {"id": "a", "titel": "A", "seniority": 1, "track": "management"}]},
...     "x.yaml", "yaml", places={("roles", 0): Place("x.yaml", 3)})
>>> check_document(document)
Traceback (most recent call last):
...
careergraph.errors.LadderError: x.yaml, line 3, field 'titel': unknown field; did you mean title?
"""

from __future__ import annotations

import difflib
import json
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from careergraph.errors import LadderError, shown
from careergraph.resources import schema_path

if TYPE_CHECKING:
    from careergraph.importers.ladder_document import LadderDocument, Path_

__all__ = ["check_document"]

_CHOICE_FIELDS = ("track", "category", "importance", "kind", "extends", "proficiency", "relation")
_TYPE_WORDS = {"string": "text", "integer": "a whole number", "array": "a list",
               "object": "a mapping (key: value lines)", "number": "a number"}


@lru_cache(maxsize=1)
def _validator() -> Any:
    import jsonschema

    schema = json.loads(schema_path("ladder").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def check_document(document: LadderDocument) -> None:
    """Check a document against the ladder schema; raise the first mistake, in file order.

    Values of the choice fields (track, category, importance, kind, extends,
    named proficiency levels) are normalised first, in place: case is
    ignored and ``-`` or ``_`` count as spaces.

    Parameters
    ----------
    document : LadderDocument
        The ladder as read (:func:`careergraph.importers.ladder_files.read_document`).

    Raises
    ------
    LadderError
        The first mistake in the order of the file(s), naming the line or
        row and the field, with the closest choice or field name when one
        is near.

    Examples
    --------
    >>> from careergraph.importers.ladder_document import LadderDocument, Place
    >>> document = LadderDocument({"ladder": {"id": "x1", "title": "X"}, "roles": [
    ...     {"id": "a", "title": "A", "seniority": 1, "track": "Individual-Contributor"}]},
    ...     "x.yaml", "yaml", places={("roles", 0): Place("x.yaml", 3)})
    >>> check_document(document)
    >>> document.data["roles"][0]["track"]
    'individual contributor'
    >>> document.data["roles"][0]["track"] = "managment"
    >>> check_document(document)
    Traceback (most recent call last):
    ...
    careergraph.errors.LadderError: x.yaml, line 3, field 'track': 'managment' is not one of
        individual contributor, management, executive; did you mean management?
    """
    _normalise_choices(document.data)
    errors = list(_validator().iter_errors(document.data))
    if errors:
        first = min(errors, key=lambda e: (_order(document, tuple(e.absolute_path)),
                                           -len(e.absolute_path)))
        raise _schema_error(document, first)


def _normalise_choices(value: Any) -> None:
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, item in list(items):
        if key in _CHOICE_FIELDS and isinstance(item, str):
            value[key] = " ".join(item.replace("-", " ").replace("_", " ").casefold().split())
        else:
            _normalise_choices(item)


def _order(document: LadderDocument, path: Path_) -> tuple[str, int]:
    place = document.place(path)
    return (place.file, place.number) if place else ("", 0)


def _schema_error(document: LadderDocument, error: Any) -> LadderError:
    if error.validator == "anyOf" and error.context:
        # a value that may take several forms: the mistake within the form it has taken
        inner = [e for e in error.context if e.relative_path or e.validator != "type"]
        if inner:
            return _schema_error(document, max(inner, key=lambda e: len(e.absolute_path)))
    path = tuple(error.absolute_path)
    value, schema = error.instance, error.schema
    if error.validator == "required":
        missing = next(name for name in error.validator_value if name not in value)
        hint = ("; a new role needs a title, a seniority and a track (or an id prefix:name "
                "to add to a built-in role)") if path[:1] == ("roles",) and len(path) == 2 else ""
        return document.error((*path, missing), f"missing{hint}")
    if error.validator == "additionalProperties":
        extra = next(name for name in value if name not in schema.get("properties", {}))
        known = list(schema.get("properties", {}))
        close = difflib.get_close_matches(str(extra), known, n=1)
        hint = f"did you mean {close[0]}?" if close else f"the fields are {', '.join(known)}"
        return document.error((*path, extra), f"unknown field; {hint}")
    if error.validator == "enum":
        choices = [str(c) for c in error.validator_value]
        close = difflib.get_close_matches(str(value), choices, n=1, cutoff=0.5)
        hint = f"; did you mean {close[0]}?" if close else ""
        return document.error(path, f"{_show(value)} is not one of {', '.join(choices)}{hint}")
    if error.validator == "minItems":
        return document.error(path, "is empty; give at least one")
    if error.validator == "minLength":
        return document.error(path, "is empty")
    expected = schema.get("description") or _TYPE_WORDS.get(str(schema.get("type")), "valid here")
    return document.error(path, f"{_show(value)} is not {expected.split(';')[0]}")


def _show(value: Any) -> str:
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return "a mapping" if isinstance(value, dict) else "a list"
    return repr(shown(value)) if isinstance(value, str) else shown(repr(value))
