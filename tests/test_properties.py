"""Property-based tests (hypothesis) of the ladder importer, the path algorithms and the skill gap.

- A random ladder, written in the YAML form, imports to the roles, titles,
  seniorities, tracks, moves and requirements it says; exported as Turtle and
  read back, it gives the same again.
- On random move graphs a path is found exactly when the target is reachable
  (under a random restriction of the kinds of move), every step of a path is a
  real move of an allowed kind, and it has the fewest moves there are.
- On the built-in ladder, for random profiles and random pairs of roles, a gap
  never lists a skill the person already holds at the level needed, and lists
  every one they do not.

``max_examples`` is kept small where each example loads a graph, so that the
file runs in well under a minute; ``derandomize`` makes CI runs repeatable.
"""

from __future__ import annotations

from itertools import pairwise

import networkx as nx
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from careergraph.errors import NoPath
from careergraph.importers.ladder_titles import mixed_script

TRACKS = {"individual contributor": "IndividualContributor", "management": "Management",
          "executive": "Executive"}
CATEGORIES = ("technical", "analytical", "strategic", "interpersonal", "leadership")
KINDS = ("promotion", "branch", "lateral", "exit")
CG = "https://w3id.org/careergraph/ontology#"
NAMESPACE = "https://example.org/random/ladder/"

LOADING = settings(max_examples=25, deadline=None, derandomize=True,
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
PURE = settings(max_examples=200, deadline=None, derandomize=True)

# titles: any printable text, right-to-left scripts and emoji included, never blank; each word in
# one script, since the importer refuses a word that mixes scripts (a look-alike of another title)
words = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp", "Co", "Cn")),
                min_size=1, max_size=12).map(lambda t: " ".join(t.split())).filter(bool).filter(
                    lambda t: mixed_script(t) is None)


@st.composite
def ladders(draw):
    """A ladder document (the YAML form's data) and what it must import to."""
    count = draw(st.integers(1, 7))
    roles = []
    for i in range(count):
        role = {"id": f"r{i}", "title": f"Role {i} {draw(words)}",
                "seniority": draw(st.integers(1, 7)), "track": draw(st.sampled_from(list(TRACKS)))}
        alternatives = draw(st.lists(words, max_size=2, unique_by=str.casefold))
        if alternatives:
            role["alt_titles"] = [f"Alt {i}.{n} {t}" for n, t in enumerate(alternatives)]
        roles.append(role)
    skills = [{"id": f"s{j}", "name": f"Skill {j} {draw(words)}",
               "category": draw(st.sampled_from(CATEGORIES))} for j in range(draw(st.integers(0, 4)))]
    for role in roles:
        chosen = draw(st.lists(st.sampled_from(skills), unique_by=lambda s: s["id"], max_size=3)) \
            if skills else []
        if chosen:
            role["requirements"] = [{"skill": s["id"], "proficiency": draw(st.integers(1, 5)),
                                     "importance": draw(st.sampled_from(["core", "supporting"]))}
                                    for s in chosen]
    pairs = [(a, b) for a in range(count) for b in range(count) if a != b]
    moves = []
    for a, b in draw(st.lists(st.sampled_from(pairs), unique=True, max_size=8)) if pairs else []:
        rising = roles[b]["seniority"] > roles[a]["seniority"]
        kind = draw(st.sampled_from(KINDS if rising else KINDS[1:]))
        moves.append({"from": f"r{a}", "to": f"r{b}", "kind": kind})
    document = {"ladder": {"id": "random", "title": "Random ladder", "namespace": NAMESPACE},
                "roles": roles, "skills": skills, "moves": moves}
    return document


def expected(document) -> dict:
    """What a ladder document says, in the terms :func:`facts` reads from a graph."""
    skills = {s["id"]: s["name"] for s in document["skills"]}
    return {
        "roles": {NAMESPACE + r["id"]: (r["title"], r["seniority"], CG + TRACKS[r["track"]],
                                        tuple(sorted(r.get("alt_titles", ()))))
                  for r in document["roles"]},
        "moves": {(NAMESPACE + m["from"], NAMESPACE + m["to"], m["kind"]) for m in document["moves"]},
        "requirements": {(NAMESPACE + r["id"], skills[q["skill"]], q["proficiency"], q["importance"])
                         for r in document["roles"] for q in r.get("requirements", ())},
    }


def facts(kg) -> dict:
    """The ladder's roles, moves and requirements as the library's projections see them."""
    from careergraph.project import role_graph, skill_graph

    roles, skills = role_graph(kg), skill_graph(kg)
    mine = {n for n in roles if n.startswith(NAMESPACE)}
    return {
        "roles": {n: (roles.nodes[n]["label"], roles.nodes[n]["seniority"], roles.nodes[n]["track_iri"],
                      tuple(sorted(roles.nodes[n]["alt_labels"]))) for n in mine},
        "moves": {(a, b, data["kind"]) for a, b, data in roles.edges(data=True) if a in mine},
        "requirements": {(r, skills.nodes[s]["label"], data["proficiency"], data["importance"])
                         for r, s, data in skills.edges(data=True) if r in mine},
    }


@LOADING
@given(document=ladders())
def test_random_ladders_round_trip_through_import_and_export(document, tmp_path_factory):
    from careergraph.export import export
    from careergraph.importers.ladder import import_ladder
    from careergraph.load import load_graph

    folder = tmp_path_factory.mktemp("ladder")
    source = folder / "ladder.yaml"
    source.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")
    truth = expected(document)

    imported = load_graph([source], builtin=False)
    assert facts(imported) == truth

    converted = folder / "converted.ttl"  # what `careergraph import ladder` writes
    converted.write_bytes(import_ladder(source).serialize(format="turtle", encoding="utf-8"))
    assert facts(load_graph([converted], builtin=False)) == truth

    exported = folder / "exported.ttl"  # what `careergraph export` writes, read back
    export(imported, "ttl", exported)
    assert facts(load_graph([exported], builtin=False)) == truth


# --- the path algorithms, on random move graphs ----------------------------------------------------

@st.composite
def move_graphs(draw):
    """A random directed graph of roles (``r0``...) with a kind of move on each edge."""
    size = draw(st.integers(2, 9))
    nodes = [f"r{i}" for i in range(size)]
    G = nx.DiGraph(kinds=KINDS)  # the kinds a graph knows, as role_graph lists them
    for node in nodes:
        G.add_node(node, label=node.upper())
    pairs = [(a, b) for a in nodes for b in nodes if a != b]
    for a, b in draw(st.lists(st.sampled_from(pairs), unique=True, max_size=3 * size)):
        G.add_edge(a, b, kind=draw(st.sampled_from(KINDS)))
    source, target = draw(st.sampled_from(nodes)), draw(st.sampled_from(nodes))
    kinds = draw(st.none() | st.lists(st.sampled_from(KINDS), min_size=1, unique=True))
    return G, source, target, kinds


@PURE
@given(case=move_graphs())
def test_a_path_is_found_exactly_when_the_target_is_reachable(case):
    from careergraph import paths

    G, source, target, kinds = case
    allowed = nx.subgraph_view(G, filter_edge=lambda a, b: kinds is None or G.edges[a, b]["kind"] in kinds)
    reachable = target in nx.descendants(allowed, source)  # source itself only by a loop
    if source == target:
        return  # a path question needs two roles; reachable() covers the loop
    try:
        found = paths.shortest_path(G, source, target, kinds=kinds)
    except NoPath as no:
        assert not reachable, f"NoPath although {target} is reachable: {no}"
        return
    assert reachable
    assert found[0] == source and found[-1] == target
    for a, b in pairwise(found):
        assert G.has_edge(a, b), f"{a} -> {b} is not a move"
        assert kinds is None or G.edges[a, b]["kind"] in kinds
    assert len(found) - 1 == nx.shortest_path_length(allowed, source, target)
    assert len(set(found)) == len(found)


@PURE
@given(case=move_graphs())
def test_reachable_lists_what_a_path_reaches_and_every_route_is_made_of_moves(case):
    from careergraph import paths

    G, source, _, kinds = case
    allowed = nx.subgraph_view(G, filter_edge=lambda a, b: kinds is None or G.edges[a, b]["kind"] in kinds)
    distances = paths.reachable(G, source, kinds=kinds)
    assert set(distances) == nx.descendants(allowed, source) | (
        {source} if any(source in nx.descendants(allowed, n) for n in allowed.successors(source))
        else set())
    routes = paths.routes(G, source, kinds=kinds)
    assert set(routes) == set(distances)
    for node, route in routes.items():
        assert route[0] == source and route[-1] == node and len(route) - 1 == distances[node]
        assert all(allowed.has_edge(a, b) for a, b in pairwise(route))


@PURE
@given(case=move_graphs(), k=st.integers(1, 4))
def test_k_best_paths_are_real_distinct_and_in_order(case, k):
    from careergraph import paths

    G, source, target, kinds = case
    if source == target:
        return
    try:
        found = paths.k_shortest_paths(G, source, target, k, kinds=kinds)
    except NoPath:
        assert not nx.has_path(nx.subgraph_view(
            G, filter_edge=lambda a, b: kinds is None or G.edges[a, b]["kind"] in kinds), source, target)
        return
    assert 1 <= len(found) <= k and len({tuple(p) for p in found}) == len(found)
    assert [len(p) for p in found] == sorted(len(p) for p in found)
    for path in found:
        assert all(G.has_edge(a, b) for a, b in pairwise(path))


# --- the skill gap, on the built-in ladder ----------------------------------------------------------

@pytest.fixture(scope="module")
def builtin():
    from careergraph.load import load_graph
    from careergraph.project import role_graph, skill_graph

    kg = load_graph()
    roles, skills = role_graph(kg), skill_graph(kg)
    return kg, sorted(roles), sorted(n for n, d in skills.nodes(data=True) if d["kind"] == "skill")


@settings(max_examples=150, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_a_gap_never_lists_a_skill_already_held_at_the_level_needed(builtin, data):
    from careergraph.gap import readiness, requirements, step_gap

    kg, roles, skills = builtin
    have = data.draw(st.dictionaries(st.sampled_from(skills), st.integers(1, 5)), label="profile")
    source, target = data.draw(st.sampled_from(roles)), data.draw(st.sampled_from(roles))
    needed = requirements(kg, target)
    step = step_gap(kg, source, target, have)
    gained = {g.skill: g for g in step.gain}
    raised = {r.skill: r for r in step.raise_}
    for skill, level in needed.items():
        held = have.get(skill, 0)
        if held >= (level or 1):
            assert skill not in gained and skill not in raised, (skill, held, level)
        elif held == 0:
            assert skill in gained and gained[skill].level == level
        else:
            assert skill in raised and (raised[skill].from_level, raised[skill].to_level) == (held, level)
    assert set(gained) | set(raised) <= set(needed)
    for ready in readiness(kg, have):
        for g in ready.gain:
            assert have.get(g.skill, 0) == 0
        for r in ready.raise_:
            assert r.from_level == have[r.skill] < r.to_level
