"""The exceptions careergraph raises for problems a user can fix.

Every error a user can cause is a :class:`CareerGraphError`; its ``str()`` is
one readable line, which the command line prints to stderr before exiting 2.
"""

from __future__ import annotations

from pathlib import Path


class CareerGraphError(Exception):
    """Base class of every error careergraph raises for bad input or usage."""


class DataFileError(CareerGraphError):
    """A data file cannot be read or parsed.

    Parameters
    ----------
    path : str or Path
        The file, as the user named it.
    reason : str
        What is wrong, in one line.
    line, column : int, optional
        Where in the file (1-based), when known.

    Examples
    --------
    >>> str(DataFileError("ladder.ttl", "prefix 'ex:' is not bound", line=3, column=5))
    "ladder.ttl:3:5: prefix 'ex:' is not bound"
    >>> str(DataFileError("missing.ttl", "no such file"))
    'missing.ttl: no such file'
    """

    def __init__(self, path: str | Path, reason: str, *, line: int | None = None,
                 column: int | None = None) -> None:
        self.path = str(path)
        self.reason = " ".join(reason.split())
        self.line = line
        self.column = column
        where = self.path
        if line is not None:
            where += f":{line}"
            if column is not None:
                where += f":{column}"
        super().__init__(f"{where}: {self.reason}")


class RoleNotFound(CareerGraphError, LookupError):
    """A title names no role of the graph, or more than one.

    Parameters
    ----------
    title : str
        The title as the user gave it.
    suggestions : sequence of str
        The closest role titles, best first (may be empty).
    ambiguous : bool
        True when the title names several roles (then ``suggestions`` are those roles).

    Notes
    -----
    DESIGN.md suggests subclassing ``networkx.NodeNotFound``; this class
    subclasses ``LookupError`` instead so that commands which never touch
    networkx (query, validate) do not pay its import.

    Examples
    --------
    >>> str(RoleNotFound("Senoir PM", ["Senior Product Manager"]))
    "unknown role 'Senoir PM'; did you mean Senior Product Manager?"
    >>> str(RoleNotFound("Zookeeper", []))
    "unknown role 'Zookeeper'; 'careergraph info' lists the roles"

    The title is shown on one line, and cut when it is long:

    >>> str(RoleNotFound("Senior\\nPM " + "x" * 100, []))
    "unknown role 'Senior PM xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...';
        'careergraph info' lists the roles"
    """

    def __init__(self, title: str, suggestions: list[str] | tuple[str, ...] = (), *,
                 ambiguous: bool = False) -> None:
        self.title = title
        self.suggestions = tuple(suggestions)
        self.ambiguous = ambiguous
        title = " ".join(str(title).split())
        title = title if len(title) <= 80 else title[:77] + "..."
        if ambiguous:
            message = f"'{title}' names several roles: {'; '.join(self.suggestions)}; use one of their IRIs"
        elif self.suggestions:
            message = f"unknown role '{title}'; did you mean {' or '.join(self.suggestions)}?"
        else:
            message = f"unknown role '{title}'; 'careergraph info' lists the roles"
        super().__init__(message)


class NoPath(CareerGraphError, LookupError):
    """No sequence of moves answers a path question, and why.

    Commands catch it and exit 1 (a negative answer, not a mistake).

    Parameters
    ----------
    source, target : str or None
        The labels of the roles the question starts from and ends at (None
        for a question without one, such as "which roles lead to X").
    reason : str
        Why there is no path: no move leads there at all, or the constraints
        exclude every path that exists.
    constrained : bool
        True when paths exist without the constraints.

    Examples
    --------
    >>> str(NoPath("Product Manager", "Chief Executive Officer",
    ...            "no move leads to Chief Executive Officer at all"))
    'no path from Product Manager to Chief Executive Officer: no move leads to Chief Executive Officer at all'
    >>> str(NoPath("Chief Product Officer", None, "no move leads out of it"))
    'no role is reachable from Chief Product Officer: no move leads out of it'
    """

    def __init__(self, source: str | None, target: str | None, reason: str, *,
                 constrained: bool = False) -> None:
        self.source = source
        self.target = target
        self.reason = reason
        self.constrained = constrained
        if source is not None and target is not None:
            question = f"no path from {source} to {target}"
        elif source is not None:
            question = f"no role is reachable from {source}"
        else:
            question = f"no role leads to {target}"
        super().__init__(f"{question}: {reason}")
