"""Ladder-qualified names: ``LADDER:Title``, ``prefix:id`` and ``--ladder``, with clashing titles.

The fixtures (tests/fixtures/names/) put two made-up ladders beside the
built-in one: ``acme`` (YAML; its prefix acme: is its name) and ``Globex``
(Turtle; skos:notation "Globex", prefix gx:). All three have a "Product
Manager"; acme's "Product Analyst" has the alternative title "APM", which is
also the built-in Associate Product Manager.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from careergraph.derived_codec import _decode_index, _encode_index
from careergraph.errors import LadderNotFound, RoleNotFound
from careergraph.names import TitleIndex
from careergraph.namespaces import PM

FIXTURES = Path(__file__).parent / "fixtures" / "names"
DATA = ["-d", str(FIXTURES / "acme.yaml"), "-d", str(FIXTURES / "globex.ttl")]
ACME = "https://example.org/names/acme/"
GX = "https://example.org/names/globex/"


def one_error_line(result, prog: str = "careergraph path") -> str:
    """The one line a mistake prints (exit 2, nothing on stdout), without its ``prog: error:``."""
    assert result.code == 2 and result.out == ""
    lines = result.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"{prog}: error: "), result.err
    return lines[0].removeprefix(f"{prog}: error: ")


def path_iris(cli, *argv: str) -> list[str]:
    result = cli(["path", *argv, *DATA, "--format", "json"])
    assert result.code == 0, result.err
    return json.loads(result.out)["paths"][0]["iris"]


# --- the command line ---------------------------------------------------------------------


def test_qualified_names_resolve_in_path(cli):
    assert path_iris(cli, "acme:Product Manager", "pm:Chief Product Officer") == [
        ACME + "product-manager", ACME + "senior-product-manager", ACME + "vp-product",
        PM + "chief-product-officer"]
    # any title, any case, abbreviations: the ladder's short name is case-insensitive
    assert path_iris(cli, "ACME:pm", "PM:CPO")[0] == ACME + "product-manager"
    assert path_iris(cli, "pm:Product Manager", "pm:CPO")[:2] == [PM + "product-manager",
                                                                 PM + "senior-product-manager"]


def test_qualified_names_resolve_in_gap(cli):
    acme = cli(["gap", "acme:Product Manager", "acme:Senior PM", *DATA])
    assert acme.code == 0, acme.err
    assert "Product Manager -> Senior Product Manager" in acme.out
    assert "Analytical skills  3 -> 4" in acme.out  # acme's requirements, not the built-in ones
    builtin = cli(["gap", "pm:Product Manager", "pm:Senior PM", *DATA])
    assert builtin.code == 0 and "Leading without authority" in builtin.out
    assert "Leading without authority" not in acme.out


def test_qualified_names_resolve_in_describe(cli):
    globex = cli(["describe", "globex:Product Manager", *DATA])
    assert globex.code == 0, globex.err
    assert globex.out.splitlines()[:2] == ["Product Manager", GX + "product-manager"]
    general = cli(["describe", "pm:General Manager", *DATA])  # a role in no ladder: by its prefix
    assert general.out.splitlines()[:2] == ["General Manager", PM + "general-manager"]


def test_a_clashing_title_is_an_ambiguity_listing_the_names_to_type(cli):
    assert one_error_line(cli(["path", "Product Manager", "pm:CPO", *DATA])) == (
        "'Product Manager' names several roles; type one of: acme:Product Manager, "
        "Globex:Product Manager, pm:Product Manager")
    assert one_error_line(cli(["gap", "Senior PM", "pm:CPO", *DATA]), "careergraph gap") == (
        "'Senior PM' names several roles; type one of: acme:Senior Product Manager, "
        "pm:Senior Product Manager")


def test_an_alternative_title_in_two_ladders_is_ambiguous(cli):
    # acme's own alternative title "APM" against the built-in Associate Product Manager
    assert one_error_line(cli(["path", "APM", "pm:CPO", *DATA])) == (
        "'APM' names several roles; type one of: acme:Product Analyst, pm:Associate Product Manager")


def test_vp_product_is_ambiguous_not_unknown(cli):
    message = one_error_line(cli(["path", "VP Product", "pm:CPO", *DATA]))
    assert "unknown" not in message
    assert message == ("'VP Product' names several roles; type one of: "
                       '"acme:VP, Product Management", pm:VP of Product')
    # and each name listed is one to type
    assert path_iris(cli, "acme:VP, Product Management", "pm:CPO")[0] == ACME + "vp-product"
    assert path_iris(cli, "pm:VP of Product", "pm:CPO")[0] == PM + "vp-of-product"


def test_ladder_option_makes_unqualified_titles_resolve_in_that_ladder(cli):
    assert path_iris(cli, "Product Manager", "CPO", "--ladder", "acme")[:3] == [
        ACME + "product-manager", ACME + "senior-product-manager", ACME + "vp-product"]
    assert path_iris(cli, "APM", "CPO", "--ladder", "acme")[0] == ACME + "product-analyst"
    assert path_iris(cli, "APM", "CPO", "--ladder", "pm")[0] == PM + "associate-product-manager"
    # a title the ladder does not have is looked up everywhere: CPO is the built-in one
    assert path_iris(cli, "Product Manager", "CPO", "--ladder", "acme")[-1] == PM + "chief-product-officer"
    described = cli(["describe", "Product Manager", "--ladder", "GLOBEX", *DATA])
    assert described.code == 0 and described.out.splitlines()[1] == GX + "product-manager"


def test_ladder_option_in_every_command_taking_role_names(cli, tmp_path):
    reachable = cli(["reachable", "Product Manager", "--ladder", "acme", *DATA])
    assert reachable.code == 0 and reachable.out.startswith("Roles reachable from Product Manager: 5")
    assert "VP, Product Management" in reachable.out
    query = cli(["query", "--name", "role-skills", "--param", "role=Senior Product Manager",
                 "--ladder", "acme", *DATA, "--format", "csv"])
    assert query.code == 0, query.err
    assert query.out.splitlines()[1:] == ["Analytical skills,analytical,4,advanced,core"]
    page = tmp_path / "role.html"
    drawn = cli(["draw", "role", "Product Lead", "--ladder", "globex", "--out", str(page), *DATA])
    assert drawn.code == 0 and GX + "product-lead" in page.read_text(encoding="utf-8")
    assert one_error_line(cli(["draw", "role", "PM", "--out", str(page), *DATA]),
                          "careergraph draw").startswith("'PM' names several roles; type one of: ")
    profile = tmp_path / "me.yaml"
    profile.write_text("name: Sam\ncurrent: Product Manager\nskills:\n  Analytical skills: 3\n")
    plan = cli(["plan", str(profile), "--to", "Senior Product Manager", "--ladder", "acme", *DATA])
    assert plan.code == 0, plan.err
    assert "Product Manager -> Senior Product Manager" in plan.out
    assert one_error_line(cli(["plan", str(profile), "--to", "Senior PM", *DATA]),
                          "careergraph plan").endswith(
        "me.yaml:2: current: 'Product Manager' names several roles; type one of: "
        "acme:Product Manager, Globex:Product Manager, pm:Product Manager")


def test_curies_of_a_ladder_and_of_a_graph_bound_prefix(cli):
    assert path_iris(cli, "acme:product-manager", "pm:chief-product-officer")[0] == ACME + "product-manager"
    # gx: is bound by the Turtle file only (the ladder's short name is Globex)
    described = cli(["describe", "gx:product-manager", *DATA])
    assert described.code == 0 and described.out.splitlines()[1] == GX + "product-manager"
    assert cli(["describe", "gx:Product Lead", *DATA]).out.splitlines()[1] == GX + "product-lead"


def test_an_unknown_ladder_lists_the_known_ones(cli):
    assert one_error_line(cli(["path", "Product Manager", "CPO", "--ladder", "acm", *DATA])) == (
        "unknown ladder 'acm'; did you mean acme? the ladders are: acme, Globex, pm")
    assert one_error_line(cli(["describe", "PM", "--ladder", "zzz"]), "careergraph describe") == (
        "unknown ladder 'zzz'; the ladders are: pm")


def test_an_unknown_title_in_a_ladder_suggests_that_ladder_s_titles(cli):
    assert one_error_line(cli(["path", "acme:Prodct Manager", "pm:CPO", *DATA])) == (
        "unknown role 'acme:Prodct Manager'; did you mean acme:Product Manager?")
    assert one_error_line(cli(["path", "Prodct Manager", "pm:CPO", *DATA])) == (
        "unknown role 'Prodct Manager'; did you mean acme:Product Manager or "
        "Globex:Product Manager or pm:Product Manager?")


def test_without_clashes_names_work_as_before(cli):
    result = cli(["path", "APM", "CPO", "--format", "json"])
    assert json.loads(result.out)["paths"][0]["iris"][0] == PM + "associate-product-manager"
    assert one_error_line(cli(["path", "Senoir PM", "CPO"])) == \
        "unknown role 'Senoir PM'; did you mean Senior Product Manager?"


def test_build_samples_stay_the_built_in_roles(cli, tmp_path):
    result = cli(["build", *DATA, "--out-dir", str(tmp_path)])
    assert result.code == 0, result.err
    assert "Associate Product Manager -> Product Manager -> Senior Product Manager" in result.out


def test_ladder_names_from_a_warm_cache(tmp_path):
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path), "CAREERGRAPH_NO_CACHE": "0"}
    command = [sys.executable, "-m", "careergraph.cli.main", "path", "APM", "CPO", *DATA]
    argv = [*command, "--ladder", "acme"]
    cold = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)
    warm = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)
    assert cold.returncode == warm.returncode == 0, warm.stderr
    assert warm.stdout == cold.stdout
    assert warm.stdout.startswith("Product Analyst -> Product Manager -> Senior Product Manager")
    assert any(tmp_path.rglob("*.jsonl"))  # the second run read the stored index
    bad = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    assert bad.returncode == 2 and "type one of: acme:Product Analyst" in bad.stderr


# --- TitleIndex -----------------------------------------------------------------------------

A, B, C = "urn:a:", "urn:b:", "urn:c:"


@pytest.fixture
def index():
    entries = [(A + "pm", "Product Manager", True), (A + "lead", "Product Lead", True),
               (A + "pm", "Product Lead", False), (A + "vp", "VP, Product", True),
               (B + "pm", "Product Manager", True), (B + "po", "Product Owner", True),
               (C + "apm", "Associate Product Manager", True), (C + "apm", "Product Owner", False),
               (C + "vp", "VP of Product", True), (C + "gm", "General Manager", True)]
    return TitleIndex(entries, ladders={A + "pm": ["acme"], A + "lead": ["acme"], A + "vp": ["acme"],
                                        B + "pm": ["Globex"], B + "po": ["Globex"],
                                        C + "apm": ["pm"], C + "vp": ["pm"]},
                      namespaces={"a": A, "gx": B, "pm": C})


def test_a_ladder_qualified_title(index):
    assert index.resolve("acme:Product Manager") == A + "pm"
    assert index.resolve("globex:pm") == index.resolve("GLOBEX:Product Manager") == B + "pm"
    assert index.resolve("gx:Product Manager") == B + "pm"  # a prefix names the ladder's roles too
    assert index.resolve("pm:General Manager") == C + "gm"  # in no ladder, under the prefix pm:
    assert index.resolve("a:pm") == A + "pm"  # prefix:id first


def test_within_a_ladder_an_own_title_beats_an_alternative_title(index):
    assert index.resolve("Product Lead") == A + "lead"
    assert index.resolve("acme:Product Lead") == A + "lead"


def test_across_ladders_an_own_title_does_not_beat_an_alternative_title(index):
    with pytest.raises(RoleNotFound) as caught:
        index.resolve("Product Owner")
    assert caught.value.ambiguous and caught.value.qualified
    assert caught.value.suggestions == ("Globex:Product Owner", "pm:Associate Product Manager")


def test_partial_words_matching_several_roles_are_ambiguous_not_unknown(index):
    with pytest.raises(RoleNotFound) as caught:
        index.resolve("VP")
    assert caught.value.ambiguous
    assert str(caught.value) == ("'VP' names several roles; type one of: "
                                 '"acme:VP, Product", pm:VP of Product')
    assert index.resolve("acme:VP") == A + "vp"


def test_the_default_ladder(index):
    assert index.in_ladder("Globex").resolve("Product Manager") == B + "pm"
    assert index.in_ladder("pm").resolve("VP") == C + "vp"
    # an exact title elsewhere beats partial words in the default ladder
    assert index.in_ladder("Globex").resolve("General Manager") == C + "gm"
    assert index.in_ladder("acme").resolve("acme:VP") == A + "vp"
    with pytest.raises(RoleNotFound, match="names several roles"):
        index.resolve("Product Manager")  # the index itself has no default
    with pytest.raises(LadderNotFound) as caught:
        index.in_ladder("glob")
    assert str(caught.value) == "unknown ladder 'glob'; did you mean Globex? the ladders are: acme, Globex, pm"


def test_qualified_names(index):
    assert index.qualified(A + "pm") == "acme:Product Manager"
    assert index.qualified(C + "gm") == "pm:General Manager"
    assert index.ladders() == ["acme", "Globex", "pm"]
    plain = TitleIndex([("urn:x", "X", True), ("urn:y", "X", True)])
    assert plain.qualified("urn:x") == "<urn:x>"
    with pytest.raises(RoleNotFound) as caught:  # no ladder, no prefix: as before
        plain.resolve("X")
    assert caught.value.suggestions == ("X <urn:x>", "X <urn:y>") and not caught.value.qualified


def test_many_roles_are_listed_up_to_a_limit():
    entries = [(f"urn:l:{n}", f"Manager {n}", True) for n in range(15)]
    index = TitleIndex(entries, ladders={f"urn:l:{n}": ["l"] for n in range(15)})
    with pytest.raises(RoleNotFound) as caught:
        index.resolve("Manager")
    assert len(caught.value.suggestions) == 10 and str(caught.value).endswith("(and 5 more)")


def test_the_index_with_its_ladders_round_trips_through_the_cache_encoding(index):
    encoded = json.loads(json.dumps(_encode_index(index)))
    assert vars(_decode_index(encoded)) == vars(index)
    old = {name: value for name, value in encoded.items() if name != "format"}
    with pytest.raises(ValueError, match="another format"):
        _decode_index(old)  # a stored index of the layout before ladders is built again
    encoded["_ladders"] = ["plain", {A + "pm": "acme"}]
    with pytest.raises(ValueError):
        _decode_index(encoded)


def test_the_built_in_graph_s_index_knows_its_ladder(builtin_graph):
    titles = TitleIndex.for_graph(builtin_graph)
    assert titles.ladders() == ["pm"]
    assert titles.resolve("pm:Product Manager") == PM + "product-manager"
    assert titles.resolve("PM:gm") == PM + "general-manager"
