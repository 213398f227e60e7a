"""The words of a title, for comparing titles: lower case, no punctuation, abbreviations spelt out.

:func:`normalize_title` is how :class:`careergraph.names.TitleIndex` (and
the ladder importer, and ``compare``) compare two titles: "Sr. PM", "senior
pm" and "SENIOR PRODUCT MANAGER" have the same words.

Examples
--------
>>> normalize_title("Sr. PM") == normalize_title("SENIOR PRODUCT MANAGER")
True
"""

from __future__ import annotations

import re
import unicodedata

ABBREVIATIONS: dict[str, str] = {
    "apm": "associate product manager",
    "pm": "product manager",
    "spm": "senior product manager",
    "gpm": "group product manager",
    "vp": "vice president",
    "svp": "senior vice president",
    "evp": "executive vice president",
    "cpo": "chief product officer",
    "coo": "chief operating officer",
    "ceo": "chief executive officer",
    "cto": "chief technology officer",
    "gm": "general manager",
    "sr": "senior",
    "snr": "senior",
    "jr": "junior",
    "jnr": "junior",
    "assoc": "associate",
    "mgr": "manager",
    "dir": "director",
    "dop": "director of product",
    "prin": "principal",
    "eng": "engineer",
}
"""Abbreviations of job titles, spelt out before titles are compared."""

_WORD = re.compile(r"[^\W_]+")


def normalize_title(title: str) -> str:
    """A title reduced to comparable words.

    Parameters
    ----------
    title : str
        A title (or any name) as written.

    Returns
    -------
    str
        Its words in lower case, separated by one space, punctuation dropped
        and the abbreviations of :data:`ABBREVIATIONS` spelt out.

    Examples
    --------
    >>> normalize_title("Sr. PM")
    'senior product manager'
    >>> normalize_title("VP of Product")
    'vice president of product'
    >>> normalize_title("  Chief  Product-Officer ")
    'chief product officer'
    """
    text = unicodedata.normalize("NFKC", title).casefold()
    return " ".join(ABBREVIATIONS.get(word, word) for word in _WORD.findall(text))
