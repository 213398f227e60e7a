"""careergraph.errors: one not-found logic for roles, skills and named queries; every exception in one place."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from careergraph import errors
from careergraph.errors import (CareerGraphError, DataFileError, LadderError, NoPath, NotFound,
                                QueryNotFound, RoleNotFound, SkillNotFound, closest, shown)
from careergraph.names import TitleIndex, skill_index
from careergraph.sparql.params import Parameter, resolve_value

GRAPH = Path(__file__).resolve().parent.parent / "graph"
LONG = "Senior " + "x" * 5000


@pytest.mark.parametrize("error", [RoleNotFound(LONG, []), SkillNotFound(LONG, []), QueryNotFound(LONG),
                                   RoleNotFound(LONG, ["a"]), SkillNotFound(LONG, ["a", "b"], ambiguous=True)])
def test_a_long_name_gives_a_short_line(error):
    message = str(error)
    assert len(message) < 200 and "\n" not in message
    assert "Senior " + "x" * 70 + "..." in message
    assert error.name == LONG  # the whole name stays on the error


def test_a_long_title_or_skill_name_from_the_graph_is_cut(builtin_graph):
    for index in (TitleIndex.for_graph(builtin_graph), skill_index(builtin_graph)):
        with pytest.raises(NotFound) as caught:
            index.resolve(LONG)
        assert len(str(caught.value)) < 200


def test_a_long_query_name_is_cut(cli):
    result = cli(["query", "--name", "ladder" + "x" * 5000])
    assert result.code == 2
    assert len(result.err) < 300 and "no named query 'ladderxxx" in result.err


def test_the_three_not_found_errors_say_the_same_things_the_same_way():
    assert str(RoleNotFound("Senoir PM", ["Senior Product Manager"])) == \
        "unknown role 'Senoir PM'; did you mean Senior Product Manager?"
    assert str(SkillNotFound("Comunication", ["Communication"])) == \
        "unknown skill 'Comunication'; did you mean Communication?"
    assert str(QueryNotFound("role-skils", ["role-skills"])) == \
        "no named query 'role-skils'; did you mean role-skills?"
    assert str(RoleNotFound("x", ["A <urn:a>", "B <urn:b>"], ambiguous=True)) == \
        "'x' names several roles: A <urn:a>; B <urn:b>; use one of their IRIs"


def test_an_ambiguous_skill_is_an_error_not_a_key_error():
    error = SkillNotFound("Lead", ["Leadership <urn:a>", "Lead generation <urn:b>"], ambiguous=True)
    assert error.ambiguous and error.suggestions == ("Leadership <urn:a>", "Lead generation <urn:b>")
    assert str(error) == ("'Lead' names several skills: Leadership <urn:a>; Lead generation <urn:b>; "
                          "use one of their IRIs")


def test_a_skill_name_of_two_skills_raises_the_ambiguous_skill_error():
    index = TitleIndex([("urn:a", "Leadership", True), ("urn:a", "Lead", False),
                        ("urn:b", "Lead generation", True), ("urn:b", "Lead", False)],
                       not_found=SkillNotFound)
    with pytest.raises(SkillNotFound, match="'lead' names several skills") as caught:
        index.resolve("lead")
    assert caught.value.ambiguous


def test_an_unknown_skill_parameter_raises_skill_not_found(builtin_graph):
    with pytest.raises(SkillNotFound, match="did you mean Communication"):
        resolve_value(builtin_graph, Parameter("skill", "skill"), "Comunication")
    with pytest.raises(RoleNotFound, match="did you mean Senior Product Manager"):
        resolve_value(builtin_graph, Parameter("role", "role"), "Senoir Product Manager")


def test_the_subclass_relations():
    for cls in (RoleNotFound, SkillNotFound, QueryNotFound):
        assert issubclass(cls, NotFound)
    assert issubclass(NotFound, CareerGraphError) and issubclass(NotFound, LookupError)
    assert issubclass(NoPath, CareerGraphError) and issubclass(NoPath, LookupError)
    assert issubclass(LadderError, DataFileError)
    assert RoleNotFound("x").title == "x"


def test_the_errors_module_does_not_import_networkx():
    """The reason RoleNotFound and NoPath do not subclass networkx's errors (see the module notes)."""
    tree = ast.parse(Path(errors.__file__).read_text(encoding="utf-8"))
    imported = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import)
                for alias in node.names}
    imported |= {(node.module or "").split(".")[0] for node in ast.walk(tree)
                 if isinstance(node, ast.ImportFrom)}
    assert "networkx" not in imported


def test_every_exception_class_of_the_library_is_in_errors():
    elsewhere = []
    for path in GRAPH.rglob("*.py"):
        if path.name == "errors.py" and path.parent == GRAPH:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and not node.name.startswith("_") and any(
                    "Error" in ast.unparse(base) or "Exception" in ast.unparse(base)
                    or "NotFound" in ast.unparse(base) for base in node.bases):
                elsewhere.append(f"{path.relative_to(GRAPH)}:{node.name}")
    assert not elsewhere


def test_shown_and_closest():
    assert shown("a\n  b") == "a b" and len(shown("y" * 1000)) == 80
    assert closest("senoir", ["senior", "junior", "zebra"]) == ["senior"]
    assert closest(["x", "junoir"], ["senior", "junior"], n=1) == ["junior"]
    assert closest("zzz", ["senior"]) == []
