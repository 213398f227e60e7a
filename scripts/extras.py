"""The optional features of careergraph, each an extra of the package, and the check a command makes.

``pip install careergraph`` installs the core: loading, validating, querying,
paths and gaps, the persistent store, importing ladders and ESCO. Drawing
(pyvis, which brings IPython, and jinja2), serving (Starlette and uvicorn)
and importing O*NET (openpyxl) are extras: ``pip install 'careergraph[draw]'``,
``[serve]``, ``[onet]``, or ``[all]``. A command that needs a missing extra
says which in one line and exits 2 (see :func:`require_extra`).

Examples
--------
>>> sorted(EXTRAS)
['draw', 'onet', 'serve']
>>> print(missing_extra("draw"))  # installed here
None
"""

from __future__ import annotations

import importlib.util
import sys

if not __package__:  # run as a file: say so in one line if careergraph is not installed
    import _installed  # noqa: F401

from careergraph.errors import CareerGraphError

EXTRAS: dict[str, tuple[str, str]] = {
    "draw": ("drawing", "pyvis jinja2 graphviz"),
    "serve": ("serving", "starlette uvicorn"),
    "onet": ("importing O*NET", "openpyxl"),
}
"""Extra -> (the feature, in words; the modules it brings, space-separated)."""


def missing_extra(extra: str) -> str | None:
    """What is missing of ``extra`` and how to install it, or None when it is installed.

    Parameters
    ----------
    extra : str
        A name of :data:`EXTRAS`.

    Returns
    -------
    str or None
        One sentence naming the missing modules and ``pip install
        'careergraph[EXTRA]'``; None when every module of the extra imports.

    Examples
    --------
    >>> import sys
    >>> print(missing_extra("onet"))  # installed here
    None
    >>> sys.modules["openpyxl"] = None  # as if it were not installed
    >>> print(missing_extra("onet"))
    importing O*NET needs openpyxl, which is not installed: pip install 'careergraph[onet]'
    >>> del sys.modules["openpyxl"]
    """
    feature, modules = EXTRAS[extra]
    absent = [module for module in modules.split() if importlib.util.find_spec(module) is None]
    if not absent:
        return None
    return (f"{feature} needs {' and '.join(absent)}, which {'is' if len(absent) == 1 else 'are'} "
            f"not installed: pip install 'careergraph[{extra}]'")


def require_extra(extra: str) -> None:
    """Refuse to go on, in one line naming the extra to install, when ``extra`` is missing.

    Commands call it before any work, so that the user does not wait for a
    graph to load only to be told.

    Parameters
    ----------
    extra : str
        A name of :data:`EXTRAS`.

    Raises
    ------
    CareerGraphError
        When a module of the extra is missing (:func:`missing_extra` says
        which): the command line prints it as one line and exits 2.

    Examples
    --------
    >>> require_extra("draw")  # installed here: nothing happens
    """
    why = missing_extra(extra)
    if why is not None:
        raise CareerGraphError(why)


if __name__ == "__main__":  # `python scripts/extras.py`: a helper module, not a command
    print(f"{__spec__.name if __spec__ else sys.argv[0]}: error: this module tells which "
          "optional features are installed and is not a command itself; see 'careergraph --help'",
          file=sys.stderr)
    raise SystemExit(2)
