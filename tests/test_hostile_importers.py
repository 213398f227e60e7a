"""Hostile input, round two, for the importers (ladders, O*NET, ESCO) and profiles.

Every case runs ``careergraph ...`` in-process under the audit hook of
:mod:`test_hostile_corpus` (no network, no file read but those named, no
traceback) and checks the one line on stderr, exit 2, and that an earlier
output is left byte-identical. The inputs are under ``tests/hostile/``
(``ladders/``, ``profiles/``, ``esco/``, ``onet/``); binary ones (workbooks,
files with a NUL byte) are made here in the test's folder.
"""

from __future__ import annotations

import shutil
import time
import zipfile
from pathlib import Path

import pytest
import test_hostile_corpus
from test_hostile_corpus import HOSTILE, LADDERS, PROFILES, assert_mistake, assert_outputs_untouched

cache_home, out, run = test_hostile_corpus.cache_home, test_hostile_corpus.out, test_hostile_corpus.run
"""The fixtures of the hostile corpus: run ``careergraph`` under the audit hook, an earlier output."""

ESCO = HOSTILE / "esco"
ONET = HOSTILE / "onet"
ONET_FIXTURE = Path(__file__).parent / "fixtures" / "onet"
ESCO_FIXTURE = Path(__file__).parent / "fixtures" / "esco"


# --- ladders --------------------------------------------------------------------------------------

BAD_LADDERS = {
    "huge-seniority.yaml": r"huge-seniority\.yaml, line 5: not valid YAML: a number of 5,000 digits",
    "huge-proficiency.yaml": r"huge-proficiency\.yaml, line 8: not valid YAML: a number of 4,400 digits",
    "nul-title.yaml": r"nul-title\.yaml, line 4: not valid YAML: the text holds the control character U\+0000",
    "escape-title.yaml": r"escape-title\.yaml, line 4: not valid YAML: the text holds the control character U\+001B",
    "surrogate-title.yaml": (r"surrogate-title\.yaml, line 4: not valid YAML: the text holds a lone surrogate "
                             r"\(U\+D800\)"),
    "homoglyph-title.yaml": (r"homoglyph-title\.yaml, line 4, field 'title': the word '\u0410ssociate' of "
                             r"'\u0410ssociate Product Manager' mixes scripts \(Cyrillic, Latin\)"),
    "homoglyph-whole-script.yaml": (r"homoglyph-whole-script\.yaml, line 5, field 'alt_titles': "
                                    r"'\u0410\u0420\u041c' looks the same as 'APM', a title of the role "
                                    r"Associate Product Manager, but is written with other characters"),
    "homoglyph-greek.yaml": (r"homoglyph-greek\.yaml, line 4, field 'title': the word 'Pr\u03bfduct' .* mixes "
                             r"scripts \(Greek, Latin\)"),
    "zero-width-title.yaml": (r"zero-width-title\.yaml, line 4, field 'title': "
                              r"'Prod(\u200b|<U\+200B>)uct Manager' looks the same as 'Product Manager', "
                              r"a title of the role Product Manager"),
    "homoglyph-skill.yaml": (r"homoglyph-skill\.yaml, line 8, field 'name': the word '\u0421ommunication' "
                             r".* mixes scripts"),
}


@pytest.mark.parametrize("name", list(BAD_LADDERS))
def test_hostile_ladder_is_one_line(run, out, name):
    for argv in (["import", "ladder", LADDERS / name, "--out", out / "acme.ttl"],
                 ["path", "APM", "CPO", "-d", LADDERS / name]):
        assert_mistake(run(argv), BAD_LADDERS[name])
    assert_outputs_untouched(out)


def csv_ladder(folder: Path, roles: str, moves: str = "") -> Path:
    folder.mkdir()
    (folder / "ladder.csv").write_text("id,title\nhostile,Hostile ladder\n", encoding="utf-8")
    (folder / "roles.csv").write_bytes(roles.encode("utf-8"))
    if moves:
        (folder / "moves.csv").write_bytes(moves.encode("utf-8"))
    return folder


BAD_CSV_LADDERS = {
    "huge-seniority": ("id,title,seniority,track\nanalyst,Analyst," + "9" * 5000 + ",individual contributor\n",
                       r"huge-seniority/roles\.csv, row 2, field 'seniority': '9{77}\.\.\.' is not a whole number"),
    "nul-cell": ("id,title,seniority,track\nanalyst,Product\0Analyst,1,individual contributor\n",
                 r"nul-cell/roles\.csv, row 2, field 'title': the text holds the control character U\+0000"),
    "unterminated-quote": ("id,title,seniority,track\nanalyst,\"Analyst,1,individual contributor\n"
                           "lead,Lead,2,individual contributor\n",
                           r"unterminated-quote/roles\.csv, row 2: not valid CSV: a quote opened on line 2 "
                           r"is never closed"),
}


@pytest.mark.parametrize("name", list(BAD_CSV_LADDERS))
def test_hostile_csv_ladder_is_one_line(run, out, tmp_path, name):
    roles, pattern = BAD_CSV_LADDERS[name]
    folder = csv_ladder(tmp_path / name, roles)
    assert_mistake(run(["import", "ladder", folder, "--out", out / "acme.ttl"]), pattern)
    assert_outputs_untouched(out)


def moves_of(ttl: Path) -> set[tuple[str, str]]:
    import rdflib

    from careergraph.namespaces import CG

    graph = rdflib.Graph().parse(ttl)
    return {(str(graph.value(m, rdflib.URIRef(CG + "fromRole"))).rsplit("/", 1)[-1],
             str(graph.value(m, rdflib.URIRef(CG + "toRole"))).rsplit("/", 1)[-1])
            for m in graph.subjects(rdflib.URIRef(CG + "fromRole"), None)}


@pytest.mark.parametrize("name", ["alt-title-hijack.yaml", "title-hijack.yaml"])
def test_an_alternative_title_or_abbreviation_does_not_capture_a_built_in_title(run, tmp_path, name):
    result = run(["import", "ladder", LADDERS / name, "--out", tmp_path / "l.ttl"])
    assert result.code == 0, result.err
    moves = moves_of(tmp_path / "l.ttl")
    assert ("associate-product-manager", "product-manager") in moves
    # and the import says which role the move attached to, and which it did not
    notes = [line for line in result.err.splitlines() if "field 'from': 'Associate Product Manager'" in line]
    assert len(notes) == 1 and notes[0].startswith("careergraph import: note: ")
    assert "is Associate Product Manager <https://w3id.org/careergraph/pm/associate-product-manager>" in notes[0]
    assert "not " in notes[0] and "hostile/" in notes[0]


def test_a_note_says_which_role_an_abbreviation_attached_to(run, tmp_path):
    result = run(["import", "ladder", LADDERS / "alt-title-hijack.yaml", "--out", tmp_path / "l.ttl"])
    assert ("growth", "senior-product-manager") in moves_of(tmp_path / "l.ttl")
    assert "line 10, field 'from': 'APM' is Growth Lead" in result.err
    assert "this ladder's role by its alternative title" in result.err


def test_other_scripts_stay_welcome_and_plain_titles_get_no_notes(run, tmp_path):
    """Titles in one script each (Arabic, Hebrew, Japanese, Greek, Cyrillic) import: only look-alikes are refused."""
    from test_hostile_corpus import ACME

    plain = run(["import", "ladder", ACME, "--out", tmp_path / "acme.ttl"])
    assert plain.code == 0 and plain.err == ""
    text = ("ladder: {id: scripts, title: Scripts}\nroles:\n"
            "  - {id: a, title: \"مدير المنتج\", seniority: 1, track: individual contributor,"
            " alt_titles: [\"מנהל מוצר\", \"プロダクトマネージャー\", \"製品担当マネージャー\", APM]}\n"
            "  - {id: b, title: \"Διευθυντής προϊόντος\", seniority: 2, track: individual contributor}\n"
            "  - {id: c, title: \"Менеджер продукта\", seniority: 3, track: individual contributor}\n"
            "moves:\n  - {from: Associate Product Manager, to: b, kind: promotion}\n")
    ladder = tmp_path / "scripts.yaml"
    ladder.write_text(text, encoding="utf-8")
    result = run(["import", "ladder", ladder, "--out", tmp_path / "s.ttl"])
    assert result.code == 0, result.err
    assert moves_of(tmp_path / "s.ttl") == {("associate-product-manager", "b")}


# --- profiles -------------------------------------------------------------------------------------

BAD_PROFILES = {
    "alias-bomb.yaml": r"alias-bomb\.yaml: its aliases \(\*name\) expand to over 100,000 values",
    "alias-bomb-list.yaml": r"alias-bomb-list\.yaml: its aliases \(\*name\) expand to over 100,000 values",
    "huge-level.yaml": r"huge-level\.yaml:3:18: not valid YAML: a number of 5,000 digits",
    "huge-level.json": r"huge-level\.json: not valid JSON: a number of 5,000 digits",
    "huge-level-text.yaml": r"huge-level-text\.yaml:3: skills: the level of 'Communication' is '9{70,}\.\.\.",
    "nul-name.yaml": r"nul-name\.yaml:1:7: not valid YAML: the text holds the control character U\+0000",
    "nul-name.json": r"nul-name\.json: name: the text holds the control character U\+0000",
    "surrogate-skill.json": r"surrogate-skill\.json: skills: the text holds a lone surrogate \(U\+D800\)",
    "superscript-level.yaml": r"superscript-level\.yaml:3: skills: the level of 'Communication' is '\u00b3'",
}


@pytest.mark.parametrize("name", list(BAD_PROFILES))
def test_hostile_profile_is_one_line(run, out, name):
    started = time.monotonic()
    for argv in (["ready", PROFILES / name],
                 ["plan", PROFILES / name, "--to", "CPO", "--html", out / "plan.html"]):
        result = run(argv)
        assert_mistake(result, BAD_PROFILES[name])
        assert len(result.err) < 500
    assert time.monotonic() - started < 20
    assert_outputs_untouched(out)


def test_profiles_and_ladders_share_one_yaml_reader():
    from careergraph import profile
    from careergraph.importers import ladder_yaml
    from careergraph.yaml_safe import load_yaml

    assert profile.load_yaml is load_yaml and ladder_yaml.load_yaml is load_yaml


# --- ESCO -----------------------------------------------------------------------------------------

BAD_ESCO = {
    "uri-space": (r"uri-space/occupations_en\.csv:4: 'conceptUri': "
                  r"'http://data\.europa\.eu/esco/occupation/b b' is not an IRI \(it holds a space\); "
                  r"careergraph refuses the row"),
    "uri-angle": r"uri-angle/occupations_en\.csv:4: 'conceptUri': .* is not an IRI \(it holds '>'\)",
    "unterminated-quote": (r"unterminated-quote/occupations_en\.csv:4: not valid CSV: a quote opened on line 4 "
                           r"is never closed"),
    "unterminated-quote-relations": (r"unterminated-quote-relations/broaderRelationsOccPillar_en\.csv:3: "
                                     r"not valid CSV: a quote opened on line 3 is never closed"),
    "text-after-quote": (r"text-after-quote/occupations_en\.csv:2: not valid CSV: ',' expected after '\"' "
                         r"\(in the record that starts on line 2\)"),
    "missing-cells": (r"missing-cells/occupations_en\.csv:4: 3 cells, but the header has 8 columns"),
    "isco-space": r"isco-space/occupations_en\.csv:4: 'iscoGroup' is '25 12', not an ISCO-08 group code",
}


@pytest.mark.parametrize("name", list(BAD_ESCO))
def test_hostile_esco_is_one_line(run, out, name):
    assert_mistake(run(["import", "esco", ESCO / name, "--out", out / "graph.ttl"]), BAD_ESCO[name])
    assert_outputs_untouched(out)


@pytest.mark.parametrize("character, shown", [("\0", "U\\+0000"), ("\x1b", "U\\+001B"), ("\x85", "U\\+0085")])
def test_a_control_character_in_an_esco_label_is_refused(run, out, tmp_path, character, shown):
    import rdflib

    folder = tmp_path / "esco"
    shutil.copytree(ESCO_FIXTURE, folder)
    clean = run(["import", "esco", folder, "--out", tmp_path / "esco.ttl"])
    assert clean.code == 0, clean.err
    assert len(rdflib.Graph().parse(tmp_path / "esco.ttl")) > 100
    occupations = folder / "occupations_en.csv"
    text = occupations.read_text(encoding="utf-8")
    occupations.write_text(text.replace(",1213,business manager,", f",1213,business{character}manager,", 1),
                           encoding="utf-8", newline="")
    assert_mistake(run(["import", "esco", folder, "--out", out / "graph.ttl"]),
                   rf"occupations_en\.csv:2: 'preferredLabel': the text holds the control character {shown}")
    assert_outputs_untouched(out)


# --- O*NET ----------------------------------------------------------------------------------------

BAD_ONET = {
    "entity-bomb.xml": r"Job Zones\.xlsx: a workbook whose XML declares entities .*careergraph refuses them",
    "external-entity.xml": r"Job Zones\.xlsx: a workbook whose XML declares entities .*careergraph refuses them",
    "broken.xml": r"Job Zones\.xlsx: (row \d+: )?a damaged workbook: its XML cannot be read",
    "mismatched-tag.xml": r"Job Zones\.xlsx: a damaged workbook: its XML cannot be read \(mismatched tag",
    "infinity.xml": r"Job Zones\.xlsx: row 2: a damaged workbook: ValueError: .*'Infinity'",
    "infinity-text.xml": r"Job Zones\.xlsx: row 2: 'Job Zone' is '-Infinity', not a number O\*NET gives",
    "nan.xml": r"Job Zones\.xlsx: row 2: 'Job Zone' is 'NaN', not a number O\*NET gives",
    "huge-number.xml": r"Job Zones\.xlsx: row 2: 'Job Zone' is inf, not a number O\*NET gives",
    "bad-code.xml": r"Job Zones\.xlsx: row 2: 'O\*NET-SOC Code' is '11-1011\.00> a cg:Role', not an O\*NET-SOC code",
    "path-code.xml": (r"Job Zones\.xlsx: row 2: 'O\*NET-SOC Code' is '\.\./\.\./\.\./etc/passwd', not an "
                      r"O\*NET-SOC code"),
}


def hostile_release(tmp_path: Path, sheet: Path) -> Path:
    """A copy of the O*NET cut whose Job Zones.xlsx has ``sheet`` as its worksheet XML."""
    folder = tmp_path / "onet"
    shutil.copytree(ONET_FIXTURE, folder)
    workbook = folder / "Job Zones.xlsx"
    with zipfile.ZipFile(ONET_FIXTURE / "Job Zones.xlsx") as original, \
            zipfile.ZipFile(workbook, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in original.infolist():
            data = original.read(info)
            copy.writestr(info, sheet.read_bytes() if info.filename == "xl/worksheets/sheet1.xml" else data)
    return folder


@pytest.mark.parametrize("name", list(BAD_ONET))
def test_hostile_onet_workbook_is_one_line(run, out, tmp_path, name):
    pytest.importorskip("openpyxl")
    folder = hostile_release(tmp_path, ONET / name)
    started = time.monotonic()
    result = run(["import", "onet", folder, "--out", out / "graph.ttl"])
    assert time.monotonic() - started < 30
    assert_mistake(result, BAD_ONET[name])
    assert len(result.err) < 500
    assert_outputs_untouched(out)


def test_defusedxml_guards_openpyxl():
    pytest.importorskip("openpyxl")
    import openpyxl

    assert openpyxl.DEFUSEDXML, "install defusedxml (careergraph[onet] requires it)"
