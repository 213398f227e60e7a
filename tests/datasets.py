"""Where the tests find data that is not in the repository, and how they skip without it.

The repository ships small cuts of O*NET and ESCO (``tests/fixtures/onet``,
``tests/fixtures/esco``) and every importer test runs on them. The whole
releases, and the article the built-in ladder is derived from, are not in the
repository; the few tests about them look for them here, in this order:

- O*NET 29.2 and ESCO 1.2.0: the folders ``onet-29.2/`` and ``esco-1.2.0/`` in
  the folder named by the environment variable ``CAREERGRAPH_DATA`` when it is
  set, else in ``../shared/data`` beside the repository (where CI has them);
- the article: the file named by ``CAREERGRAPH_ARTICLE`` when it is set, else
  ``../shared/sources/000_e022f794e097e384.txt`` beside the repository.

A test that needs one of them uses :func:`require` (or the markers
:data:`needs_onet`, :data:`needs_esco`), which skips it with a reason naming
what is missing and where it was looked for.

Examples
--------
>>> sorted(DATASETS)
['article', 'esco', 'onet']
>>> lookup("onet", env={"CAREERGRAPH_DATA": "/nowhere"}).where
'/nowhere/onet-29.2'
>>> print(lookup("onet", env={"CAREERGRAPH_DATA": "/nowhere"}).reason)
O*NET 29.2 not found: CAREERGRAPH_DATA=/nowhere has no folder onet-29.2
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
"""The repository (the folder holding ``tests/``)."""

SHARED = REPO.parent / "shared"
"""``../shared``: where CI keeps the data the repository does not ship."""

DATA_ENV = "CAREERGRAPH_DATA"
ARTICLE_ENV = "CAREERGRAPH_ARTICLE"

DATASETS: dict[str, tuple[str, str]] = {
    "onet": ("O*NET 29.2", "onet-29.2"),
    "esco": ("ESCO 1.2.0", "esco-1.2.0"),
    "article": ("the source article", "000_e022f794e097e384.txt"),
}
"""Key -> (what it is, its folder or file name)."""


@dataclass(frozen=True)
class Found:
    """The outcome of a look-up: the path when it is there, else why not.

    Attributes
    ----------
    path : Path or None
        The folder or file, when found.
    where : str
        Where it was looked for.
    reason : str
        Why it is missing (empty when found): the skip reason.
    """

    path: Path | None
    where: str
    reason: str


def data_folder(env: Mapping[str, str] | None = None) -> Path:
    """The folder that holds the real data sets: ``$CAREERGRAPH_DATA``, else ``../shared/data``.

    Examples
    --------
    >>> data_folder({"CAREERGRAPH_DATA": "/data"})
    PosixPath('/data')
    """
    given = (os.environ if env is None else env).get(DATA_ENV)
    return Path(given) if given else SHARED / "data"


def lookup(key: str, env: Mapping[str, str] | None = None) -> Found:
    """Look for the data set ``key`` (``onet``, ``esco`` or ``article``).

    Parameters
    ----------
    key : str
        One of :data:`DATASETS`.
    env : mapping, optional
        The environment to read ``CAREERGRAPH_DATA`` / ``CAREERGRAPH_ARTICLE``
        from (default: ``os.environ``).

    Returns
    -------
    Found

    Examples
    --------
    >>> found = lookup("esco", env={})
    >>> found.where.endswith("shared/data/esco-1.2.0")
    True
    """
    env = os.environ if env is None else env
    what, name = DATASETS[key]
    if key == "article":
        given = env.get(ARTICLE_ENV)
        path = Path(given) if given else SHARED / "sources" / name
        if path.is_file():
            return Found(path, str(path), "")
        how = (f"{ARTICLE_ENV}={given} is not a file" if given else
               f"set {ARTICLE_ENV} or put {name} in ../shared/sources (looked for {path})")
        return Found(None, str(path), f"{what} not found: {how}")
    given = env.get(DATA_ENV)
    path = data_folder(env) / name
    if path.is_dir():
        return Found(_unpacked(path), str(path), "")
    how = (f"{DATA_ENV}={given} has no folder {name}" if given else
           f"set {DATA_ENV} or put {name} in ../shared/data (looked for {path})")
    return Found(None, str(path), f"{what} not found: {how}")


def _unpacked(folder: Path) -> Path:
    """``folder``, or the one folder in it when that is all it holds (``unzip X.zip -d folder``)."""
    entries = [entry for entry in folder.iterdir() if not entry.name.startswith((".", "__MACOSX"))]
    return entries[0] if len(entries) == 1 and entries[0].is_dir() else folder


def require(key: str) -> Path:
    """The path of the data set ``key``; skip the calling test (or fixture) when it is missing."""
    found = lookup(key)
    if found.path is None:
        pytest.skip(found.reason)
    return found.path


def needs(key: str) -> pytest.MarkDecorator:
    """A marker that skips a test, with the reason, unless the data set ``key`` is found."""
    found = lookup(key)
    return pytest.mark.skipif(found.path is None, reason=found.reason)


needs_onet = needs("onet")
"""Skip unless the whole O*NET 29.2 release is found."""

needs_esco = needs("esco")
"""Skip unless ESCO 1.2.0 (the CSV download) is found."""
