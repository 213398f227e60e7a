"""Hostile input, round two, at the command line: bounds of count and time options, what the
commands print (terminal escapes, bidi overrides, lone surrogates) and spreadsheet-safe CSV.

The labels come from ``tests/hostile/cli/terminal-labels.ttl``; the cases run in-process through
the ``run`` fixture of :mod:`test_hostile_corpus` (no traceback, no network, no stray reads).
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
import zipfile
from pathlib import Path

import pytest
import test_hostile_corpus as corpus
from test_hostile_corpus import assert_mistake

run, cache_home = corpus.run, corpus.cache_home  # the corpus's fixtures, used here as they are

HOSTILE = Path(__file__).parent / "hostile" / "cli"
LABELS = HOSTILE / "terminal-labels.ttl"

ESCAPE_ROLE = ("Escape\x1b[2J\x1b[31mRed\x1b]8;;http://evil.example/\x07Link\x1b]8;;\x07\x08\x08"
               "\rFake\u202e\x9b")
BIDI_TITLE = "Bidi \u202egnp.exe\u202c"
FORMULA_ROLE = '=HYPERLINK("http://evil.example/","click")'
FORMULA_TITLES = ["+1+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0",
                  "\tTabbed", "\rReturned"]

# Every character a terminal acts on or hides (C0 and C1 controls but newline, DEL, format
# characters such as bidi overrides and isolates, line and paragraph separators, surrogates).
HIDDEN = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2028\u2029"
                    "\u2066-\u2069\ud800-\udfff\ufeff]")


def assert_visible(text: str) -> None:
    """No character of ``text`` is one a terminal would act on or hide."""
    found = HIDDEN.search(text)
    assert found is None, f"raw {found[0]!r} in {text[max(0, found.start() - 40):found.end() + 40]!r}"


# --- item 10: count options have documented maxima ---------------------------------------------

@pytest.mark.parametrize("argv, option", [
    (["path", "APM", "CPO", "--k", "100000"], "--k"),
    (["path", "APM", "CPO", "--all", "--cap", "100000"], "--cap"),
    (["path", "APM", "CPO", "--all", "--cutoff", "1000"], "--cutoff"),
    (["path", "APM", "CPO", "--k", "9" * 5000], "--k"),
])
def test_path_counts_above_their_maximum_are_one_line(run, argv, option):
    result = run(argv)
    assert_mistake(result, rf"argument {option}: must be at most \d+, not ")
    assert len(result.err) < 300


def test_ready_top_above_its_maximum_is_one_line(run):
    profile = Path(__file__).parent / "hostile" / "profiles" / "unknown-role.yaml"
    assert_mistake(run(["ready", profile, "--top", "10000000"]), r"argument --top: must be at most")


def test_maxima_are_shown_in_help(capsys):
    from careergraph.cli.arguments import MAX_CUTOFF, MAX_PATHS, MAX_SECONDS, MAX_TOP
    from careergraph.cli.main import main

    for argv, shown in ((["path", "--help"], [f"at most {MAX_PATHS})", f"at most {MAX_CUTOFF})"]),
                        (["ready", "--help"], [f"at most {MAX_TOP:,})"]),
                        (["query", "--help"], [f"at most {MAX_SECONDS:,}"])):
        assert main(argv) == 0
        text = " ".join(capsys.readouterr().out.split())
        for words in shown:
            assert words in text, (argv, words)


def test_path_counts_at_their_maximum_still_answer(run):
    from careergraph.cli.arguments import MAX_CUTOFF, MAX_PATHS

    assert run(["path", "APM", "CPO", "--k", str(MAX_PATHS), "--format", "json"]).code == 0
    assert run(["path", "APM", "CPO", "--all", "--cap", str(MAX_PATHS), "--cutoff",
                str(MAX_CUTOFF), "--format", "json"]).code == 0


# --- item 6: float options, non-UTF-8 query text ------------------------------------------------

@pytest.mark.parametrize("value", ["inf", "-inf", "nan", "infinity", "1e400", "1e10"])
def test_query_timeout_must_be_finite_and_bounded(run, value):
    assert_mistake(run(["query", "ASK {}", f"--timeout={value}"]),
                   r"argument --timeout: must be a finite number of at most 86,400, not ")


def test_query_argument_from_a_non_utf8_command_line(run):
    text = b'SELECT * WHERE { ?s ?p "caf\xe9" }'.decode("utf-8", "surrogateescape")
    assert_mistake(run(["query", text]), r"the QUERY argument is not UTF-8 text: byte 0xe9")


def test_query_param_from_a_non_utf8_command_line(run):
    value = b"Product \xff".decode("utf-8", "surrogateescape")
    assert_mistake(run(["query", "--name", "role-skills", "--param", f"role={value}"]),
                   r"--param role is not UTF-8 text: byte 0xff")


def test_query_on_stdin_with_bad_bytes(run, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"ASK { ?s ?p \"\xff\" }")))
    assert_mistake(run(["query", "-"]), r"the query on stdin is not UTF-8 text: byte 0xff")


# --- item 13: what is printed on a terminal ----------------------------------------------------

def test_info_shows_escapes_and_bidi_controls(run):
    result = run(["info", "-d", LABELS])
    assert result.code == 0
    assert_visible(result.out)
    assert r"Escape\x1b[2J\x1b[31mRed\x1b]8;;http://evil.example/\x07Link" in result.out
    assert "Bidi <U+202E>gnp.exe<U+202C>" in result.out
    assert r"Bell\x07 DEL\x7f CSI\x9b1m" in result.out


@pytest.mark.parametrize("fmt", ["text", "md"])
def test_path_shows_escapes(run, fmt):
    result = run(["path", "Product Manager", BIDI_TITLE, "-d", LABELS, "--format", fmt])
    assert result.code == 0
    assert_visible(result.out)
    assert r"Escape\x1b" in result.out


def test_path_json_stays_exact_json(run):
    result = run(["path", "Product Manager", BIDI_TITLE, "-d", LABELS, "--format", "json"])
    assert result.code == 0
    assert_visible(result.out)
    assert json.loads(result.out)["to"] == ESCAPE_ROLE


@pytest.mark.parametrize("fmt", ["text", "md"])
def test_describe_shows_escapes(run, fmt):
    result = run(["describe", BIDI_TITLE, "-d", LABELS, "--format", fmt])
    assert result.code == 0
    assert_visible(result.out)
    assert "<U+202E>" in result.out


def test_info_json_escapes_bidi_controls_as_json(run):
    result = run(["info", "-d", LABELS, "--format", "json"])
    assert result.code == 0
    assert_visible(result.out)
    assert "\\u202e" in result.out and BIDI_TITLE in result.out.encode().decode("unicode_escape")


def test_role_not_found_suggestion_is_one_visible_line(run):
    result = run(["path", "Product Manager", "Bidi gnp.ex", "-d", LABELS])
    assert_mistake(result, r"did you mean Escape\\x1b\[2J")
    assert_visible(result.err)


def test_an_error_message_with_a_newline_stays_one_line(run):
    result = run(["query", "ASK {}", "--param", "x\ncareergraph query: error: fake\x1b[2J"])
    assert_mistake(result, r"not 'x\\ncareergraph query: error: fake\\x1b\[2J'")


def test_query_table_shows_escapes(run):
    result = run(["query", "-d", LABELS, "--format", "table",
                  "SELECT ?title WHERE { ?role skos:altLabel ?title }"])
    assert result.code == 0
    assert_visible(result.out)
    assert "<U+202E>" in result.out and "\\rReturned" in result.out


def test_query_json_escapes_bidi_controls(run):
    result = run(["query", "-d", LABELS, "--format", "json",
                  "SELECT ?title WHERE { ?role skos:altLabel ?title }"])
    assert result.code == 0
    assert_visible(result.out)
    titles = {row["title"]["value"] for row in json.loads(result.out)["results"]["bindings"]}
    assert BIDI_TITLE in titles


def test_lone_surrogates_are_printed_not_raised():
    from careergraph.cli.output import format_table, print_json
    from careergraph.cli.printing import show

    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="utf-8", errors="strict")
    show("role \ud800 \udcff", file=stream)
    stream.flush()
    assert raw.getvalue() == b"role <U+D800> <U+DCFF>\n"
    assert "<U+D800>" in format_table([{"role": "x\ud800"}], ["role"])
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict")
    saved, sys.stdout = sys.stdout, out
    try:
        print_json({"role": "x\ud800"})
    finally:
        sys.stdout = saved
    out.seek(0)
    assert json.loads(out.read()) == {"role": "x\ud800"}


def test_show_falls_back_to_backslash_escapes_on_a_narrow_encoding():
    from careergraph.cli.printing import show

    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="ascii", errors="strict")
    show("Ingénieur 🚀", file=stream)
    stream.flush()
    assert raw.getvalue() == b"Ing\\xe9nieur \\U0001f680\n"


# --- item 13: spreadsheet-safe CSV --------------------------------------------------------------

def _zip_rows(path: Path, name: str) -> list[dict[str, str]]:
    with zipfile.ZipFile(path) as archive:
        return list(csv.DictReader(io.StringIO(archive.read(name).decode("utf-8"), newline="")))


def test_export_csv_is_spreadsheet_safe_by_default(run, tmp_path):
    assert run(["export", "-d", LABELS, "--format", "csv", "--out", tmp_path / "g.zip"]).code == 0
    nodes = _zip_rows(tmp_path / "g.zip", "nodes.csv")
    formula = next(row for row in nodes if row["id"].endswith("/formula-role"))
    assert formula["label"] == "'" + FORMULA_ROLE
    assert formula["definition"] == "'=1+1"
    assert formula["alt_labels"].startswith("'")
    for row in nodes + _zip_rows(tmp_path / "g.zip", "edges.csv"):
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value


def test_export_csv_as_it_is_on_request(run, tmp_path):
    assert run(["export", "-d", LABELS, "--format", "csv", "--no-csv-safe",
                "--out", tmp_path / "g.zip"]).code == 0
    nodes = _zip_rows(tmp_path / "g.zip", "nodes.csv")
    formula = next(row for row in nodes if row["id"].endswith("/formula-role"))
    assert formula["label"] == FORMULA_ROLE
    assert sorted(formula["alt_labels"].split("; ")) == sorted(FORMULA_TITLES)  # a CR stays in


QUERY = "SELECT ?title ?n WHERE { ?role skos:altLabel ?title . BIND(-3 AS ?n) }"


def test_query_csv_safe_prefixes_formulas_and_keeps_numbers(run):
    result = run(["query", "-d", LABELS, "--format", "csv", "--csv-safe", QUERY])
    assert result.code == 0
    rows = list(csv.DictReader(io.StringIO(result.out, newline="")))
    titles = {row["title"] for row in rows}
    assert {"'" + title for title in FORMULA_TITLES} <= titles
    assert not any(title.startswith(("=", "+", "-", "@", "\t", "\r")) for title in titles)
    assert {row["n"] for row in rows} == {"-3"}
    exact = run(["query", "-d", LABELS, "--format", "csv", "--no-csv-safe", QUERY])
    titles = {row["title"] for row in csv.DictReader(io.StringIO(exact.out, newline=""))}
    assert set(FORMULA_TITLES) <= titles and BIDI_TITLE in titles


def test_spreadsheet_cells():
    from careergraph.spreadsheet import safe_cell, safe_csv

    for cell in ["=1+1", "+A1", "-A1", "@SUM(A1)", "\tx", "\rx", "\uff1dcmd", "-1+2", "+ 3"]:
        assert safe_cell(cell) == "'" + cell
    for cell in ["-3", "+1.5", "2e10", "", "Product Manager", "a=b", 7, None]:
        assert safe_cell(cell) == cell
    assert safe_csv('a,b\r\n"=x,y",-2\r\n') == "a,b\r\n\"'=x,y\",-2\r\n"


@pytest.mark.parametrize("argv", [["info"], ["validate"], ["path", "Product Manager", "Forged line"],
                                  ["describe", "Forged line"]])
def test_a_newline_in_a_label_cannot_forge_a_line(run, argv):
    result = run([*argv, "-d", LABELS])
    assert result.code == 0, result.err
    assert not [line for line in result.out.splitlines() if line.startswith("ok: no violations, 0")]
    assert "Newline\\nok: no violations" in result.out


@pytest.mark.parametrize("argv", [
    ["info"],
    ["query", "--format", "csv", "SELECT ?l { ?s skos:prefLabel ?l FILTER(STRSTARTS(?l, 'Sur')) }"],
    ["query", "--format", "json", "SELECT ?l { ?s skos:prefLabel ?l FILTER(STRSTARTS(?l, 'Sur')) }"],
    ["query", "--format", "table", "SELECT ?l { ?s skos:prefLabel ?l FILTER(STRSTARTS(?l, 'Sur')) }"],
    ["query", "--format", "nt", "CONSTRUCT WHERE { ?s <http://www.w3.org/2004/02/skos/core#prefLabel> ?l }"],
])
def test_a_lone_surrogate_from_the_data_is_shown_or_refused_in_one_line(run, tmp_path, argv):
    data = tmp_path / "surrogate.jsonld"
    data.write_text('{"@context": {"skos": "http://www.w3.org/2004/02/skos/core#"}, '
                    '"@id": "http://example.org/s", "@type": '
                    '"https://w3id.org/careergraph/ontology#Role", '
                    '"skos:prefLabel": "Sur\\ud800rogate"}', encoding="utf-8")
    result = run([*argv, "-d", data])
    if result.code == 2:  # refused, when reading the file or writing the answer
        assert_mistake(result, r"surrogate|U\+D800|\\ud800")
    else:
        assert result.code == 0, result.err
        assert "\ud800" not in result.out and re.search(r"<U\+D800>|\\ud800", result.out)
