"""Run the examples in every module's docstrings as tests."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import careergraph
import careergraph.cli

PACKAGES = (careergraph, careergraph.cli)
"""The code packages, with their subpackages; each is listed on its own because an
editable install maps ``careergraph.cli`` (scripts/) outside ``careergraph`` (graph/)."""

MODULES = sorted(["careergraph"] + [
    name
    for package in PACKAGES
    for _, name, _ in pkgutil.walk_packages(package.__path__, package.__name__ + ".")
])


def test_every_module_is_found():
    assert {"careergraph.load", "careergraph.validate", "careergraph.cli.main",
            "careergraph.importers.ladder"} <= set(MODULES)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    flags = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
    failures, _ = doctest.testmod(module, optionflags=flags, verbose=False, report=True)
    assert failures == 0, f"{failures} docstring example(s) of {name} failed (see above)"
