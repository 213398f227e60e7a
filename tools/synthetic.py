"""Synthetic career graphs in the careergraph model, of any size, for benchmarks and tests.

A development tool (``tools/``), not part of the installed package: the
benchmark (``tools/benchmark.py``) and the tests import it from a checkout,
with careergraph installed.

A synthetic graph has ``families`` job families (Data, Design, ...) of
``levels`` levels each; every role has a title and an abbreviation, a
definition, a seniority (its level), a track (individual contributor below
``levels * 2 // 3``, management above), two responsibilities and
``requirements`` skill requirements drawn from ``skills`` shared skills, with
proficiency growing with the level. Moves: a promotion to the next level of
the family, a lateral move to the same level of the next family, and from the
middle level a branch into the next family one level up. Everything has a
source passage, as real data does. The same arguments always give the same
graph.

Examples
--------
>>> triples = list(generate(families=2, levels=3, skills=5, requirements=2))
>>> len(triples)
254
>>> size_for(10_000)
{'families': 16, 'levels': 10, 'skills': 156, 'requirements': 6}
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from careergraph.namespaces import CG, DCTERMS, RDF, SKOS, XSD

SYN = "https://w3id.org/careergraph/synthetic/"
"""Namespace of synthetic nodes."""

FAMILY_NAMES = ("Data", "Design", "Engineering", "Finance", "Marketing", "Operations",
                "Product", "Research", "Sales", "Security", "Support", "Legal")
LEVEL_NAMES = ("Associate", "", "Senior", "Staff", "Principal", "Distinguished",
               "Director", "Senior Director", "VP", "SVP", "EVP", "Chief")
CATEGORIES = ("Technical", "Analytical", "Domain", "Strategic", "Interpersonal", "Leadership")

Triple = tuple[str, str, str]
"""A triple as N-Triples terms: ``<iri>``, ``"literal"@en`` or ``"1"^^<xsd:integer>``."""


def _iri(local: str) -> str:
    return f"<{SYN}{local}>"


def _text(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"@en'


def _int(value: int) -> str:
    return f'"{value}"^^<{XSD}integer>'


def _family_name(index: int) -> str:
    base = FAMILY_NAMES[index % len(FAMILY_NAMES)]
    return base if index < len(FAMILY_NAMES) else f"{base} {index // len(FAMILY_NAMES) + 1}"


def _level_name(level: int) -> str:
    if level <= len(LEVEL_NAMES):
        return LEVEL_NAMES[level - 1]
    return f"Level {level}"


def role_title(family: int, level: int) -> str:
    """The title of the role at ``level`` (1-based) of ``family`` (0-based).

    Parameters
    ----------
    family : int
        The job family's number, from 0; past the twelve names, a family is
        named with a number (``Design 2``).
    level : int
        The level, from 1 (``Associate``).

    Returns
    -------
    str
        The role's English title, as its ``skos:prefLabel``.

    Examples
    --------
    >>> role_title(0, 1), role_title(0, 2), role_title(13, 3)
    ('Associate Data Specialist', 'Data Specialist', 'Senior Design 2 Specialist')
    """
    return " ".join(part for part in (_level_name(level), _family_name(family), "Specialist") if part)


def generate(*, families: int, levels: int, skills: int, requirements: int,
             seed: int = 7) -> Iterator[Triple]:
    """Yield the triples of a synthetic graph (see the module docstring).

    Parameters
    ----------
    families : int
        How many job families.
    levels : int
        How many levels each family has.
    skills : int
        How many skills the roles share.
    requirements : int
        How many skill requirements each role has (at most ``skills``).
    seed : int, optional
        The seed of the random choice of each role's skills.

    Yields
    ------
    Triple
        Each triple as N-Triples terms, in a fixed order.

    Examples
    --------
    >>> next(generate(families=1, levels=1, skills=1, requirements=1))[2]
    '<https://w3id.org/careergraph/ontology#Ladder>'
    """
    rng = random.Random(seed)
    a, cg = f"<{RDF}type>", lambda term: f"<{CG}{term}>"
    pref, alt, definition = f"<{SKOS}prefLabel>", f"<{SKOS}altLabel>", f"<{SKOS}definition>"
    in_scheme, source = f"<{SKOS}inScheme>", f"<{DCTERMS}source>"
    ladder, document = _iri("ladder"), _iri("generator")
    yield ladder, a, cg("Ladder")
    yield ladder, pref, _text("Synthetic ladder")
    yield document, f"<{DCTERMS}title>", _text("careergraph synthetic data generator")
    for s in range(skills):
        skill = _iri(f"skill-{s}")
        yield skill, a, cg("Skill")
        yield skill, pref, _text(f"Skill {s}")
        yield skill, cg("skillCategory"), cg(CATEGORIES[s % len(CATEGORIES)])
    management_from = max(2, levels * 2 // 3)
    for f in range(families):
        passage = _iri(f"passage-{f}")
        yield passage, a, cg("SourcePassage")
        yield passage, f"<{DCTERMS}isPartOf>", document
        yield passage, cg("section"), f'"{_family_name(f)}"'
        yield passage, cg("quote"), f'"The {_family_name(f)} family has {levels} levels."'
        for level in range(1, levels + 1):
            role = _iri(f"role-{f}-{level}")
            title = role_title(f, level)
            yield role, a, cg("Role")
            yield role, in_scheme, ladder
            yield role, pref, _text(title)
            yield role, alt, _text(f"{_family_name(f)} L{level}")
            yield role, definition, _text(f"Level {level} of the {_family_name(f)} family.")
            yield role, cg("seniority"), _int(level)
            yield role, cg("track"), cg("Management" if level >= management_from else "IndividualContributor")
            yield role, source, passage
            for r in range(2):
                duty = _iri(f"resp-{f}-{level}-{r}")
                yield role, cg("hasResponsibility"), duty
                yield duty, a, cg("Responsibility")
                yield duty, pref, _text(f"Duty {r} of {title}")
                yield duty, source, passage
            for s in sorted(rng.sample(range(skills), min(requirements, skills))):
                need = _iri(f"req-{f}-{level}-{s}")
                yield role, cg("requires"), need
                yield need, a, cg("SkillRequirement")
                yield need, cg("skill"), _iri(f"skill-{s}")
                yield need, cg("proficiency"), _int(min(5, 1 + (level * 5) // (levels + 1)))
                yield need, cg("importance"), cg("Core" if s % 3 else "Supporting")
                yield need, source, passage
            moves = []
            if level < levels:
                moves.append(("up", f, level + 1, "Promotion"))
            if families > 1:
                moves.append(("across", (f + 1) % families, level, "Lateral"))
                if level == levels // 2 and level < levels:
                    moves.append(("branch", (f + 1) % families, level + 1, "Branch"))
            for name, to_family, to_level, kind in moves:
                move = _iri(f"move-{f}-{level}-{name}")
                yield move, a, cg("Transition")
                yield move, cg("fromRole"), role
                yield move, cg("toRole"), _iri(f"role-{to_family}-{to_level}")
                yield move, cg("transitionKind"), cg(kind)
                yield move, source, passage


def size_for(triples: int) -> dict[str, int]:
    """Arguments of :func:`generate` for a graph of about ``triples`` triples.

    Roles carry about 8 + 6 x requirements + 8 triples each, plus their moves.

    Parameters
    ----------
    triples : int
        The size wanted.

    Returns
    -------
    dict
        ``families``, ``levels``, ``skills`` and ``requirements``.
    """
    requirements = 6
    per_role = 8 + 8 + 6 * requirements + 12
    roles = max(4, triples // per_role)
    levels = 10
    families = max(2, round(roles / levels))
    return {"families": families, "levels": levels,
            "skills": max(20, min(5000, roles)), "requirements": requirements}


def write_ntriples(path: str | Path, **arguments: int) -> int:
    """Write a synthetic graph to an N-Triples file atomically.

    Parameters
    ----------
    path : str or Path
        The file to write (replaced only once complete).
    **arguments : int
        The arguments of :func:`generate`.

    Returns
    -------
    int
        How many triples were written.

    Examples
    --------
    >>> import os, tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     write_ntriples(os.path.join(tmp, "g.nt"), families=2, levels=3, skills=5,
    ...                    requirements=2)
    254
    """
    from careergraph.files import write_atomic_with

    count = 0

    def write(handle: BinaryIO) -> None:
        nonlocal count
        buffer = []
        for subject, predicate, value in generate(**arguments):
            buffer.append(f"{subject} {predicate} {value} .\n")
            count += 1
            if len(buffer) >= 10_000:
                handle.write("".join(buffer).encode("utf-8"))
                buffer.clear()
        handle.write("".join(buffer).encode("utf-8"))

    write_atomic_with(path, write)
    return count
