"""nncore/graph imports one way (see its ``__init__``): no module imports one later in the chain
or a peer at its own level — counting function-level and ``TYPE_CHECKING`` imports too."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "nncore" / "graph"
CHAIN = [
    ["formatting"], ["gate"], ["elementwise", "linalg"], ["ops"], ["node"], ["trace"],
    ["graph", "trace_fields"], ["expression", "export", "jacobian", "examples"], ["layout"],
]
LEVEL = {module: level for level, modules in enumerate(CHAIN) for module in modules}


def graph_imports(path: Path) -> set[str]:
    """The nncore.graph modules ``path`` imports anywhere in its tree (``ast.walk`` reaches
    imports inside functions and ``if TYPE_CHECKING:`` blocks alike); ``"__init__"`` for the
    package itself."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative, from inside nncore/graph
                base = ".".join(filter(None, ["nncore.graph", base]))
            targets = [base, *(f"{base}.{alias.name}" for alias in node.names)]
        else:
            continue
        for parts in (target.split(".") for target in targets):
            if parts[:2] == ["nncore", "graph"]:
                found.add(parts[2] if len(parts) > 2 and parts[2] in LEVEL else "__init__")
    return found


def test_every_module_has_a_place_in_the_chain() -> None:
    modules = {p.stem for p in PACKAGE.glob("*.py")} - {"__init__"}
    assert modules == set(LEVEL)


@pytest.mark.parametrize("module", sorted(LEVEL))
def test_imports_only_reach_earlier_levels(module: str) -> None:
    imported = graph_imports(PACKAGE / f"{module}.py")
    assert "__init__" not in imported, "a submodule must not import its own package"
    later = {other for other in imported if LEVEL[other] >= LEVEL[module] and other != module}
    assert later == set(), f"{module} (level {LEVEL[module]}) imports {sorted(later)}"


def test_the_scanner_sees_hidden_imports(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
                      "    from nncore.graph.graph import Graph\n"
                      "def f():\n    from nncore.graph import expression\n"
                      "    import nncore.graph.export\n    from .layout import x\n")
    assert graph_imports(sample) == {"graph", "expression", "export", "layout", "__init__"}
