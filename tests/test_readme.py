"""Every shell example of README.md runs, and prints what the README shows.

One test per example, named ``README.md:LINE command``. The rules (what an
example is, ``...``, markers, servers, skips) are in ``tests/readme_examples.py``;
``python tests/readme_examples.py --show`` prints the output to paste for each
failing example.
"""

from __future__ import annotations

import re

import pytest

import readme_examples as rx

TEXT = rx.README.read_text(encoding="utf-8")
"""The README as collected: the runner parses this same text, so line numbers agree."""
EXAMPLES = rx.examples(TEXT)


@pytest.fixture(scope="module")
def runner(tmp_path_factory):
    runner = rx.Runner(tmp_path_factory.mktemp("readme"), TEXT)
    yield runner
    runner.close()


@pytest.mark.parametrize("example", EXAMPLES, ids=[example.id for example in EXAMPLES])
def test_readme_example(runner, example):
    outcome = runner.outcome(example)
    if outcome.skipped:
        pytest.skip(outcome.skipped)
    if not outcome.ok:
        pytest.fail(outcome.report(), pytrace=False)


def test_every_command_line_of_the_readme_is_an_example():
    commands = {example.line for example in EXAMPLES}
    lines = TEXT.splitlines()
    dollar = [number for number, line in enumerate(lines, 1) if line.startswith("$ ")]
    assert dollar and set(dollar) <= commands, sorted(set(dollar) - commands)
    assert any(example.kind == "output-of" for example in EXAMPLES)
    assert any(example.kind == "sh" for example in EXAMPLES)
    assert len([line for line in lines if line.startswith("<!-- example:")]) == len(
        [item for item in rx.parse(TEXT) if isinstance(item, rx.File) or item.kind == "output-of"])


def test_the_comparison_rules():
    assert rx.compare(["a", "...", "d"], "a\nd\n").ok  # a "..." line matches zero lines
    assert rx.compare(["a", "    ...", "d"], "a\nb\nc\nd").ok  # or several, indented or not
    assert rx.compare(["loaded 12 triples in ... s"], "loaded 12 triples in 0.4 s  \n\n").ok
    assert not rx.compare(["loaded 12 triples in ... s"], "loaded 13 triples in 0.4 s").ok
    assert not rx.compare(["in ... s"], "in 1\n2 s").ok  # "..." in a line stays in the line
    assert not rx.compare(["a"], "a\nb").ok and not rx.compare(["a", "b"], "a").ok
    assert not rx.compare(["  a"], "a").ok  # leading space counts


def test_a_failing_example_gives_a_diff_and_keeps_elisions_that_still_match():
    comparison = rx.compare(["head", "...", "total 3 in ... s"], "head\nx\ny\ntotal 4 in 0.1 s")
    assert not comparison.ok
    assert comparison.proposed() == ["head", "...", "total 4 in 0.1 s"]
    assert re.search(r"^-total 3 in \.\.\. s$", comparison.diff(), re.M)
    assert re.search(r"^\+total 4 in 0\.1 s$", comparison.diff(), re.M)


def test_update_writes_only_where_the_readme_is_unchanged(tmp_path):
    readme = tmp_path / "README.md"
    text = "## S\n\n```\n$ echo 1\n0\n\n$ echo 2\n2\n```\n"
    readme.write_text(text)
    first, second = rx.examples(text)
    outcomes = [rx.Outcome(first, "1\n", 0), rx.Outcome(second, "2\n", 0)]
    assert rx.update_readme(outcomes, readme) == ["README.md:4 echo 1: written (2 lines -> 2)"]
    assert readme.read_text() == text.replace("$ echo 1\n0\n", "$ echo 1\n1\n")
    readme.write_text(text.replace("0\n", "zero\n"))
    assert "not written" in rx.update_readme(outcomes, readme)[0]


def test_the_examples_in_the_harness_docstrings():
    import doctest

    failures, _ = doctest.testmod(rx, optionflags=doctest.ELLIPSIS, verbose=False, report=True)
    assert failures == 0
