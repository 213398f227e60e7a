"""Titles that look like other titles: mixed scripts and confusable look-alikes, refused.

A ladder could give a role the title ``Associate Product Manager`` written
with a Cyrillic ``A`` (U+0410): it displays exactly like the built-in Associate Product
Manager, yet is another role. :func:`check_titles` refuses, naming the file,
the line or row and the field:

- a word that mixes scripts (Latin and Cyrillic, Latin and Greek, ...;
  Chinese, Japanese and Korean writing, which mixes scripts by nature, is
  one script here), per Unicode TR39's "mixed script" check;
- a title whose *skeleton* (:func:`skeleton`) is that of another role's title
  (of the ladder or built in) while the titles differ: it only looks the same.

Script and look-alike data come from the ``confusable_homoglyphs`` library
(Unicode's ``Scripts.txt`` and ``confusables.txt``).

Examples
--------
>>> skeleton("\u0410ssociate Product Manager") == skeleton("associate  product manager")
True
>>> mixed_script("\u0410ssociate Product Manager") == "\u0410ssociate", mixed_script("Ingénieur 🚀 produit")
(True, None)
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from careergraph.names import normalize_title

if TYPE_CHECKING:
    from careergraph.importers.ladder_document import LadderDocument, Path_
    from careergraph.names import TitleIndex

_IGNORED_SCRIPTS = {"COMMON", "INHERITED"}
_ONE_SCRIPT = {"HAN": "CJK", "HIRAGANA": "CJK", "KATAKANA": "CJK", "HANGUL": "CJK",
               "BOPOMOFO": "CJK"}


def _script(char: str) -> str:
    from confusable_homoglyphs import categories

    try:
        return categories.aliases_categories(char)[0]
    except (KeyError, IndexError, TypeError):
        return "COMMON"


def mixed_script(title: str) -> str | None:
    """The first word of ``title`` that mixes scripts, or None.

    Parameters
    ----------
    title : str
        A title as written.

    Returns
    -------
    str or None

    Examples
    --------
    >>> mixed_script("Pr\u043educt Manager") == "Pr\u043educt"
    True
    >>> mixed_script("مدير المنتج"), mixed_script("製品マネージャー")
    (None, None)
    """
    if title.isascii():  # Latin letters and common signs only
        return None
    for word in title.split():
        scripts = {_ONE_SCRIPT.get(s, s) for s in map(_script, word)} - _IGNORED_SCRIPTS
        if len(scripts) > 1:
            return word
    return None


@lru_cache(maxsize=4096)
def _look_alike(char: str) -> str:
    """The ASCII letter or digit ``char`` looks like, or ``char`` itself."""
    from confusable_homoglyphs import confusables

    if char.isascii() or _script(char) in _IGNORED_SCRIPTS:
        return char
    for found in confusables.is_confusable(char, preferred_aliases=[], greedy=True) or []:
        for homoglyph in found.get("homoglyphs", []):
            if len(homoglyph["c"]) == 1 and homoglyph["c"].isascii() and homoglyph["c"].isalnum():
                return homoglyph["c"]
    return char


def skeleton(title: str) -> str:
    """What a title looks like: NFKC, invisible characters dropped, look-alikes made ASCII, casefolded.

    Two titles with the same skeleton cannot be told apart on screen (after
    Unicode TR39's skeleton, restricted to letters that look like ASCII
    ones).

    Parameters
    ----------
    title : str
        A title as written.

    Returns
    -------
    str

    Examples
    --------
    >>> skeleton("\u0391\u03a1\u039c"), skeleton("Senior\u200b PM")  # Greek capitals
    ('apm', 'senior pm')
    """
    if title.isascii():
        return " ".join(title.casefold().split())
    text = "".join(ch for ch in unicodedata.normalize("NFKC", title)
                   if unicodedata.category(ch) != "Cf")
    return " ".join("".join(map(_look_alike, text)).casefold().split())


def check_titles(document: LadderDocument, what: str, own: Iterable[tuple[Path_, str, str]],
                 builtin: Iterable[tuple[str, str, bool]], label: dict[str, str]) -> None:
    """Refuse titles of the ladder that mix scripts in a word or only look like another's.

    Parameters
    ----------
    document : LadderDocument
        The ladder, for the error's place.
    what : str
        ``"role"`` or ``"skill"``, for messages.
    own : iterable of (path, IRI, title)
        The ladder's titles: where each is written, the node it names, the title.
    builtin : iterable of (IRI, title, bool)
        The built-in titles (the third item, whether preferred, is not used).
    label : dict of str to str
        IRI -> the name to call it in messages.

    Raises
    ------
    LadderError
        The first such title, in the order given.
    """
    own = list(own)
    known: dict[str, list[tuple[str, str]]] = {}
    for iri, title, *_ in [(iri, title) for _, iri, title in own] + list(builtin):
        known.setdefault(skeleton(title), []).append((iri, title))
    for path, iri, title in own:
        word = mixed_script(title)
        if word is not None:
            scripts = sorted({_script(c).title() for c in word} - {"Common", "Inherited"})
            raise document.error(path, f"the word '{word}' of '{title}' mixes scripts "
                                       f"({', '.join(scripts)}); it would look like a title it "
                                       "is not: write it in one script")
        for other, other_title in known.get(skeleton(title), []):
            if other != iri and normalize_title(other_title) != normalize_title(title):
                raise document.error(path, f"'{title}' looks the same as '{other_title}', a title "
                                           f"of the {what} {label.get(other, other)}, but is "
                                           "written with other characters; write it as that "
                                           f"title to name that {what}, or choose another title")


def check_ladder_titles(document: LadderDocument, roles: dict[str, Any], skills: dict[str, Any],
                        builtin_roles: TitleIndex, builtin_skills: TitleIndex) -> None:
    """Run :func:`check_titles` on the role titles and skill names of a ladder.

    Parameters
    ----------
    document : LadderDocument
        The ladder, checked against the schema.
    roles, skills : dict
        The ladder's role and skill ids (as written) -> their nodes.
    builtin_roles, builtin_skills : TitleIndex
        The built-in roles and skills by title.

    Raises
    ------
    LadderError
        A title or name that mixes scripts in a word or only looks like another.
    """
    for what, section, ids, index, first, others in (
            ("role", "roles", roles, builtin_roles, "title", "alt_titles"),
            ("skill", "skills", skills, builtin_skills, "name", "alt_names")):
        own = [((section, number, first) if place == 0 else (section, number, others, place - 1),
                str(ids[entry["id"]]), title)
               for number, entry in enumerate(document.data.get(section, []))
               for place, title in enumerate([entry.get(first), *entry.get(others, [])]) if title]
        check_titles(document, what, own, index.entries,
                     {iri: index.label(iri) for iri, _, _ in index.entries})
