"""The data sets of the benchmark: synthetic graphs of a given size, and the O*NET release.

Each data set is a *case*: a dict naming the data, where it comes from, and
the roles and parameters the measured questions use (see
:func:`synthetic_case`). :func:`data_file` turns a case into an N-Triples
file, once.

Examples
--------
>>> sorted(synthetic_case(3000)["arguments"])
['families', 'levels', 'requirements', 'skills']
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

PROFILE_SKILLS = {0: 3, 1: 2, 2: 4, 3: 1}
"""A person's skills for ``ready``: synthetic skill number -> level."""


def synthetic_case(triples: int) -> dict[str, Any]:
    """What the cases ask of a synthetic graph of about ``triples`` triples.

    Parameters
    ----------
    triples : int
        The size of the graph.

    Returns
    -------
    dict
        ``name``, the :func:`synthetic.generate` ``arguments``, the
        ``params`` of the named queries, the roles of the ``path``, ``gap``
        and ``reachable`` questions, and the skills a person ``have`` for
        ``ready``.

    Examples
    --------
    >>> case = synthetic_case(10_000)
    >>> case["name"], case["path"]
    ('synthetic 10,000', ('Associate Data Specialist', 'SVP Operations Specialist'))
    """
    from synthetic import SYN, role_title, size_for

    size = size_for(triples)
    families, levels = size["families"], size["levels"]
    return {
        "name": f"synthetic {triples:,}", "arguments": size,
        "params": {"role": role_title(0, levels // 2), "from": role_title(0, levels // 2),
                   "to": role_title(0, levels // 2 + 1), "skill": "Skill 1", "text": "Data"},
        "path": (role_title(0, 1), role_title(min(5, families - 1), levels)),
        "gap": (role_title(0, levels // 2), role_title(0, levels // 2 + 1)),
        "reachable": role_title(0, levels // 2),
        "have": {f"{SYN}skill-{s}": level for s, level in PROFILE_SKILLS.items()},
    }


DATA_ENV = "CAREERGRAPH_DATA"
"""A folder holding the unpacked releases (``onet-29.2/``): where the O*NET case looks."""


def find_onet(option: str | Path | None,
              environ: Mapping[str, str] | None = None) -> tuple[Path | None, str]:
    """Where the O*NET release is, or why the O*NET case is left out.

    Parameters
    ----------
    option : str, Path or None
        ``--onet``: the release's zip (``db_29_2_excel.zip``) or folder.
    environ : mapping, optional
        Where to read ``CAREERGRAPH_DATA`` (default ``os.environ``); without
        ``--onet``, the release is ``$CAREERGRAPH_DATA/onet-29.2``.

    Returns
    -------
    (Path or None, str)
        The release and ``""``, or None and the reason.

    Raises
    ------
    CareerGraphError
        ``--onet`` names nothing.

    Examples
    --------
    >>> print(find_onet(None, {})[1])
    no O*NET release: give --onet ZIP|DIR or set CAREERGRAPH_DATA to a folder holding onet-29.2
    >>> find_onet(None, {"CAREERGRAPH_DATA": "/nowhere"})[1]
    'no O*NET release: /nowhere/onet-29.2 (from CAREERGRAPH_DATA) is not there'
    """
    from careergraph.errors import CareerGraphError

    if option is not None:
        if not Path(option).exists():
            raise CareerGraphError(f"--onet {option}: no such folder or zip file")
        return Path(option), ""
    environ = os.environ if environ is None else environ
    if not environ.get(DATA_ENV):
        return None, (f"no O*NET release: give --onet ZIP|DIR or set {DATA_ENV} to a folder "
                      f"holding onet-29.2")
    folder = Path(environ[DATA_ENV]) / "onet-29.2"
    if not folder.is_dir():
        return None, f"no O*NET release: {folder} (from {DATA_ENV}) is not there"
    return folder, ""


def onet_case(location: str | Path) -> dict[str, Any]:
    """What the cases ask of the O*NET release at ``location``.

    Parameters
    ----------
    location : str or Path
        The release's zip or the folder it unpacks into.

    Returns
    -------
    dict
        As :func:`synthetic_case`, with ``onet`` (where the release is) in
        place of the generator's arguments.
    """
    from careergraph.importers.onet import release

    return {"name": release(location), "onet": str(location),
            "params": {"role": "Marketing Managers", "from": "Marketing Managers",
                       "to": "Sales Managers", "skill": "Active Listening", "text": "Manager"},
            "path": ("Marketing Managers", "Chief Executives"),
            "gap": ("Marketing Managers", "Sales Managers"),
            "reachable": "Marketing Managers", "have": {}}


def data_file(case: dict[str, Any], workdir: Path) -> Path:
    """The N-Triples file of a case, written once into ``workdir``.

    O*NET is imported with ``careergraph import onet`` in a process of its
    own; a synthetic graph is generated.

    Parameters
    ----------
    case : dict
        A case of :func:`synthetic_case` or :func:`onet_case`.
    workdir : Path
        Where the files are kept (an existing file is used as it is).

    Returns
    -------
    Path
        The file.
    """
    if "onet" in case:
        path = workdir / "onet.nt"
        if not path.exists():  # in a process of its own: Linux carries a process's peak memory
            # over to the children it starts later, which would mask the sessions' own peaks
            subprocess.run([sys.executable, "-m", "careergraph.cli.main", "import", "onet",
                            case["onet"], "--out", str(path)], check=True, stdout=subprocess.DEVNULL)
        return path
    from synthetic import write_ntriples

    arguments = case["arguments"]
    path = workdir / ("synthetic-" + "-".join(f"{k}{v}" for k, v in sorted(arguments.items())) + ".nt")
    if not path.exists():
        write_ntriples(path, **arguments)
    return path
