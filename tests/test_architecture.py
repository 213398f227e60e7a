"""The rules that keep the code's shape (DESIGN.md, "The house after the redesign").

- no import cycle, counting the imports inside functions (type-only imports under
  ``if TYPE_CHECKING:`` do not run, so they do not count);
- the library (``graph/``, installed as ``careergraph``) never imports the command line
  (``scripts/``, installed as ``careergraph.cli``);
- no module over :data:`MAX_LINES` lines;
- no ``isinstance`` test of a backend class outside the store package;
- every public function, method and class has a numpydoc docstring that documents
  its parameters and what it returns (checked by numpydoc's own validator).
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
from pathlib import Path

import networkx as nx
import pytest

REPO = Path(__file__).resolve().parent.parent
PACKAGES = {"graph": "careergraph", "scripts": "careergraph.cli", "ontology": "careergraph.ontology"}
"""Folder of the repository -> the package it is installed as."""

MAX_LINES = 460
"""The longest a module may grow (the redesign's "about 450 lines")."""

BACKENDS = {"MemoryStore", "OxigraphStore", "EndpointStore"}
"""The store classes that only :mod:`careergraph.store` may tell apart."""

NUMPYDOC_CHECKS = {
    "GL08": "no docstring",
    "PR01": "parameters not documented",
    "PR02": "documented parameters that do not exist",
    "RT01": "no Returns section",
    "YD01": "no Yields section",
}
"""The numpydoc validation codes every public object must pass."""


def _python_files() -> dict[str, tuple[Path, bool]]:
    """Module name -> (file, is a package)."""
    modules = {}
    for folder, package in PACKAGES.items():
        for path in (REPO / folder).rglob("*.py"):
            parts = list(path.relative_to(REPO / folder).with_suffix("").parts)
            is_package = parts[-1] == "__init__"
            if is_package:
                parts.pop()
            modules[".".join([package, *parts])] = (path, is_package)
    return modules


MODULES = _python_files()


def _runtime_imports(tree: ast.AST) -> list[ast.Import | ast.ImportFrom]:
    """Every import statement that runs, wherever it is: not those under ``if TYPE_CHECKING:``."""
    found = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import | ast.ImportFrom):
            found.append(node)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def _imported_modules(name: str, path: Path, is_package: bool) -> set[str]:
    """The project's modules that ``name`` imports, as module names."""
    package = name if is_package else name.rpartition(".")[0]
    targets: set[str] = set()
    for node in _runtime_imports(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            candidates = [alias.name for alias in node.names]
        else:
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            candidates = [module] + [f"{module}.{alias.name}" for alias in node.names]
        targets.update(c for c in candidates if c in MODULES and c != name)
    return targets


def import_graph() -> nx.DiGraph:
    """The project's modules, with an edge from each to every module it imports at run time."""
    graph = nx.DiGraph()
    for name, (path, is_package) in MODULES.items():
        graph.add_node(name)
        graph.add_edges_from((name, target) for target in _imported_modules(name, path, is_package))
    return graph


def test_the_import_graph_sees_imports_inside_functions(tmp_path):
    tree = ast.parse("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import a\n"
                     "def f():\n    import b\n    from c import d\n")
    assert [ast.unparse(node) for node in _runtime_imports(tree)] == [
        "from typing import TYPE_CHECKING", "import b", "from c import d"]


def test_no_import_cycle():
    graph = import_graph()
    cycles = [sorted(component) for component in nx.strongly_connected_components(graph)
              if len(component) > 1]
    shown = [" -> ".join(cycle) + " -> " + cycle[0]
             for cycle in (nx.find_cycle(graph.subgraph(c)) for c in cycles)
             for cycle in [[edge[0] for edge in cycle]]]
    assert not cycles, "import cycles:\n" + "\n".join(shown)


def test_the_library_never_imports_the_command_line():
    wrong = sorted((source, target) for source, target in import_graph().edges
                   if not source.startswith("careergraph.cli") and target.startswith("careergraph.cli"))
    assert not wrong


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_module_is_too_long(name):
    path, _ = MODULES[name]
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.relative_to(REPO)} has {lines} lines; split it by job"


def test_no_backend_isinstance_outside_the_store_package():
    found = []
    for name, (path, _) in MODULES.items():
        if name.startswith("careergraph.store"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "isinstance"
                    and len(node.args) == 2 and BACKENDS & {n.id for n in ast.walk(node.args[1])
                                                           if isinstance(n, ast.Name)}):
                found.append(f"{path.relative_to(REPO)}:{node.lineno}")
    assert not found, "backend isinstance outside careergraph.store: " + ", ".join(found)


def _public_objects() -> list[str]:
    """The dotted names of every public function, class and method of the code packages."""
    names = []
    packages = [importlib.import_module(p) for p in ("careergraph", "careergraph.cli")]
    modules = [m for package in packages
               for _, m, _ in pkgutil.walk_packages(package.__path__, package.__name__ + ".")]
    for module_name in sorted(modules):
        if any(part.startswith("_") for part in module_name.split(".")):
            continue
        module = importlib.import_module(module_name)
        for attribute, value in vars(module).items():
            if attribute.startswith("_") or getattr(value, "__module__", None) != module_name:
                continue
            if inspect.isfunction(value):
                names.append(f"{module_name}.{attribute}")
            elif inspect.isclass(value):
                names.append(f"{module_name}.{attribute}")
                for method, member in vars(value).items():
                    function = member.__func__ if isinstance(member, staticmethod | classmethod) else member
                    if not method.startswith("_") and inspect.isfunction(function):
                        names.append(f"{module_name}.{attribute}.{method}")
    return names


@pytest.mark.parametrize("name", _public_objects())
def test_public_docstrings_follow_numpydoc(name):
    validate = pytest.importorskip("numpydoc.validate").validate
    errors = [f"{code}: {message}" for code, message in validate(name)["errors"]
              if code in NUMPYDOC_CHECKS]
    assert not errors, f"{name}: " + "; ".join(errors)
