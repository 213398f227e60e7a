"""careergraph.names: every title, alternative title and abbreviation finds its role."""

from __future__ import annotations

import pytest

from careergraph.errors import RoleNotFound
from careergraph.namespaces import PM
from careergraph.names import ABBREVIATIONS, TitleIndex, normalize_title


@pytest.fixture(scope="module")
def titles(builtin_graph):
    return TitleIndex.for_graph(builtin_graph)


def _labels(kg, prop):
    rows = kg.rdflib_graph().query(f"SELECT ?role ?title WHERE {{ ?role a cg:Role ; skos:{prop} ?title }}",
                          initNs={"cg": "https://w3id.org/careergraph/ontology#",
                                  "skos": "http://www.w3.org/2004/02/skos/core#"})
    return [(str(row.role), str(row.title)) for row in rows]


def test_every_title_in_any_case(builtin_graph, titles):
    entries = (_labels(builtin_graph, "prefLabel") + _labels(builtin_graph, "altLabel")
               + _labels(builtin_graph, "hiddenLabel"))
    assert len(entries) >= 24  # 11 roles, 11 alternative titles, 2 hidden labels
    for role, title in entries:
        for spelling in (title, title.upper(), title.lower(), f"  {title.swapcase()} "):
            assert titles.resolve(spelling) == role, spelling


@pytest.mark.parametrize("title, role", [
    ("PM", "product-manager"), ("pm", "product-manager"), ("APM", "associate-product-manager"),
    ("Sr PM", "senior-product-manager"), ("sr. pm", "senior-product-manager"),
    ("Senior PM", "senior-product-manager"), ("SPM", "senior-product-manager"),
    ("Jr PM", "associate-product-manager"), ("Jr. Product Manager", "associate-product-manager"),
    ("VP of Product", "vp-of-product"), ("Vice President of Product", "vp-of-product"),
    ("CPO", "chief-product-officer"), ("COO", "chief-operating-officer"),
    ("GM", "general-manager"), ("CEO", "chief-executive-officer"),
    ("Product Owner", "associate-product-manager"), ("group pm", "group-product-manager"),
    ("Principal PM", "principal-product-manager"), ("DoP", "director-of-product"),
    ("chief product-officer", "chief-product-officer"),
])
def test_abbreviations_and_variants(titles, title, role):
    assert titles.resolve(title) == PM + role


def test_iris_and_prefixed_names(titles):
    assert titles.resolve(PM + "vp-of-product") == PM + "vp-of-product"
    assert titles.resolve(f"<{PM}vp-of-product>") == PM + "vp-of-product"
    assert titles.resolve("pm:vp-of-product") == PM + "vp-of-product"


def test_a_misspelt_title_gets_one_suggestion(titles):
    with pytest.raises(RoleNotFound) as caught:
        titles.resolve("Senoir PM")
    assert caught.value.suggestions == ("Senior Product Manager",)
    assert str(caught.value) == "unknown role 'Senoir PM'; did you mean Senior Product Manager?"
    with pytest.raises(RoleNotFound, match="did you mean Chief Operating Officer"):
        titles.resolve("Chief Operatng Officer")


def test_an_unknown_title_far_from_all(titles):
    with pytest.raises(RoleNotFound) as caught:
        titles.resolve("Zookeeper")
    assert caught.value.suggestions == ()
    assert "'careergraph info' lists the roles" in str(caught.value)


def test_a_title_of_two_roles_is_ambiguous():
    index = TitleIndex([("urn:a", "Head", True), ("urn:a", "Product Lead", False),
                        ("urn:b", "Team Lead", True), ("urn:b", "Product Lead", False)])
    with pytest.raises(RoleNotFound) as caught:
        index.resolve("product lead")
    assert caught.value.ambiguous
    assert caught.value.suggestions == ("Head <urn:a>", "Team Lead <urn:b>")
    assert index.resolve("team lead") == "urn:b"


def test_a_role_s_own_title_beats_another_role_s_alternative_title():
    # O*NET lists "Product Manager" as an alternative title of Marketing Managers.
    index = TitleIndex([("urn:pm", "Product Manager", True), ("urn:mm", "Marketing Managers", True),
                        ("urn:mm", "Product Manager", False)])
    assert index.resolve("Product Manager") == "urn:pm"
    assert index.resolve("PM") == "urn:pm"


def test_labels_and_roles(titles):
    assert titles.label(PM + "product-manager") == "Product Manager"
    assert titles.label("urn:unknown") == "urn:unknown"
    assert len(titles.roles()) == 11
    assert titles.roles()[0] == PM + "associate-product-manager"


def test_normalize_title():
    assert normalize_title("Sr. PM") == "senior product manager"
    assert normalize_title("VP, Product") == "vice president product"
    assert normalize_title("ＣＰＯ") == "chief product officer"  # full-width letters (NFKC)
    assert all(word == word.lower() and " " not in word for word in ABBREVIATIONS)


def test_the_index_is_built_once_per_graph(builtin_graph):
    assert TitleIndex.for_graph(builtin_graph) is TitleIndex.for_graph(builtin_graph)


def test_titles_of_a_layered_file(tmp_path):
    from careergraph.load import load_graph

    layer = tmp_path / "acme.ttl"
    layer.write_text("""@prefix cg: <https://w3id.org/careergraph/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<http://example.org/acme/cto> a cg:Role ; skos:prefLabel "Chief Technology Officer"@en ;
    skos:altLabel "Head of Engineering"@en ; skos:prefLabel "Directeur technique"@fr .
""", encoding="utf-8")
    index = TitleIndex.from_graph(load_graph([layer]))
    assert index.resolve("CTO") == "http://example.org/acme/cto"
    assert index.resolve("head of engineering") == "http://example.org/acme/cto"
    with pytest.raises(RoleNotFound):
        index.resolve("Directeur technique")
