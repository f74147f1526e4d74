"""Project rules a reviewer would otherwise check by hand."""

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

ROOT = Path(__file__).resolve().parent.parent
SKIPPED_DIRS = {".git", ".venv", "venv", "build", "node_modules", "__pycache__"}
SOURCES = sorted(p for p in ROOT.rglob("*.py")
                 if not SKIPPED_DIRS & set(p.relative_to(ROOT).parts)
                 and not any(part.endswith(".egg-info") for part in p.parts))
ENGINE_ALLOWED = {"numpy", "networkx", "nncore"}
MAX_FUNCTION_LINES = 60


def imported_roots(path: Path) -> set[str]:
    roots = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
    return roots


def test_engine_imports_numpy_and_networkx_only() -> None:
    offenders = {}
    for path in (ROOT / "nncore").rglob("*.py"):
        if "viz" in path.relative_to(ROOT / "nncore").parts:
            continue
        third_party = imported_roots(path) - set(sys.stdlib_module_names) - ENGINE_ALLOWED
        if third_party:
            offenders[str(path.relative_to(ROOT))] = sorted(third_party)
    assert offenders == {}


def test_only_viz_imports_plotly_in_the_engine() -> None:
    importers = [p for p in (ROOT / "nncore").rglob("*.py") if "plotly" in imported_roots(p)]
    assert all("viz" in p.relative_to(ROOT / "nncore").parts for p in importers)


def test_no_module_over_400_lines() -> None:
    long = {str(p.relative_to(ROOT)): n for p in SOURCES
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400}
    assert long == {}


@pytest.mark.skipif(shutil.which("ruff") is None, reason="ruff is not installed")
def test_ruff_is_clean() -> None:
    result = subprocess.run(["ruff", "check", "."], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


def module_name(path: Path) -> str:
    """``nncore/graph/node.py`` → ``nncore.graph.node``; a package's ``__init__`` is the package."""
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imported_modules(path: Path, known: set[str]) -> set[str]:
    """Every project module ``path`` imports, at any level (function-level and TYPE_CHECKING
    imports included): ``from a.b import c`` is ``a.b.c`` when that is a module, else ``a.b``."""
    package = ".".join(path.relative_to(ROOT).parent.parts)  # what ``from . import`` means
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found |= {f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base
                      for alias in node.names}
    return {name for name in found if name in known}


def project_import_graph() -> nx.DiGraph:
    modules = {module_name(path): path for path in SOURCES}
    graph = nx.DiGraph()
    graph.add_nodes_from(modules)
    for name, path in modules.items():
        graph.add_edges_from((name, target) for target in _imported_modules(path, set(modules))
                             if target != name)
    return graph


def test_project_imports_run_one_way() -> None:
    """No import cycle among the project's own modules (a package's ``__init__`` counts as a
    module: a submodule that imports its own package's ``__init__`` closes a circle)."""
    cycles = list(nx.simple_cycles(project_import_graph()))
    assert cycles == []


def test_engine_imports_no_app_module() -> None:
    """The engine never reaches up into the app: no ``ui``, ``app_pages`` or ``streamlit``, and
    plotly only in ``nncore.viz``."""
    offenders = {}
    for path in (ROOT / "nncore").rglob("*.py"):
        roots = imported_roots(path) & {"ui", "app_pages", "streamlit", "app", "plotly"}
        if "viz" in path.relative_to(ROOT / "nncore").parts:
            roots.discard("plotly")
        if roots:
            offenders[str(path.relative_to(ROOT))] = sorted(roots)
    assert offenders == {}


def test_no_function_over_60_lines() -> None:
    long = {}
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = node.end_lineno - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    long[f"{path.relative_to(ROOT)}:{node.lineno} {node.name}"] = length
    assert long == {}
