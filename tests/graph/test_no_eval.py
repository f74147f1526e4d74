"""No ``eval``, ``exec`` or ``compile`` of non-literal text anywhere in the repository.

Scans every *.py below the repository root with ``ast`` (so ``model.eval()`` method calls are not
flagged): a call of the builtin name, or of ``builtins.<name>``, whose first argument is not a
string literal is an offence.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SKIPPED = {".git", ".venv", "venv", "env", "node_modules", "__pycache__", "site-packages", "build",
           "dist", ".tox", ".mypy_cache", ".ruff_cache", ".pytest_cache", ".hypothesis"}
BANNED = {"eval", "exec", "compile"}


def python_files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*.py") if not SKIPPED & set(p.relative_to(root).parts)]


def banned_name(call: ast.Call) -> str | None:
    func = call.func
    if isinstance(func, ast.Name) and func.id in BANNED:
        return func.id
    if (isinstance(func, ast.Attribute) and func.attr in BANNED
            and isinstance(func.value, ast.Name) and func.value.id in {"builtins", "__builtins__"}):
        return func.attr
    return None


def offences(path: Path, root: Path = ROOT) -> list[str]:
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"))
    except (SyntaxError, UnicodeDecodeError, ValueError):
        return []  # not Python we can read; the code-quality tests cover syntax
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and (name := banned_name(node)):
            first = node.args[0] if node.args else None
            if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
                found.append(f"{path.relative_to(root)}:{node.lineno}: {name}(...)")
    return found


def test_the_scanner_flags_builtins_but_not_methods(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("model.eval()\nx = eval(text)\nbuiltins.exec(code)\n"
                      "compile('1 + 1', 'f', 'eval')\ncompile(source, 'f', 'exec')\n")
    assert offences(sample, tmp_path) == ["sample.py:2: eval(...)", "sample.py:3: exec(...)",
                                          "sample.py:5: compile(...)"]


def test_no_eval_exec_or_compile_of_text() -> None:
    files = python_files(ROOT)
    assert any(p.name == "expression.py" for p in files)
    assert [o for p in files for o in offences(p)] == []
