"""Run the examples in every module's docstrings as tests."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import careergraph

MODULES = sorted(
    name
    for _, name, is_package in pkgutil.walk_packages(careergraph.__path__, "careergraph.")
    if not is_package and not name.startswith("careergraph.ontology")
)


def test_every_module_is_found():
    assert {"careergraph.load", "careergraph.validate", "careergraph.cli.main",
            "careergraph.importers.ladder"} <= set(MODULES)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    flags = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
    failures, _ = doctest.testmod(module, optionflags=flags, verbose=False, report=True)
    assert failures == 0, f"{failures} docstring example(s) of {name} failed (see above)"
