"""Project rules a reviewer would otherwise check by hand."""

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [p for d in ("nncore", "ui", "pages", "bench", "tests") for p in (ROOT / d).rglob("*.py")]
SOURCES.append(ROOT / "app.py")
ENGINE_ALLOWED = {"numpy", "networkx", "nncore"}


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
