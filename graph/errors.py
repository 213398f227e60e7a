"""Every exception careergraph raises for problems a user can fix.

Every error a user can cause is a :class:`CareerGraphError`; its ``str()`` is
one readable line, which the command line prints to stderr before exiting 2
(:class:`NoPath`, a negative answer, exits 1). All of the library's exception
classes live here, so that a caller finds them in one place and this module
imports nothing of careergraph at run time.

A name that names nothing (a role, a skill, a named query) raises a
:class:`NotFound`: one class with one message logic, which shows the name on
one line and cut to 80 characters (:func:`shown`) and suggests the closest
names (:func:`closest`).

Why :class:`RoleNotFound` and :class:`NoPath` do not subclass networkx's
``NodeNotFound`` and ``NetworkXNoPath``: a base class must be imported with
this module, and this module is imported by every command, while networkx is
needed only by the path, gap and view commands. Measured on the development
machine (``python -X importtime -c "import networkx"``), importing networkx
costs 100 to 140 ms; ``careergraph query --name ladder`` takes about 0.5 s in
all, so the query and validate commands (which raise :class:`RoleNotFound`
for a bad role parameter and never touch networkx) would be 20 to 30 %
slower. Both subclass :class:`LookupError` instead (a name, or a path, that
is not there), and the path code raises them itself: no networkx exception
leaves careergraph, so a caller catches :class:`CareerGraphError` (or
``LookupError``) and never needs networkx's classes.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from careergraph.importers.ladder_files import Place


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


def shown(name: object, limit: int = 80) -> str:
    """A name as an error message shows it: on one line, cut to ``limit`` characters.

    Parameters
    ----------
    name : object
        What the user wrote (its ``str()`` is shown).
    limit : int, default 80
        The most characters shown; a longer name ends in ``...``.

    Returns
    -------
    str
        The name with every run of white space made one space, cut when long.

    Examples
    --------
    >>> shown("Senior\\n  PM")
    'Senior PM'
    >>> len(shown("x" * 5000)), shown("x" * 5000)[-4:]
    (80, 'x...')
    """
    text = " ".join(str(name).split())
    return text if len(text) <= limit else text[:limit - 3] + "..."


def closest(wanted: str | Iterable[str], known: Iterable[str], n: int = 3, *,
            cutoff: float = 0.6) -> list[str]:
    """The known names nearest to what the user wrote, best first: the "did you mean" logic.

    A name is offered when its similarity to a ``wanted`` spelling
    (:func:`rapidfuzz.fuzz.ratio`, in C: what difflib's ratio estimates) is at
    least ``cutoff`` and within 0.08 of the best, so a typo gets one suggestion.

    Parameters
    ----------
    wanted : str or iterable of str
        What the user wrote, or several spellings of it (as written, normalised).
    known : iterable of str
        The names that exist.
    n : int, default 3
        The most names returned.
    cutoff : float, default 0.6
        The lowest similarity offered (0 to 1; 0 ranks every name).

    Returns
    -------
    list of str
        Up to ``n`` names of ``known``, best first (ties by name, from z to a).

    Examples
    --------
    >>> closest("role-skils", ["ladder", "role-skills", "roles"])
    ['role-skills']
    >>> closest("zookeeper", ["ladder", "roles"])
    []
    """
    from rapidfuzz import fuzz, process
    spellings = [wanted] if isinstance(wanted, str) else list(dict.fromkeys(wanted))
    known = list(known) if isinstance(known, dict) else list(dict.fromkeys(known))  # each once
    best = max((found[1] for spelling in spellings if (found := process.extractOne(
        spelling, known, scorer=fuzz.ratio, score_cutoff=cutoff * 100))), default=None)
    if best is None:
        return []
    scored: dict[str, float] = {}  # only those within 8 points (0.08) of the best: a second pass
    for spelling in spellings:
        for name, score, _ in process.extract(spelling, known, scorer=fuzz.ratio, limit=None,
                                              score_cutoff=max(cutoff * 100, best - 8)):
            scored[name] = max(scored.get(name, 0.0), score)
    return sorted(scored, key=lambda name: (scored[name], name), reverse=True)[:n]


class NotFound(CareerGraphError, LookupError):
    """A name names no thing of its sort (role, skill, named query), or more than one.

    The one not-found logic of careergraph: every subclass shows the name the
    same way (on one line, cut to 80 characters by :func:`shown`, so a 5,000
    character name gives a short line) and offers the same suggestions (from
    :func:`closest`, or from the index that looked the name up).

    Parameters
    ----------
    name : str
        The name as the user gave it (kept whole in ``name``).
    suggestions : iterable of str
        The closest known names, best first (may be empty); for an ambiguous
        name, the things it names.
    ambiguous : bool
        True when the name names several things.

    Attributes
    ----------
    thing : str
        What is looked up, in words (``"role"``), set by each subclass.
    listing : str
        Where the user finds the known names, shown when there is no suggestion.
    """

    thing = "thing"
    things = "things"
    listing = "no such name is known"


    def __init__(self, name: str, suggestions: Iterable[str] = (), *,
                 ambiguous: bool = False) -> None:
        self.name = name
        self.suggestions = tuple(suggestions)
        self.ambiguous = ambiguous
        super().__init__(self._message(shown(name)))

    def _message(self, name: str) -> str:
        if self.ambiguous and getattr(self, "qualified", False):  # suggestions: the names to type
            more = f" (and {self.more} more)" if getattr(self, "more", 0) else ""
            return f"'{name}' names several {self.things}; type one of: {', '.join(self.suggestions)}{more}"
        if self.ambiguous:
            return f"'{name}' names several {self.things}: {'; '.join(self.suggestions)}; " \
                   "use one of their IRIs"
        if self.suggestions:
            return f"{self._unknown(name)}; did you mean {' or '.join(self.suggestions)}?"
        return f"{self._unknown(name)}; {self.listing}"

    def _unknown(self, name: str) -> str:
        return f"unknown {self.thing} '{name}'"


class RoleNotFound(NotFound):
    """A title names no role of the graph, or more than one.

    Parameters
    ----------
    title : str
        The title as the user gave it (also as ``title``).
    suggestions : iterable of str
        The closest role titles, best first (may be empty).
    ambiguous : bool
        True when the title names several roles (then ``suggestions`` are those roles).
    qualified, more : bool, int
        Ambiguous: ``suggestions`` are the qualified names to type; ``more`` roles are not listed.

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

    thing, things = "role", "roles"
    listing = "'careergraph info' lists the roles"

    def __init__(self, title: str, suggestions: Iterable[str] = (), *,
                 ambiguous: bool = False, qualified: bool = False, more: int = 0) -> None:
        self.qualified, self.more = qualified, more
        super().__init__(title, suggestions, ambiguous=ambiguous)

    @property
    def title(self) -> str:
        """The title as the user gave it (the same as ``name``)."""
        return self.name


class LadderNotFound(NotFound):
    """A name names no ladder nor prefix of the graph (``--ladder``, ``LADDER:Title``).

    Parameters
    ----------
    name, known : str, iterable of str
        The name as the user gave it; the graph's ladders (``TitleIndex.ladders``), listed.
    """

    thing = "ladder"

    def __init__(self, name: str, known: Iterable[str] = ()) -> None:
        guess = closest(name, known := list(known), n=1)
        self.listing = f"{f'did you mean {guess[0]}? ' if guess else ''}the ladders are: {', '.join(known) or 'none'}"
        super().__init__(name)


class SkillNotFound(NotFound):
    """A name names no skill of the graph, or more than one.

    Parameters
    ----------
    name : str
        The skill's name as the user gave it.
    suggestions : iterable of str
        The closest skill names, best first; for an ambiguous name, the skills it names.
    ambiguous : bool
        True when the name names several skills.

    Examples
    --------
    >>> str(SkillNotFound("Jugling", ["Juggling"]))
    "unknown skill 'Jugling'; did you mean Juggling?"
    >>> str(SkillNotFound("Zen", []))
    "unknown skill 'Zen'; 'careergraph query --name skills' lists the skills"
    >>> str(SkillNotFound("Lead", ["Leadership <urn:a>", "Lead generation <urn:b>"], ambiguous=True))
    "'Lead' names several skills: Leadership <urn:a>; Lead generation <urn:b>; use one of their IRIs"
    """

    thing, things = "skill", "skills"
    listing = "'careergraph query --name skills' lists the skills"


class QueryNotFound(NotFound):
    """A name names no named query.

    Parameters
    ----------
    name : str
        The query's name as the user gave it.
    suggestions : iterable of str
        The closest names of named queries (:func:`closest` finds them).
    ambiguous : bool
        Never true for a query (names are unique); accepted like every :class:`NotFound`.

    Examples
    --------
    >>> str(QueryNotFound("role-skils", closest("role-skils", ["ladder", "role-skills"])))
    "no named query 'role-skils'; did you mean role-skills?"
    >>> str(QueryNotFound("zzz"))
    "no named query 'zzz'; 'careergraph query --list' lists them"
    """

    thing, things = "named query", "named queries"
    listing = "'careergraph query --list' lists them"

    def _unknown(self, name: str) -> str:
        return f"no named query '{name}'"


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


class QueryRefused(CareerGraphError):
    """The query asks for something careergraph does not do for a user's query.

    Parameters
    ----------
    what : str
        What was refused: ``"update"``, ``"LOAD"``, ``"SERVICE"``, ``"FROM"`` or ``"FROM NAMED"``
        (kept as ``what``).
    message : str
        The message shown to the user.
    """

    def __init__(self, what: str, message: str) -> None:
        self.what = what
        super().__init__(message)


class UpdateRefused(QueryRefused):
    """The text is a SPARQL Update request (INSERT, DELETE, DROP, CLEAR ...): the graph is read-only.

    Parameters
    ----------
    what : str
        ``"update"``.
    message : str
        The message shown to the user.
    """


class QuerySyntaxError(CareerGraphError):
    """The text is not a valid SPARQL query.

    Parameters
    ----------
    message : str
        What the parser said, in one line.
    line, column : int or None
        Where the parser stopped (1-based), when known (kept as ``line`` and ``column``).
    """

    def __init__(self, message: str, line: int | None = None, column: int | None = None) -> None:
        self.line = line
        self.column = column
        super().__init__(message)


class Timeout(CareerGraphError):
    """A call did not finish before its deadline and was stopped.

    Parameters
    ----------
    seconds : float
        The time limit (kept as ``seconds``).
    what : str
        What was stopped, for the message.

    Examples
    --------
    >>> str(Timeout(2, "the query"))
    'the query was stopped after 2 s, its time limit'
    """

    def __init__(self, seconds: float, what: str = "the call") -> None:
        self.seconds = seconds
        super().__init__(f"{what} was stopped after {seconds:g} s, its time limit")


class ChildFailed(CareerGraphError):
    """The child process died without an answer (out of memory, killed from outside)."""


class LadderError(DataFileError):
    """A mistake in a ladder file, naming the file, the line or row, and the field.

    Parameters
    ----------
    file : str
        The file (or folder) as the user named it.
    reason : str
        What is wrong, in one line.
    place : careergraph.importers.ladder_files.Place, optional
        The line or row, when known.
    field : str, optional
        The field (key or column) that is wrong.

    Examples
    --------
    >>> from careergraph.importers.ladder_files import Place
    >>> str(LadderError("acme.yaml", "'three' is not a whole number",
    ...                 place=Place("acme.yaml", 12), field="seniority"))
    "acme.yaml, line 12, field 'seniority': 'three' is not a whole number"
    >>> str(LadderError("acme", "no ladder.csv in the folder"))
    'acme: no ladder.csv in the folder'
    """

    def __init__(self, file: str, reason: str, *, place: Place | None = None,
                 field: str | None = None) -> None:
        super().__init__(place.file if place else file, reason,
                         line=place.number if place else None)
        self.place = place
        self.field = field
        where = str(place) if place else self.path
        if field:
            where += f", field '{field}'"
        self.args = (f"{where}: {self.reason}",)

    def __str__(self) -> str:
        return self.args[0]
