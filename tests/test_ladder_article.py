"""The built-in product-management ladder checked against its source article.

The expectations below are written out by hand from the article
(shared/sources/000_e022f794e097e384.txt, "Career path of a Product Manager"),
not derived from the Turtle, so that a change to the ladder that drifts from
the article fails here.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
import rdflib
from datasets import DATASETS
from rdflib import Literal, URIRef

ONTOLOGY = Path(__file__).resolve().parents[1] / "ontology"
ARTICLE_STEM = Path(DATASETS["article"][1]).stem
"""The identifier the ladder gives the article: its file name without the ending."""


@pytest.fixture(scope="module")
def ladder(builtin_graph) -> rdflib.Graph:
    """The built-in graph as the loader builds it: the TBox and the product-management ladder."""
    return builtin_graph.rdflib_graph()


# ---------------------------------------------------------------------------
# Namespaces and helpers
# ---------------------------------------------------------------------------

CG = rdflib.Namespace("https://w3id.org/careergraph/ontology#")
PM = rdflib.Namespace("https://w3id.org/careergraph/pm/")
SKOS = rdflib.Namespace("http://www.w3.org/2004/02/skos/core#")
DCTERMS = rdflib.Namespace("http://purl.org/dc/terms/")

PREFIXES = {"cg": CG, "pm": PM, "skos": SKOS, "dcterms": DCTERMS}


def query(graph: rdflib.Graph, text: str, **bindings):
    """Run SPARQL with the usual prefixes; values go in through initBindings only."""
    return list(graph.query(text, initNs=PREFIXES, initBindings=bindings))


def normalise(text: str) -> str:
    """Collapse every run of whitespace (non-breaking spaces included) to one space."""
    return " ".join(text.split())


def pref_label(graph: rdflib.Graph, node) -> str:
    rows = query(graph, """
        SELECT ?label WHERE { ?node skos:prefLabel ?label FILTER(lang(?label) = "en") }
    """, node=node)
    assert len(rows) == 1, f"{node} has {len(rows)} English prefLabels"
    return str(rows[0][0])


def requirements(graph: rdflib.Graph, role) -> dict[str, tuple[int, URIRef]]:
    """{skill prefLabel: (proficiency, importance)} of a role."""
    rows = query(graph, """
        SELECT ?label ?level ?importance WHERE {
            ?role cg:requires ?req .
            ?req a cg:SkillRequirement ; cg:skill ?skill ;
                 cg:proficiency ?level ; cg:importance ?importance .
            ?skill skos:prefLabel ?label FILTER(lang(?label) = "en")
        }
    """, role=role)
    result = {}
    for label, level, importance in rows:
        assert str(label) not in result, f"{role} requires {label} twice"
        result[str(label)] = (int(level), importance)
    return result


# ---------------------------------------------------------------------------
# The independent expectation, from the article
# ---------------------------------------------------------------------------

APM, PMR, SPM = PM["associate-product-manager"], PM["product-manager"], PM["senior-product-manager"]
GPM, PPM = PM["group-product-manager"], PM["principal-product-manager"]
DOP, VP, CPO = PM["director-of-product"], PM["vp-of-product"], PM["chief-product-officer"]
GM, COO, CEO = PM["general-manager"], PM["chief-operating-officer"], PM["chief-executive-officer"]

ROLES = {
    APM: ("Associate Product Manager", 1, CG.IndividualContributor),
    PMR: ("Product Manager", 2, CG.IndividualContributor),
    SPM: ("Senior Product Manager", 3, CG.IndividualContributor),
    GPM: ("Group Product Manager", 4, CG.Management),
    PPM: ("Principal Product Manager", 4, CG.IndividualContributor),
    DOP: ("Director of Product", 4, CG.Management),
    VP: ("VP of Product", 5, CG.Executive),
    CPO: ("Chief Product Officer", 6, CG.Executive),
    # "The highest rung on the product manager career path is the Chief Product Officer":
    # the roles named beyond it, and the CEO it reports to, are on no rung of the ladder.
    GM: ("General Manager", None, CG.Executive),
    COO: ("Chief Operating Officer", None, CG.Executive),
    CEO: ("Chief Executive Officer", None, CG.Executive),
}
BEYOND_THE_LADDER = {GM, COO, CEO}

# Every other title or abbreviation the article uses for each role.
ALT_LABELS = {
    APM: {"APM", "Junior Product Manager", "Product Owner"},
    PMR: {"PM"},
    SPM: {"Senior PM"},
    GPM: set(),
    PPM: set(),
    DOP: {"Product Director", "DoP"},
    VP: set(),
    CPO: {"CPO"},
    GM: {"GM"},
    COO: {"COO"},
    CEO: {"CEO"},
}

# Descriptions the article uses for a role, not titles: "an entry-level product manager
# position", "this mid-level role", "mid-level PMs". Found by a search, never shown as a title.
HIDDEN_LABELS = {APM: {"Entry-level Product Manager"}, PMR: {"Mid-level Product Manager"}}

MAIN_LADDER = [APM, PMR, SPM, DOP, VP, CPO]  # the article's numbered list 1-6

TRANSITIONS = {
    (APM, PMR, CG.Promotion),
    (PMR, SPM, CG.Promotion),
    (SPM, DOP, CG.Promotion),
    (DOP, VP, CG.Promotion),
    (VP, CPO, CG.Promotion),
    (SPM, GPM, CG.Branch),  # "branch off into Group Product Managers"
    (SPM, PPM, CG.Branch),  # "... or Principal Product Managers"
    (CPO, GM, CG.Exit),     # "Beyond the CPO position ... GMs and COOs"
    (CPO, COO, CG.Exit),
    # "While the role doesn't necessitate a direct product management background": an entry
    # into the PM role from outside the ladder; and "landing an entry-level product manager
    # position" (the APM, "the first rung"). An entry has no role it starts from.
    (None, PMR, CG.Entry),
    (None, APM, CG.Entry),
}

REPORTS_TO = {
    (APM, PMR),  # "They report to a product manager"
    (CPO, CEO),  # "reports directly to the CEO"
}

RESPONSIBILITY_COUNTS = {
    APM: 8, PMR: 8, SPM: 5, GPM: 1, PPM: 1, DOP: 9, VP: 9, CPO: 8, GM: 0, COO: 0, CEO: 0,
}

SOME_RESPONSIBILITIES = {
    APM: {"Define and implement minor features in a larger product",
          "Collect and analyse customer feedback and product usage information",
          "Prioritise tasks for the product team",
          "Be the go-to resource for UX design, engineering and marketing teams"},
    PMR: {"Design and implement the overall product strategy and broader product roadmaps",
          "Be responsible for the product's significant features",
          "Solve problems for the product team"},
    SPM: {"Manage high-visibility products of significant business value",
          "Lead junior PMs",
          "Act as liaison between the product management teams and senior leadership"},
    GPM: {"Manage a team of PMs"},
    PPM: {"Manage an extensive scope"},
    DOP: {"Set up effective communication channels",
          "Connect individual KPIs to broader success metrics",
          "Lead and mentor the product management team"},
    VP: {"Define product strategies for the product lines they manage",
         "Budgeting",
         "Resource evaluation",
         "Protect product teams from internal politics and misalignment"},
    CPO: {"Oversee all product operations at the highest level",
          "Oversee all the VPs of product",
          "Define the organisation-wide product strategy",
          "Review monthly or quarterly performance and progress reports"},
}

CPO_EXPERIENCE = {"Identifying and solving issues", "Strategic thinking", "Prioritization",
                  "Driving business impact", "Leadership"}

SKILLS = {
    APM: {"Analytical skills", "Strategic thinking", "Collaboration", "System design",
          "User-centric thinking", "Innovation", "Identifying issues and opportunities",
          "Technical skills", "Hands-on product management", "Engineering", "UX design",
          "Marketing", "Prioritization", "Data-driven decision-making"},
    PMR: {"Communication", "Collaboration", "Leadership", "Strategic thinking",
          "Product knowledge", "Market understanding", "Customer understanding",
          "Data-driven decision-making", "Process optimization", "Prioritization",
          "Technical skills"},
    SPM: {"Hands-on product management", "Strategic thinking", "Data-driven decision-making",
          "Leading without authority", "Identifying and solving issues", "Managing trade-offs",
          "Product knowledge", "Market understanding", "Prioritization", "Communication",
          "Leadership"},
    GPM: set(),  # the article names no skill for it
    PPM: {"Domain expertise"},
    DOP: {"Management", "Communication", "Leadership", "Analytical skills"},
    VP: {"Communication", "Leadership"},
    CPO: CPO_EXPERIENCE | {"Communication"},
    # "CPOs are very experienced in ... This makes them perfect for positions like GMs and
    # COOs": what CPOs have, not what a GM or COO requires. The article names no requirement.
    GM: set(),
    COO: set(),
    CEO: set(),
}

# Skills the article names as core for a role (critical / expected / required).
CORE = {
    APM: {"Analytical skills", "Strategic thinking", "Collaboration", "System design"},
    SPM: {"Hands-on product management", "Strategic thinking", "Data-driven decision-making",
          "Leading without authority", "Identifying and solving issues", "Managing trade-offs",
          "Product knowledge", "Market understanding",
          # "The responsibilities start taking a marginal shift ... to communication and leadership"
          "Communication", "Leadership"},
    DOP: {"Management", "Communication", "Leadership", "Analytical skills"},
    CPO: CPO_EXPERIENCE | {"Communication"},
}

TECHNICAL_SKILLS = {"Technical skills", "Hands-on product management", "System design",
                    "Engineering", "UX design", "Marketing"}

SKILL_CATEGORIES = {
    "Technical skills": CG.Technical, "Hands-on product management": CG.Technical,
    "System design": CG.Technical, "Engineering": CG.Technical, "UX design": CG.Technical,
    "Marketing": CG.Technical,
    # "optimizing processes, prioritizing tasks, and making informed product decisions"
    "Process optimization": CG.Analytical,
    "Identifying issues and opportunities": CG.Analytical,
    "Analytical skills": CG.Analytical, "Data-driven decision-making": CG.Analytical,
    "Identifying and solving issues": CG.Analytical, "Managing trade-offs": CG.Analytical,
    "Prioritization": CG.Analytical,
    "Product knowledge": CG.Domain, "Market understanding": CG.Domain,
    "Customer understanding": CG.Domain, "User-centric thinking": CG.Domain,
    "Domain expertise": CG.Domain,
    "Strategic thinking": CG.Strategic, "Innovation": CG.Strategic,
    "Driving business impact": CG.Strategic,
    "Collaboration": CG.Interpersonal, "Communication": CG.Interpersonal,
    "Leadership": CG.Leadership, "Leading without authority": CG.Leadership,
    "Management": CG.Leadership,
}

ESCO = "http://data.europa.eu/esco/occupation/"
ONET = "https://www.onetonline.org/link/summary/"
ESCO_PM = URIRef(ESCO + "9f508305-80ce-4111-8722-f2c9b4a44890")
ONET_MARKETING = URIRef(ONET + "11-2021.00")
ONET_CHIEF_EXEC = URIRef(ONET + "11-1011.00")
MAPPINGS = {  # role: (closeMatch set, broadMatch set)
    APM: (set(), {ESCO_PM, ONET_MARKETING}),
    PMR: ({ESCO_PM}, {ONET_MARKETING}),
    SPM: (set(), {ESCO_PM, ONET_MARKETING}),
    GPM: (set(), {ESCO_PM, ONET_MARKETING}),
    PPM: (set(), {ESCO_PM, ONET_MARKETING}),
    DOP: (set(), {ESCO_PM, ONET_MARKETING}),
    VP: (set(), {ESCO_PM, ONET_MARKETING}),
    CPO: ({URIRef(ESCO + "8a0afc76-4a09-449a-9e7b-a33495889f95")}, {ONET_CHIEF_EXEC}),
    COO: ({URIRef(ESCO + "c64a6e4e-5b38-4f93-b26d-aded817aeaf3")}, {ONET_CHIEF_EXEC}),
    GM: ({URIRef(ESCO + "544cd9cf-e2ee-4ac0-8a02-7147af6b97d7")}, {URIRef(ONET + "11-1021.00")}),
    CEO: ({URIRef(ESCO + "6c3fd65e-2d24-47d8-bc22-9e93512bdcc2"), ONET_CHIEF_EXEC}, set()),
}

HEADINGS = {
    "The Career Path for PMs",
    "1. Associate Product Manager",
    "2. Product Manager",
    "3. Senior Product Manager",
    "4. Director of Product",
    "5. VP of Product",
    "6. Chief Product Officer",
}
CLOSING_SECTION = "Rising the ladder"  # the unheaded paragraphs at the end


# ---------------------------------------------------------------------------
# Roles
# ---------------------------------------------------------------------------

def test_exactly_the_roles_of_the_article(ladder):
    rows = query(ladder, "SELECT ?role WHERE { ?role a cg:Role ; skos:inScheme pm:ladder }")
    assert {row[0] for row in rows} == set(ROLES) - BEYOND_THE_LADDER
    rows = query(ladder, "SELECT ?role WHERE { ?role a cg:Role }")
    assert {row[0] for row in rows} == set(ROLES)


@pytest.mark.parametrize("role", list(ROLES), ids=lambda r: str(r).rsplit("/", 1)[-1])
def test_role_label_seniority_and_track(ladder, role):
    label, seniority, track = ROLES[role]
    assert pref_label(ladder, role) == label
    rows = query(ladder, """
        SELECT ?s ?t WHERE { ?role cg:track ?t OPTIONAL { ?role cg:seniority ?s } }""", role=role)
    assert [(None if s is None else int(s), t) for s, t in rows] == [(seniority, track)]


@pytest.mark.parametrize("role", list(ROLES), ids=lambda r: str(r).rsplit("/", 1)[-1])
def test_alternative_titles(ladder, role):
    rows = query(ladder, "SELECT ?alt WHERE { ?role skos:altLabel ?alt }", role=role)
    assert all(alt.language == "en" for (alt,) in rows)
    assert {str(alt) for (alt,) in rows} == ALT_LABELS[role]


def test_descriptions_are_hidden_labels_not_titles(ladder, builtin_graph):
    """ "Entry-level" and "mid-level" describe the APM and the PM; the article uses neither as
    a title. They are hidden labels: a search finds the role, no output shows another title."""
    for role in ROLES:
        rows = query(ladder, "SELECT ?h WHERE { ?role skos:hiddenLabel ?h }", role=role)
        assert {str(h) for (h,) in rows} == HIDDEN_LABELS.get(role, set()), role
    from careergraph.names import TitleIndex
    titles = TitleIndex.for_graph(builtin_graph)
    assert titles.resolve("Entry-level Product Manager") == str(APM)
    assert titles.resolve("mid-level product manager") == str(PMR)


def test_junior_product_manager_and_product_owner_are_the_apm(ladder):
    for title in ("Junior Product Manager", "Product Owner"):
        rows = query(ladder, "SELECT ?role WHERE { ?role a cg:Role ; skos:altLabel ?t }",
                     t=Literal(title, lang="en"))
        assert [row[0] for row in rows] == [APM]


def test_every_role_has_a_definition(ladder):
    for role in ROLES:
        rows = query(ladder, """SELECT ?d WHERE { ?role skos:definition ?d FILTER(lang(?d) = "en") }""",
                     role=role)
        assert len(rows) == 1 and len(str(rows[0][0])) > 20, role


def test_reporting_lines(ladder):
    rows = query(ladder, "SELECT ?a ?b WHERE { ?a cg:reportsTo ?b }")
    assert {(a, b) for a, b in rows} == REPORTS_TO


def test_mappings(ladder):
    for role, (close, broad) in MAPPINGS.items():
        got_close = {o for (o,) in query(ladder, "SELECT ?o WHERE { ?r skos:closeMatch ?o }", r=role)}
        got_broad = {o for (o,) in query(ladder, "SELECT ?o WHERE { ?r skos:broadMatch ?o }", r=role)}
        assert (got_close, got_broad) == (close, broad), role


# ---------------------------------------------------------------------------
# Transitions
# ---------------------------------------------------------------------------

def test_transitions(ladder):
    rows = query(ladder, """
        SELECT ?move ?from ?to ?kind WHERE {
            ?move a cg:Transition ; cg:toRole ?to ; cg:transitionKind ?kind
            OPTIONAL { ?move cg:fromRole ?from }
        }""")
    assert len(rows) == len({row[0] for row in rows}), "a transition with two from/to/kinds"
    assert {(f, t, k) for _, f, t, k in rows} == TRANSITIONS


def test_promotions_raise_seniority(ladder):
    rows = query(ladder, """
        SELECT ?from ?to WHERE {
            ?move cg:fromRole ?from ; cg:toRole ?to ; cg:transitionKind cg:Promotion
        }""")
    assert rows
    for source, target in rows:
        assert ROLES[target][1] > ROLES[source][1]


def test_roles_beyond_the_ladder(ladder):
    """GM, COO and the CEO are named beyond "the highest rung", the CPO: on no rung, in no
    ladder, and with no requirements (the article lists what CPOs are experienced in)."""
    for role in BEYOND_THE_LADDER:
        schemes = query(ladder, "SELECT ?s WHERE { ?role skos:inScheme ?s }", role=role)
        assert [s for (s,) in schemes] == [PM["beyond-the-ladder"]], role
        assert not query(ladder, "SELECT ?s WHERE { ?role cg:seniority ?s }", role=role), role
        assert requirements(ladder, role) == {}, role
    assert not query(ladder, "SELECT ?t WHERE { pm:beyond-the-ladder a cg:Ladder }")  # no rungs
    exits = query(ladder, """
        SELECT ?to WHERE { pm:chief-product-officer cg:exitsTo ?to }""")
    assert {to for (to,) in exits} == {GM, COO}


def passages_of(graph, node) -> set[str]:
    return {str(p).removeprefix(str(PM)) for (p,) in query(
        graph, "SELECT ?p WHERE { ?node dcterms:source ?p }", node=node)}


def test_promotions_cite_the_ladder_not_the_target_role(ladder):
    """The article states the ladder ("a long ladder of various positions", then the numbered
    list of "the primary roles"), not each promotion; a promotion cites that and the two list
    items it joins, not the passages that describe the role it leads to. Only the move into
    the PM role has a sentence of its own ("The next step ... is the product manager position")."""
    moves = query(ladder, """
        SELECT ?move ?from ?to WHERE { ?move cg:fromRole ?from ; cg:toRole ?to ;
                                             cg:transitionKind cg:Promotion }""")
    assert len(moves) == len(MAIN_LADDER) - 1
    for move, source, target in moves:
        a, b = MAIN_LADDER.index(source) + 1, MAIN_LADDER.index(target) + 1
        expected = {"passage-career-path-overview", "passage-primary-roles",
                    f"passage-list-item-{a}", f"passage-list-item-{b}"}
        if target == PMR:
            expected.add("passage-pm-next-step")
        assert passages_of(ladder, move) == expected, move
    for index, role in enumerate(MAIN_LADDER, start=1):
        rows = query(ladder, "SELECT ?s ?q WHERE { ?p cg:section ?s ; cg:quote ?q }",
                     p=PM[f"passage-list-item-{index}"])
        assert [(str(s), str(q)) for s, q in rows] == [(f"{index}. {ROLES[role][0]}",) * 2]
    overview = query(ladder, "SELECT ?q WHERE { pm:passage-career-path-overview cg:quote ?q }")
    assert "a long ladder of various positions" in str(overview[0][0])


def test_entry_into_the_pm_role_from_outside(ladder):
    """ "While the role doesn't necessitate a direct product management background, it calls
    for professional experience that demonstrates your communication, collaboration,
    leadership, and strategy skills." """
    rows = query(ladder, """
        SELECT ?move ?condition WHERE {
            ?move cg:toRole pm:product-manager ; cg:transitionKind cg:Entry ; cg:condition ?condition
            FILTER NOT EXISTS { ?move cg:fromRole ?any }
        }""")
    assert len(rows) == 1
    move, condition = rows[0]
    assert "professional experience" in str(condition)
    assert passages_of(ladder, move) == {"passage-pm-background"}


def test_branches_and_alternatives_carry_their_condition(ladder):
    """ "In some organizations ... (if they manage a team of PMs) or ... (if they manage an
    extensive scope or are experts in their domain ...)"; the CPO "can be a role that is
    either an extended variation of the VP of Product position or the one responsible for
    overseeing all the VPs of product": conditions, not facts of every holder."""
    def condition(node) -> str:
        rows = query(ladder, "SELECT ?c WHERE { ?node cg:condition ?c }", node=node)
        assert len(rows) == 1, node
        return str(rows[0][0])
    assert "extended variation of the VP of Product" in condition(PM["resp-cpo-oversee-vps-of-product"])
    assert "a team of PMs" in condition(PM["move-senior-product-manager-to-group-product-manager"])
    assert "extensive scope" in condition(PM["move-senior-product-manager-to-principal-product-manager"])
    for node in (PM["resp-ppm-manage-extensive-scope"], PM["req-ppm-domain-expertise"]):
        assert "One of two alternatives" in condition(node)
    unconditional = query(ladder, """
        SELECT ?r WHERE { pm:chief-product-officer cg:hasResponsibility ?r
                          FILTER NOT EXISTS { ?r cg:condition ?c } }""")
    assert len(unconditional) == RESPONSIBILITY_COUNTS[CPO] - 1


def test_no_hand_written_shortcuts():
    """cg:promotesTo and its kin are derived by the loader, never stated in the file."""
    data = rdflib.Graph()
    data.parse(ONTOLOGY / "ladders" / "product-management.ttl")
    for shortcut in (CG.promotesTo, CG.branchesTo, CG.lateralTo, CG.exitsTo, CG.canMoveTo):
        assert not list(data.triples((None, shortcut, None))), shortcut


# ---------------------------------------------------------------------------
# Responsibilities
# ---------------------------------------------------------------------------

def test_responsibility_counts(ladder):
    for role, count in RESPONSIBILITY_COUNTS.items():
        rows = query(ladder, """
            SELECT ?r WHERE { ?role cg:hasResponsibility ?r . ?r a cg:Responsibility }
        """, role=role)
        assert len(rows) == count, (role, len(rows))


def test_labelled_responsibilities(ladder):
    for role, wanted in SOME_RESPONSIBILITIES.items():
        rows = query(ladder, """
            SELECT ?label WHERE {
                ?role cg:hasResponsibility ?r . ?r skos:prefLabel ?label FILTER(lang(?label) = "en")
            }""", role=role)
        assert wanted <= {str(label) for (label,) in rows}, role


def test_responsibilities_are_not_shared_and_well_formed(ladder):
    owners = defaultdict(set)
    for role, resp in query(ladder, "SELECT ?role ?r WHERE { ?role cg:hasResponsibility ?r }"):
        owners[resp].add(role)
    assert all(len(roles) == 1 for roles in owners.values())
    every = {r for (r,) in query(ladder, "SELECT ?r WHERE { ?r a cg:Responsibility }")}
    assert every == set(owners), "a responsibility no role has"
    abbreviations = {APM: "apm", PMR: "pm", SPM: "spm", GPM: "gpm", PPM: "ppm",
                     DOP: "dop", VP: "vp", CPO: "cpo"}
    for resp, (role,) in ((r, tuple(o)) for r, o in owners.items()):
        assert str(resp).startswith(str(PM) + "resp-" + abbreviations[role] + "-"), resp
        pref_label(ladder, resp)
        assert query(ladder, """SELECT ?d WHERE { ?r skos:definition ?d FILTER(lang(?d) = "en") }""",
                     r=resp), resp


# ---------------------------------------------------------------------------
# Skills and requirements
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("role", list(ROLES), ids=lambda r: str(r).rsplit("/", 1)[-1])
def test_skills_per_role(ladder, role):
    assert set(requirements(ladder, role)) == SKILLS[role]


def test_core_skills_named_by_the_article(ladder):
    for role, core in CORE.items():
        got = requirements(ladder, role)
        assert {skill for skill in core if got[skill][1] != CG.Core} == set(), role


def test_supporting_skills(ladder):
    # APM: hiring managers are "not that rigid about technical ... skill requirements".
    apm = requirements(ladder, APM)
    assert apm["Technical skills"][1] == CG.Supporting


def test_senior_pm_shifts_towards_communication_and_leadership(ladder):
    """ "The responsibilities start taking a marginal shift from data-driven decision-making and
    prioritization to communication and leadership": they do not drop from core at the PM to
    supporting at the Senior PM, nor fall in level."""
    pm, spm = requirements(ladder, PMR), requirements(ladder, SPM)
    for skill in ("Communication", "Leadership"):
        assert pm[skill][1] == spm[skill][1] == CG.Core, skill
        assert spm[skill][0] >= pm[skill][0], skill
    assert spm["Prioritization"][1] == CG.Supporting  # shifting away from it


def test_identifying_issues_and_opportunities_is_not_solving_issues(ladder):
    """APM candidates "identify issues and opportunities"; Senior PMs and CPOs are versed in
    "identifying and solving issues". Two skills, not one."""
    assert "Identifying issues and opportunities" in requirements(ladder, APM)
    assert "Identifying and solving issues" not in requirements(ladder, APM)
    for role in (SPM, CPO):
        assert "Identifying and solving issues" in requirements(ladder, role)
    alts = query(ladder, """
        SELECT ?alt WHERE { pm:skill-identifying-and-solving-issues skos:altLabel ?alt }""")
    assert "identify issues and opportunities" not in {str(a) for (a,) in alts}


def test_principal_pm_is_a_domain_expert(ladder):
    assert requirements(ladder, PPM) == {"Domain expertise": (5, CG.Core)}


def test_cpo_very_experienced(ladder):
    for role in (CPO,):
        got = requirements(ladder, role)
        for skill in CPO_EXPERIENCE:
            assert got[skill] == (5, CG.Core), (role, skill)


def test_skill_categories(ladder):
    rows = query(ladder, """
        SELECT ?label ?category WHERE {
            ?skill a cg:Skill ; skos:prefLabel ?label ; cg:skillCategory ?category
        }""")
    assert {str(label): category for label, category in rows} == SKILL_CATEGORIES
    assert len(rows) == len(SKILL_CATEGORIES)


def test_every_skill_is_required_somewhere(ladder):
    rows = query(ladder, """
        SELECT ?skill WHERE { ?skill a cg:Skill FILTER NOT EXISTS { ?req cg:skill ?skill } }""")
    assert rows == []


def test_proficiency_on_the_scale(ladder):
    rows = query(ladder, "SELECT ?req ?level WHERE { ?req a cg:SkillRequirement ; cg:proficiency ?level }")
    assert rows and all(1 <= int(level) <= 5 for _, level in rows)
    every = query(ladder, "SELECT ?req WHERE { ?req a cg:SkillRequirement }")
    assert len(every) == len(rows)
    orphans = query(ladder, """
        SELECT ?req WHERE { ?req a cg:SkillRequirement FILTER NOT EXISTS { ?role cg:requires ?req } }""")
    assert orphans == []


def technical_level(graph, role) -> int:
    levels = [level for skill, (level, _) in requirements(graph, role).items()
              if skill in TECHNICAL_SKILLS]
    return max(levels, default=0)


def test_technical_skills_matter_early_not_late(ladder):
    """ "Focussing on technical skills and hands-on product management experience allows
    you to grow ... in the early stages." """
    early = [technical_level(ladder, role) for role in (APM, PMR, SPM)]
    late = [technical_level(ladder, role) for role in (DOP, VP, CPO, GM, COO)]
    assert min(early) >= 2
    assert max(late) == 0
    assert sum(early) / len(early) > sum(late) / len(late)
    # and computed from the graph's own categories, not from the list above
    rows = query(ladder, """
        SELECT ?role (MAX(?level) AS ?top) WHERE {
            ?role cg:requires ?req . ?req cg:skill ?skill ; cg:proficiency ?level .
            ?skill cg:skillCategory cg:Technical
        } GROUP BY ?role""")
    top = {role: int(level) for role, level in rows}
    assert min(top.get(role, 0) for role in (APM, PMR, SPM)) > \
        max(top.get(role, 0) for role in (DOP, VP, CPO, GM, COO))


def promotion_chain(graph) -> list[URIRef]:
    rows = query(graph, """
        SELECT ?from ?to WHERE { ?m cg:fromRole ?from ; cg:toRole ?to ; cg:transitionKind cg:Promotion }""")
    nxt = dict(rows)
    start = (set(nxt) - set(nxt.values())).pop()
    chain = [start]
    while chain[-1] in nxt:
        chain.append(nxt[chain[-1]])
    return chain


def test_communication_and_leadership_rise_with_seniority(ladder):
    """ "Your communication and leadership skills will determine your growth ... in the later stages" """
    chain = promotion_chain(ladder)
    assert chain == MAIN_LADDER
    for skill in ("Communication", "Leadership"):
        levels = [requirements(ladder, role)[skill][0] for role in chain
                  if skill in requirements(ladder, role)]
        assert levels == sorted(levels), (skill, levels)
        assert levels[-1] > levels[0], (skill, levels)
        assert skill in requirements(ladder, CPO) and skill in requirements(ladder, DOP)


def test_no_level_drops_along_a_promotion(ladder):
    rows = query(ladder, """
        SELECT ?from ?to WHERE { ?m cg:fromRole ?from ; cg:toRole ?to ; cg:transitionKind cg:Promotion }""")
    for source, target in rows:
        before, after = requirements(ladder, source), requirements(ladder, target)
        for skill in set(before) & set(after):
            assert after[skill][0] >= before[skill][0], (source, target, skill)


def test_pm_to_senior_pm_has_a_skill_gap(ladder):
    before, after = requirements(ladder, PMR), requirements(ladder, SPM)
    risen = {skill for skill in set(before) & set(after) if after[skill][0] > before[skill][0]}
    assert {"Strategic thinking", "Data-driven decision-making", "Product knowledge",
            "Market understanding"} <= risen


# ---------------------------------------------------------------------------
# Provenance and curation
# ---------------------------------------------------------------------------

def test_quotes_are_verbatim(ladder, article):
    text = normalise(article)
    rows = query(ladder, "SELECT ?p ?q WHERE { ?p a cg:SourcePassage ; cg:quote ?q }")
    assert len(rows) >= 50
    missing = [str(p) for p, q in rows if normalise(str(q)) not in text]
    assert missing == []


def test_sections_are_headings(ladder, article):
    lines = {normalise(line) for line in article.splitlines()}
    assert lines >= HEADINGS
    assert CLOSING_SECTION not in lines  # it is a name given to unheaded paragraphs
    rows = query(ladder, "SELECT ?p ?s WHERE { ?p a cg:SourcePassage ; cg:section ?s }")
    passages = query(ladder, "SELECT ?p WHERE { ?p a cg:SourcePassage }")
    assert len(rows) == len(passages)
    assert {str(s) for _, s in rows} <= HEADINGS | {CLOSING_SECTION}


def test_passages_are_part_of_the_article(ladder):
    rows = query(ladder, """
        SELECT ?p WHERE { ?p a cg:SourcePassage FILTER NOT EXISTS { ?p dcterms:isPartOf pm:article } }""")
    assert rows == []
    rows = query(ladder, "SELECT ?id WHERE { pm:article dcterms:identifier ?id }")
    assert [str(r[0]) for r in rows] == [ARTICLE_STEM]


def test_the_article_passage_for_key_facts(ladder, article):
    """The facts behind the reporting lines and the branch are sourced to the sentences that say them."""
    def quotes(node):
        return " ".join(str(q) for (q,) in query(ladder, """
            SELECT ?q WHERE { ?node dcterms:source ?p . ?p cg:quote ?q }""", node=node))
    assert "report to a product manager" in quotes(APM)
    assert "reports directly to the CEO" in quotes(CPO)
    branch = query(ladder, "SELECT ?m WHERE { ?m cg:fromRole ?a ; cg:toRole ?b }", a=SPM, b=GPM)
    assert "branch off into Group Product Managers" in quotes(branch[0][0])


@pytest.mark.parametrize("cls", [CG.Role, CG.SkillRequirement, CG.Responsibility, CG.Transition])
def test_everything_has_a_source_passage(ladder, cls):
    nodes = query(ladder, "SELECT ?n WHERE { ?n a ?cls }", cls=cls)
    assert nodes
    unsourced = query(ladder, """
        SELECT ?n WHERE {
            ?n a ?cls
            FILTER NOT EXISTS { ?n dcterms:source ?p . ?p a cg:SourcePassage }
        }""", cls=cls)
    assert unsourced == []


def test_requirements_mark_curated_values(ladder):
    rows = query(ladder, """
        SELECT ?req WHERE {
            ?req a cg:SkillRequirement
            FILTER NOT EXISTS { ?req cg:curatedProperty cg:proficiency }
        }""")
    assert rows == []
    rows = query(ladder, """
        SELECT ?req WHERE {
            ?req a cg:SkillRequirement
            FILTER NOT EXISTS { ?req cg:curatedProperty cg:importance }
        }""")
    assert rows == []


def test_roles_mark_curated_values(ladder):
    def curated(role):
        return {p for (p,) in query(ladder, "SELECT ?p WHERE { ?r cg:curatedProperty ?p }", r=role)}
    for role in ROLES:
        marked = curated(role)
        assert marked, role
        assert query(ladder, "SELECT ?n WHERE { ?r cg:curationNote ?n }", r=role), role
        if role != VP:  # "typically the first executive position": the article's own track
            assert CG.track in marked, role
        close, broad = MAPPINGS[role]
        if close:
            assert SKOS.closeMatch in marked, role
        if broad:
            assert SKOS.broadMatch in marked, role
    assert CG.track not in curated(VP)
    for role in (GPM, PPM):  # branches: not on the article's numbered list
        assert CG.seniority in curated(role), role
    for role in MAIN_LADDER:
        assert CG.seniority not in curated(role), role
    rows = query(ladder, """
        SELECT ?s WHERE { ?s a cg:Skill FILTER NOT EXISTS { ?s cg:curatedProperty cg:skillCategory } }""")
    assert rows == []


def test_every_curated_value_is_explained(ladder):
    """Every node that marks a curated property says why, in a curation note."""
    rows = query(ladder, """
        SELECT DISTINCT ?node WHERE {
            ?node cg:curatedProperty ?p FILTER NOT EXISTS { ?node cg:curationNote ?note } }""")
    assert rows == []
    skills = query(ladder, "SELECT ?s WHERE { ?s a cg:Skill }")
    assert len(skills) == len(SKILL_CATEGORIES)


def test_the_pm_supervises_an_associate_on_the_individual_track(ladder):
    """ "They report to a product manager" (the APM), yet the article gives the PM no team to
    manage ("if they manage a team of PMs" makes a Group PM): individual contributor, as the
    ontology defines that track, and the note says so."""
    assert (APM, PMR) in REPORTS_TO and ROLES[PMR][2] == CG.IndividualContributor
    notes = query(ladder, "SELECT ?n WHERE { pm:product-manager cg:curationNote ?n }")
    assert "report to a product manager" in str(notes[0][0])
    definition = query(ladder, "SELECT ?d WHERE { cg:IndividualContributor skos:definition ?d }")
    assert "reports to it" in str(definition[0][0])


def test_every_cg_term_is_declared(ladder):
    tbox = rdflib.Graph()
    tbox.parse(ONTOLOGY / "careergraph.ttl")
    data = rdflib.Graph()
    data.parse(ONTOLOGY / "ladders" / "product-management.ttl")
    used = {term for triple in data for term in triple
            if isinstance(term, URIRef) and str(term).startswith(str(CG))}
    declared = set(tbox.subjects())
    assert used - declared == set()
