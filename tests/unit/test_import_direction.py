"""The import direction of `transforms/`: pure logic that imports nothing else of the project,
in modules that form no import cycle. Read from the source with `ast`, so that imports inside
functions and under `TYPE_CHECKING` count too."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TRANSFORMS = ROOT / "transforms"
PROJECT_PACKAGES = {"incidents", "flows", "warehouse", "expectations", "scripts", "tests"}


def imported_modules(source: str) -> set[str]:
    """Every absolute module name a source imports, wherever the import statement sits."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def transforms_graph(folder: Path) -> dict[str, set[str]]:
    """Module -> the other `transforms` modules it imports."""
    modules = {p.stem for p in folder.glob("*.py") if p.stem != "__init__"}
    graph: dict[str, set[str]] = {}
    for name in modules:
        imported = imported_modules((folder / f"{name}.py").read_text(encoding="utf-8"))
        graph[name] = {
            m.split(".")[1]
            for m in imported
            if m.startswith("transforms.") and m.split(".")[1] in modules
        } - {name}
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle of the graph as a path that returns to its start, or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (found := visit(start)):
            return found
    return None


def test_transforms_imports_nothing_else_of_the_project() -> None:
    offenders = {
        p.name: sorted(
            m
            for m in imported_modules(p.read_text(encoding="utf-8"))
            if m.split(".")[0] in PROJECT_PACKAGES
        )
        for p in sorted(TRANSFORMS.glob("*.py"))
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_transforms_modules_form_no_import_cycle() -> None:
    assert find_cycle(transforms_graph(TRANSFORMS)) is None


@pytest.mark.parametrize(
    ("graph", "cycle"),
    [
        ({"a": {"b"}, "b": {"a"}}, ["a", "b", "a"]),
        ({"a": {"b"}, "b": {"c"}, "c": {"b"}}, ["b", "c", "b"]),
        ({"a": {"b", "c"}, "b": {"c"}, "c": set()}, None),
    ],
)
def test_find_cycle(graph: dict[str, set[str]], cycle: list[str] | None) -> None:
    assert find_cycle(graph) == cycle


def test_imports_inside_functions_and_type_checking_count() -> None:
    source = (
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from transforms.a import X\n"
        "def f():\n    from warehouse.schema import Y\n    import flows.nightly\n"
    )
    found = imported_modules(source)
    assert {"transforms.a", "warehouse.schema", "flows.nightly"} <= found


# The extractor's layers, lowest first: a module imports only modules of its own layer or of
# the layers below it. The document model sits at the bottom, so that finders, stages and a
# statistical stand-in for any of them all share it without importing one another.
LAYERS = [
    {"doc", "lexicon", "documents"},  # the document model; the lexicon; raw documents
    {"text", "cues", "attack_acts", "casualties", "dates", "places", "actors", "taxonomy",
     "reference", "confidence"},  # finders and their resolvers, one phenomenon each; the compiled seeds
    {"mentions", "events", "attributes"},  # the stages
    {"pipeline"},  # the runner: the stages in their order
    {"incident_reports", "report_model", "incidents"},  # entry points for the flows
]  # fmt: skip


def test_every_transforms_module_has_a_layer() -> None:
    assert set(transforms_graph(TRANSFORMS)) == set().union(*LAYERS)


def test_no_module_imports_a_higher_layer() -> None:
    level = {name: i for i, layer in enumerate(LAYERS) for name in layer}
    upward = {
        (name, dep)
        for name, deps in transforms_graph(TRANSFORMS).items()
        for dep in deps
        if level[dep] > level[name]
    }
    assert upward == set()


def test_the_document_model_imports_nothing_of_the_project() -> None:
    assert transforms_graph(TRANSFORMS)["doc"] == set()
